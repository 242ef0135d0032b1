"""`parse_location`: building and unit from free text, the raw text always kept."""

import pytest

from closedloop_intake.location import parse_location
from closedloop_shared.events import Location


@pytest.mark.parametrize(
    ("raw", "building", "unit"),
    [
        ("3栋2单元1202", "3", "2-1202"),
        ("3号楼2单元1202室", "3", "2-1202"),
        ("12幢1单元301", "12", "1-301"),
        ("a座1502", "A", "1502"),
        ("3栋1202", "3", "1202"),
        ("3栋", "3", None),
        ("Block B unit 1504", "B", "1504"),
        ("building 7, flat 12A", "7", "12A"),
        ("Tower 2 #803", "2", "803"),
        ("B-1504", "B", "1504"),
        ("12/0803", "12", "0803"),
    ],
)
def test_known_patterns_give_building_and_unit(raw: str, building: str, unit: str | None) -> None:
    """Chinese, English and short forms are parsed; the entrance joins the unit as `2-1202`."""
    assert parse_location(raw) == Location(raw=raw, building=building, unit=unit)


def test_building_letters_are_upper_cased() -> None:
    """`block b` and `Block B` are the same building."""
    assert parse_location("block b unit 1504").building == "B"


def test_surrounding_whitespace_is_trimmed_from_the_raw_text() -> None:
    """The kept raw text is the owner's words without padding."""
    assert parse_location("  B-1504 \n").raw == "B-1504"


@pytest.mark.parametrize("raw", ["near the east gate", "地下车库入口", "next to the playground"])
def test_unparseable_text_keeps_raw_and_leaves_fields_empty(raw: str) -> None:
    """Nothing is guessed: without a match only the raw text is kept."""
    assert parse_location(raw) == Location(raw=raw, building=None, unit=None)


@pytest.mark.parametrize("raw", ["Block " + "X" * 41, "X" * 41 + "栋", "Block B unit " + "9" * 41])
def test_overlong_building_or_unit_keeps_only_the_raw_text(raw: str) -> None:
    """A token too long to be a building or unit is not parsed; the complaint is still accepted."""
    assert parse_location(raw).raw == raw


def test_english_keywords_match_whole_words_only() -> None:
    """`blocked stairwell, building 7` is building 7, not a block named `ED`."""
    assert parse_location("blocked stairwell, building 7").building == "7"


def test_compound_number_is_not_taken_for_the_building() -> None:
    """In `88号院3栋2单元1202` the building is 3 and the unit 2-1202 (88 is the compound)."""
    location = parse_location("88号院3栋2单元1202")
    assert (location.building, location.unit) == ("3", "2-1202")
