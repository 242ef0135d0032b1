"""Incidents at intake: several units of one building reporting one facility failure."""

import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from closedloop_intake.domain import Submission
from closedloop_intake.duplicates import incident_id_for
from closedloop_intake.tracking import OpenComplaintsTracker
from closedloop_shared.envelope import CloudEvent, derive_id, new_event
from closedloop_shared.events import (
    ComplaintLinkedToIncident,
    ComplaintReceived,
    ComplaintResolved,
    IncidentOpened,
)
from closedloop_shared.inbound import Reporter
from closedloop_shared.vocabulary import FacilityKind

MakeSubmission = Callable[..., Submission]

LIFT = "电梯坏了，一直停在一楼不动"


async def report(
    scenario: Any,
    make_submission: MakeSubmission,
    complaint_id: str,
    unit: str,
    *,
    after: timedelta = timedelta(0),
    building: str = "3",
    description: str = LIFT,
) -> Any:
    """A lift report from `unit` of `building` by a reporter of its own, `after` the last one."""
    entrance, flat = unit.split("-")
    submission = make_submission(
        location=f"{building}栋{entrance}单元{flat}",
        reporter=Reporter(phone=f"+86 139{zlib.crc32(complaint_id.encode()) % 10**8:08d}"),
        description=description,
        reported_at=scenario.clock.now + after,
    )
    scenario.clock.now += after
    return await scenario.intake.accept(submission, complaint_id=complaint_id, correlation_id="r")


def published(scenario: Any, type_: str) -> list[CloudEvent]:
    """Published events of one type, in order."""
    return [e for e in scenario.publisher.published if e.type == type_]


async def test_a_single_lift_report_is_an_ordinary_complaint(
    scenario, make_submission: MakeSubmission
) -> None:
    """One unit reporting opens no incident."""
    await report(scenario, make_submission, "c-1", "2-1202")
    [received] = scenario.publisher.published
    data = received.payload()
    assert isinstance(data, ComplaintReceived)
    assert data.incident is None


async def test_a_second_unit_opens_an_incident_led_by_the_first_complaint(
    scenario, make_submission: MakeSubmission
) -> None:
    """The second report joins on receipt; the first gets IncidentOpened; one link each."""
    await report(scenario, make_submission, "c-1", "2-1202")
    first_contact = scenario.clock.now
    accepted = await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=20))
    assert (accepted.complaint_id, accepted.created) == ("c-2", True)
    incident_id = incident_id_for("site-a", "3", FacilityKind.LIFT, first_contact)
    second = published(scenario, ComplaintReceived.TYPE)[-1].payload()
    assert isinstance(second, ComplaintReceived)
    assert second.incident is not None
    assert (second.incident.incident_id, second.incident.lead_complaint_id) == (incident_id, "c-1")
    [opened] = published(scenario, IncidentOpened.TYPE)
    assert opened.subject == "c-1"
    assert opened.payload() == IncidentOpened(
        incident_id=incident_id, kind=FacilityKind.LIFT, building="3", window_start=first_contact
    )
    [linked] = published(scenario, ComplaintLinkedToIncident.TYPE)
    assert linked.subject == "c-2"
    assert linked.id == derive_id(incident_id, ComplaintLinkedToIncident.TYPE, "c-2")


async def test_the_received_event_goes_out_before_the_links(
    scenario, make_submission: MakeSubmission
) -> None:
    """Every complaint's own events stay in order: received first, then its link."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    about_c2 = [e.type for e in scenario.publisher.published if e.subject == "c-2"]
    assert about_c2 == [ComplaintReceived.TYPE, ComplaintLinkedToIncident.TYPE]


async def test_a_third_unit_joins_the_open_incident(
    scenario, make_submission: MakeSubmission
) -> None:
    """Later reports in the window join the same incident; it opens once."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    await report(scenario, make_submission, "c-3", "4-0902", after=timedelta(minutes=50))
    assert len(published(scenario, IncidentOpened.TYPE)) == 1
    links = published(scenario, ComplaintLinkedToIncident.TYPE)
    assert [e.subject for e in links] == ["c-2", "c-3"]
    assert len({e.payload().incident_id for e in links}) == 1


async def test_another_building_or_another_facility_opens_nothing(
    scenario, make_submission: MakeSubmission
) -> None:
    """Building 4's lift and building 3's water are not building 3's lift incident."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", building="4")
    await report(scenario, make_submission, "c-3", "1-0601", description="家里停水了")
    assert published(scenario, IncidentOpened.TYPE) == []


async def test_reports_further_apart_than_the_window_open_nothing(
    scenario, make_submission: MakeSubmission
) -> None:
    """Three hours apart, two lift reports are two ordinary complaints."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(hours=3))
    assert published(scenario, IncidentOpened.TYPE) == []


async def test_a_resolved_lead_ends_the_incident(scenario, make_submission: MakeSubmission) -> None:
    """Once intake learns the lead was resolved, a new report neither joins nor reuses members."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    tracker = OpenComplaintsTracker(scenario.store, scenario.intake.index)
    resolved = new_event(
        ComplaintResolved(actor="staff-1", resolution="lift repaired"),
        complaint_id="c-1",
        site_id="site-a",
        source="/test",
        cause_id="cmd-1",
        correlation_id="cmd-1",
        time=scenario.clock.now,
    )
    await tracker.on_event(resolved)
    await report(scenario, make_submission, "c-3", "4-0902", after=timedelta(minutes=10))
    last = published(scenario, ComplaintReceived.TYPE)[-1].payload()
    assert isinstance(last, ComplaintReceived)
    assert last.incident is None
    assert len(published(scenario, IncidentOpened.TYPE)) == 1


async def test_opening_links_an_earlier_report_from_the_leads_flat(
    scenario, make_submission: MakeSubmission
) -> None:
    """Two reports from one flat, then another unit: all three are in the incident."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-1b", "2-1202", after=timedelta(minutes=1))
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    links = published(scenario, ComplaintLinkedToIncident.TYPE)
    assert sorted(e.subject for e in links) == ["c-1b", "c-2"]
    [opened] = published(scenario, IncidentOpened.TYPE)
    assert opened.subject == "c-1"


async def test_a_retried_report_adds_no_incident_events(
    scenario, make_submission: MakeSubmission
) -> None:
    """Submitting the second report again changes nothing."""
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    before = len(scenario.publisher.published)
    again = await report(scenario, make_submission, "c-2", "1-0501")
    assert again.duplicate
    assert len(scenario.publisher.published) == before


async def test_a_zero_window_turns_incidents_off(scenario, make_submission: MakeSubmission) -> None:
    """With INTAKE_INCIDENT_WINDOW_SECONDS=0 facility reports stay ordinary complaints."""
    scenario.intake.incident_window = timedelta(0)
    await report(scenario, make_submission, "c-1", "2-1202")
    await report(scenario, make_submission, "c-2", "1-0501", after=timedelta(minutes=5))
    assert published(scenario, IncidentOpened.TYPE) == []
    assert scenario.intake.index.reports == {}
