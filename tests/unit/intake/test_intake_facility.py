"""Facility-kind detection: which building facility a repair complaint says has failed."""

import pytest

from closedloop_intake.facility import facility_kind
from closedloop_shared.vocabulary import FacilityKind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("电梯坏了，困在里面出不来", FacilityKind.LIFT),
        ("3号楼直梯一直停在12楼不动", FacilityKind.LIFT),
        ("The lift in block B is stuck again", FacilityKind.LIFT),
        ("Both elevators are out of order", FacilityKind.LIFT),
        ("dianti huai le", FacilityKind.LIFT),
        ("dian ti bu dong le", FacilityKind.LIFT),
        ("楼里停水了，一滴水都没有", FacilityKind.WATER),
        ("家里没水了，整栋楼都这样", FacilityKind.WATER),
        ("No water since this morning", FacilityKind.WATER),
        ("water supply cut in the whole building", FacilityKind.WATER),
        ("zhengdong lou tingshui le", FacilityKind.WATER),
        ("突然停电了，整栋楼一片黑", FacilityKind.POWER),
        ("家里没电了", FacilityKind.POWER),
        ("Power cut on all floors", FacilityKind.POWER),
        ("there is no electricity in the flat", FacilityKind.POWER),
        ("ting dian le", FacilityKind.POWER),
        ("楼道里有很浓的燃气味", FacilityKind.GAS),
        ("煤气打不着火，是不是停气了", FacilityKind.GAS),
        ("Strong gas smell in the stairwell", FacilityKind.GAS),
        ("ranqi xielou", FacilityKind.GAS),
    ],
)
def test_kind_is_found_in_chinese_english_and_pinyin(text: str, kind: FacilityKind) -> None:
    """Keywords in any of the three scripts name the failed facility."""
    assert facility_kind(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "卫生间漏水，楼下天花板湿了",
        "家里跳闸了，开关推不上去",
        "楼上装修噪音太大",
        "The ceiling light in the corridor is broken",
        "Water is leaking from the pipe under the sink",
    ],
)
def test_a_leak_a_tripped_breaker_or_other_faults_are_no_facility(text: str) -> None:
    """A leak or a flat's own breaker is one unit's problem, not a building's facility."""
    assert facility_kind(text) is None


def test_a_cause_wins_over_the_symptom_it_produces() -> None:
    """A power cut that stops the lift is a power failure: power is tried before lifts."""
    assert facility_kind("停电了，电梯也不动了") is FacilityKind.POWER
    assert facility_kind("Power cut, the lift has stopped") is FacilityKind.POWER
