"""The pure follow-up and incident decisions: keys, windows, who leads, who joins."""

from datetime import UTC, datetime, timedelta

from closedloop_intake.duplicates import (
    FacilityReport,
    OpenEntry,
    Report,
    facility_report,
    follow_up_key,
    follow_up_target,
    incident_id_for,
    place,
)
from closedloop_shared.events import ComplaintReceived, Location
from closedloop_shared.vocabulary import Category, Channel, FacilityKind

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
WEEK = timedelta(days=7)
TWO_HOURS = timedelta(hours=2)


def received(
    *,
    category: Category = Category.REPAIR,
    location: Location | None = None,
    ref: str = "r-1",
    description: str = "电梯坏了",
    at: datetime = T0,
) -> ComplaintReceived:
    """A received complaint with only what the decisions read varied."""
    return ComplaintReceived(
        location=location or Location(raw="3栋2单元1202", building="3", unit="2-1202"),
        channel=Channel.APP,
        reporter_ref=ref,
        description=description,
        category=category,
        urgent=False,
        confidence=0.9,
        reported_at=at,
    )


def report(complaint_id: str, unit: str, at: datetime) -> FacilityReport:
    """A lift report from `unit` of building 3 at site-a."""
    return FacilityReport(
        site_id="site-a",
        building="3",
        kind=FacilityKind.LIFT,
        complaint_id=complaint_id,
        unit=unit,
        at=at,
    )


def test_follow_up_key_is_site_unit_category_and_reporter() -> None:
    """Two contacts share a key only when site, building, unit, category and reporter agree."""
    key = follow_up_key("site-a", received())
    assert key == "site-a|3|2-1202|repair|r-1"
    assert follow_up_key("site-a", received()) == key
    assert follow_up_key("site-b", received()) != key
    assert follow_up_key("site-a", received(category=Category.NOISE)) != key
    assert follow_up_key("site-a", received(ref="r-2")) != key
    other_unit = Location(raw="3栋2单元1203", building="3", unit="2-1203")
    assert follow_up_key("site-a", received(location=other_unit)) != key


def test_follow_up_key_falls_back_to_the_raw_location_text() -> None:
    """An unparsed location is compared as written, ignoring case and spacing."""
    first = received(location=Location(raw="North  Gate Kiosk"))
    second = received(location=Location(raw="north gate kiosk"))
    assert follow_up_key("site-a", first) == follow_up_key("site-a", second)
    assert "raw:north gate kiosk" in follow_up_key("site-a", first)


def test_an_open_complaint_within_the_window_is_followed_up() -> None:
    """A contact six days after the open complaint's contact chases it."""
    open_ = {"c-1": OpenEntry(reported_at=T0)}
    target = follow_up_target(open_, reported_at=T0 + timedelta(days=6), window=WEEK, exclude="c-2")
    assert target == "c-1"


def test_a_contact_after_the_window_is_not_a_follow_up() -> None:
    """Eight days later the same words are a new complaint."""
    open_ = {"c-1": OpenEntry(reported_at=T0)}
    assert (
        follow_up_target(open_, reported_at=T0 + timedelta(days=8), window=WEEK, exclude="c-2")
        is None
    )


def test_a_submission_never_follows_itself_up() -> None:
    """A retried submission finds its own complaint open, and is not its follow-up."""
    open_ = {"c-1": OpenEntry(reported_at=T0)}
    assert follow_up_target(open_, reported_at=T0, window=WEEK, exclude="c-1") is None


def test_the_latest_open_complaint_is_the_one_followed_up() -> None:
    """With two open complaints in the window, the more recent one is chased."""
    open_ = {
        "c-old": OpenEntry(reported_at=T0),
        "c-new": OpenEntry(reported_at=T0 + timedelta(days=2)),
    }
    assert (
        follow_up_target(open_, reported_at=T0 + timedelta(days=3), window=WEEK, exclude="x")
        == "c-new"
    )


def test_a_repair_naming_a_facility_in_a_parsed_building_is_a_facility_report() -> None:
    """Lift failure in building 3, unit 2-1202: a report keyed by site, building and kind."""
    found = facility_report("site-a", "c-1", received())
    assert found is not None
    assert (found.key, found.unit, found.at) == ("site-a|3|lift", "2-1202", T0)


def test_other_categories_unparsed_buildings_and_plain_faults_are_no_facility_reports() -> None:
    """Only repairs of a building facility in a known building can form incidents."""
    assert facility_report("site-a", "c-1", received(category=Category.NOISE)) is None
    assert facility_report("site-a", "c-1", received(location=Location(raw="lobby"))) is None
    assert facility_report("site-a", "c-1", received(description="卫生间漏水")) is None


def test_a_report_without_a_unit_counts_as_its_reporters_own_unit() -> None:
    """A lobby report of building 3 is distinct from another reporter's lobby report."""
    lobby = Location(raw="3栋大堂", building="3")
    first = facility_report("site-a", "c-1", received(location=lobby, ref="r-1"))
    second = facility_report("site-a", "c-2", received(location=lobby, ref="r-2"))
    assert first is not None
    assert second is not None
    assert first.unit != second.unit


def test_the_first_report_is_only_recorded() -> None:
    """One unit reporting is an ordinary complaint."""
    placed = place({}, report("c-1", "2-1202", T0), TWO_HOURS)
    assert placed.link is None
    assert placed.opening is None
    assert placed.writes == {"c-1": Report(unit="2-1202", at=T0)}


def test_a_second_report_from_the_same_unit_opens_no_incident() -> None:
    """Two reports from one flat are not several units."""
    existing = {"c-1": Report(unit="2-1202", at=T0)}
    placed = place(existing, report("c-2", "2-1202", T0 + timedelta(minutes=5)), TWO_HOURS)
    assert placed.link is None


def test_another_unit_within_the_window_opens_an_incident_led_by_the_first_report() -> None:
    """The second unit opens the incident; the earliest report leads it, both are linked."""
    existing = {"c-1": Report(unit="2-1202", at=T0)}
    placed = place(existing, report("c-2", "1-0501", T0 + timedelta(minutes=30)), TWO_HOURS)
    incident_id = incident_id_for("site-a", "3", FacilityKind.LIFT, T0)
    assert placed.link is not None
    assert (placed.link.incident_id, placed.link.lead_complaint_id) == (incident_id, "c-1")
    assert placed.opening is not None
    assert (placed.opening.lead, placed.opening.window_start, placed.opening.linked) == (
        "c-1",
        T0,
        (),
    )
    assert {cid: (r.incident_id, r.lead) for cid, r in placed.writes.items()} == {
        "c-1": (incident_id, "c-1"),
        "c-2": (incident_id, "c-1"),
    }


def test_opening_links_every_unlinked_report_in_the_window() -> None:
    """An earlier report from the lead's own flat is linked when the incident opens."""
    existing = {
        "c-1": Report(unit="2-1202", at=T0),
        "c-1b": Report(unit="2-1202", at=T0 + timedelta(minutes=1)),
    }
    placed = place(existing, report("c-2", "1-0501", T0 + timedelta(minutes=10)), TWO_HOURS)
    assert placed.opening is not None
    assert placed.opening.linked == ("c-1b",)


def test_a_later_report_within_the_window_joins_the_incident() -> None:
    """A third unit joins the open incident; no second incident opens."""
    incident_id = incident_id_for("site-a", "3", FacilityKind.LIFT, T0)
    existing = {
        "c-1": Report(unit="2-1202", at=T0, incident_id=incident_id, lead="c-1"),
        "c-2": Report(unit="1-0501", at=T0, incident_id=incident_id, lead="c-1"),
    }
    placed = place(existing, report("c-3", "4-0902", T0 + timedelta(hours=1)), TWO_HOURS)
    assert placed.link is not None
    assert placed.link.incident_id == incident_id
    assert placed.opening is None
    assert placed.writes["c-3"].lead == "c-1"


def test_a_report_after_the_window_starts_afresh() -> None:
    """Three hours after the lead's contact a report neither joins nor opens with old ones."""
    incident_id = incident_id_for("site-a", "3", FacilityKind.LIFT, T0)
    existing = {
        "c-1": Report(unit="2-1202", at=T0, incident_id=incident_id, lead="c-1"),
        "c-2": Report(unit="1-0501", at=T0, incident_id=incident_id, lead="c-1"),
    }
    placed = place(existing, report("c-3", "4-0902", T0 + timedelta(hours=3)), TWO_HOURS)
    assert placed.link is None


def test_members_of_an_incident_whose_lead_was_resolved_open_nothing_new() -> None:
    """Once the lead left the index (resolved), its members cannot seed another incident."""
    incident_id = incident_id_for("site-a", "3", FacilityKind.LIFT, T0)
    existing = {"c-2": Report(unit="1-0501", at=T0, incident_id=incident_id, lead="c-1")}
    placed = place(existing, report("c-3", "4-0902", T0 + timedelta(minutes=20)), TWO_HOURS)
    assert placed.link is None


def test_old_entries_are_dropped() -> None:
    """Entries older than two windows cannot matter to any later report and are forgotten."""
    existing = {"c-old": Report(unit="2-1202", at=T0 - timedelta(hours=5))}
    placed = place(existing, report("c-1", "1-0501", T0), TWO_HOURS)
    assert placed.drop == ("c-old",)
    assert placed.link is None


def test_the_incident_id_is_fixed_by_site_building_kind_and_window_start() -> None:
    """Whoever opens the incident names it alike; another building or kind is another one."""
    first = incident_id_for("site-a", "3", FacilityKind.LIFT, T0)
    assert incident_id_for("site-a", "3", FacilityKind.LIFT, T0) == first
    assert incident_id_for("site-a", "4", FacilityKind.LIFT, T0) != first
    assert incident_id_for("site-a", "3", FacilityKind.WATER, T0) != first
    assert incident_id_for("site-a", "3", FacilityKind.LIFT, T0 + timedelta(seconds=1)) != first
