"""Incidents in the router: one dispatch for the outage, staff act on the lead, members follow."""

from typing import Any

import httpx
import pytest

from closedloop_router.domain import IllegalAction
from closedloop_router.incidents import Incident, LeadStep, join, lead_moved
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintLinkedToIncident,
    ComplaintReopened,
    ComplaintResolved,
    IncidentLink,
    IncidentOpened,
    OnSiteFixReported,
)
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, FacilityKind, Stage
from tests.unit.router.conftest import STAFF_KEY, T0, Scenario, received_data

INCIDENT = "i-lift-3"
LEAD, MEMBER, LATE = "c-1", "c-2", "c-3"
LINK = IncidentLink(incident_id=INCIDENT, lead_complaint_id=LEAD, kind=FacilityKind.LIFT)


async def pump(scenario: Scenario, start: int = 0) -> None:
    """Deliver everything the router published from `start` on back to it, as the topic would."""
    delivered = start
    while delivered < len(scenario.publisher.published):
        await scenario.router.on_event(scenario.publisher.published[delivered])
        delivered += 1


def of(scenario: Scenario, complaint_id: str, type_: str) -> list[CloudEvent]:
    """What the router published about one complaint, of one type."""
    return [
        e for e in scenario.publisher.published if e.subject == complaint_id and e.type == type_
    ]


async def member_joins(scenario: Scenario, member: str = MEMBER) -> None:
    """Intake's events for a member that joined on receipt: received with the link, then linked."""
    data = received_data().model_copy(update={"incident": LINK})
    await scenario.router.on_event(scenario.envelope(data, complaint_id=member))
    linked = ComplaintLinkedToIncident(incident_id=INCIDENT, lead_complaint_id=LEAD, kind=LINK.kind)
    await scenario.router.on_event(scenario.envelope(linked, complaint_id=member))


async def incident(scenario: Scenario) -> None:
    """The lead received and dispatched, the incident opened on it, one member joined."""
    await scenario.receive(complaint_id=LEAD)
    opened = IncidentOpened(incident_id=INCIDENT, kind=LINK.kind, building="3", window_start=T0)
    await scenario.router.on_event(scenario.envelope(opened, complaint_id=LEAD))
    await member_joins(scenario)


async def staff(scenario: Scenario, kind: str, complaint_id: str = LEAD, **fields: Any) -> None:
    """A staff command on `complaint_id`, then the topic delivered back."""
    start = len(scenario.publisher.published)
    command = scenario.command(
        kind, command_id=f"cmd-{kind}-{complaint_id}", complaint_id=complaint_id, **fields
    )
    await scenario.router.on_command(command)
    await pump(scenario, start)


async def test_a_member_is_assigned_to_the_leads_department_under_the_incident(
    scenario: Scenario,
) -> None:
    """A complaint that joined on receipt is not dispatched on its own: rule `incident <id>`."""
    await incident(scenario)
    [lead_assigned] = of(scenario, LEAD, ComplaintAssigned.TYPE)
    [member_assigned] = of(scenario, MEMBER, ComplaintAssigned.TYPE)
    assert member_assigned.payload() == ComplaintAssigned(
        department="engineering", rule=f"incident {INCIDENT}", round=0
    )
    assert lead_assigned.payload().department == "engineering"
    assert scenario.state(MEMBER).incident_lead == LEAD
    assert scenario.state(LEAD).incident_lead == LEAD


async def test_a_member_follows_a_transferred_lead(scenario: Scenario) -> None:
    """The incident's department is the lead's current one, not the rules' default."""
    await scenario.receive(complaint_id=LEAD)
    await staff(scenario, "transfer", department="security")
    await member_joins(scenario)
    [assigned] = of(scenario, MEMBER, ComplaintAssigned.TYPE)
    assert assigned.payload().department == "security"


async def test_a_member_of_a_lead_unknown_yet_gets_the_department_the_rules_give_the_lead(
    scenario: Scenario,
) -> None:
    """Before the router has seen the lead, the lead's default department is used."""
    await member_joins(scenario)
    [assigned] = of(scenario, MEMBER, ComplaintAssigned.TYPE)
    assert assigned.payload().department == "engineering"


async def test_staff_may_not_fix_or_resolve_a_member_themselves(scenario: Scenario) -> None:
    """Staff act on the lead; a member's own fix is refused with the reason."""
    await incident(scenario)
    command = scenario.command("fix", command_id="x", complaint_id=MEMBER)
    with pytest.raises(IllegalAction, match=f"part of incident {INCIDENT}.*lead {LEAD}"):
        await scenario.router.on_command(command)


async def test_a_member_may_still_be_transferred(scenario: Scenario) -> None:
    """Only the stage actions follow the lead; ownership of a member may still change."""
    await incident(scenario)
    await staff(scenario, "transfer", complaint_id=MEMBER, department="security")
    assert scenario.state(MEMBER).department == "security"


async def test_the_leads_fix_fixes_every_member(scenario: Scenario) -> None:
    """Reporting the lead's on-site fix moves every member to feedback too."""
    await incident(scenario)
    await staff(scenario, "fix")
    [fixed] = of(scenario, MEMBER, OnSiteFixReported.TYPE)
    assert fixed.payload() == OnSiteFixReported(actor="staff-7", note="valve replaced")
    assert scenario.state(MEMBER).stage is Stage.FEEDBACK


async def test_resolving_the_lead_resolves_every_member(scenario: Scenario) -> None:
    """Each member gets the lead's resolution, so each owner is surveyed as usual."""
    await incident(scenario)
    await staff(scenario, "fix")
    await staff(scenario, "resolve")
    [resolved] = of(scenario, MEMBER, ComplaintResolved.TYPE)
    assert resolved.payload() == ComplaintResolved(
        actor="staff-7", resolution="leak fixed, ceiling dried"
    )
    assert scenario.state(MEMBER).stage is Stage.FOLLOW_UP
    assert len(of(scenario, MEMBER, OnSiteFixReported.TYPE)) == 1


async def test_a_member_joining_after_the_leads_fix_gets_fix_and_resolution_with_the_lead(
    scenario: Scenario,
) -> None:
    """A member joining after the lead's fix is fixed at once, and resolved with the lead."""
    await scenario.receive(complaint_id=LEAD)
    opened = IncidentOpened(incident_id=INCIDENT, kind=LINK.kind, building="3", window_start=T0)
    await scenario.router.on_event(scenario.envelope(opened, complaint_id=LEAD))
    await staff(scenario, "fix")
    start = len(scenario.publisher.published)
    await member_joins(scenario)
    await pump(scenario, start)
    assert scenario.state(MEMBER).stage is Stage.FEEDBACK  # it caught up with the lead's fix
    await staff(scenario, "resolve")
    assert scenario.state(MEMBER).stage is Stage.FOLLOW_UP
    assert len(of(scenario, MEMBER, OnSiteFixReported.TYPE)) == 1


async def test_the_leads_fix_from_the_topic_alone_moves_the_members(scenario: Scenario) -> None:
    """A lead's fix the router reads from the topic (not its own command) fixes members too."""
    await incident(scenario)
    start = len(scenario.publisher.published)
    await scenario.router.on_event(
        scenario.envelope(OnSiteFixReported(actor="s", note="n"), complaint_id=LEAD)
    )
    await pump(scenario, start)
    assert scenario.state(MEMBER).stage is Stage.FEEDBACK


async def test_replayed_lead_events_give_members_nothing_twice(scenario: Scenario) -> None:
    """Redelivering the lead's fix and resolution changes nothing."""
    await incident(scenario)
    await staff(scenario, "fix")
    await staff(scenario, "resolve")
    count = len(scenario.publisher.published)
    for event in list(scenario.publisher.published):
        await scenario.router.on_event(event)
    assert len(scenario.publisher.published) == count


async def test_a_member_linked_after_the_lead_was_resolved_catches_up(
    scenario: Scenario,
) -> None:
    """A late member is fixed and resolved at once: it misses no step of the lead."""
    await incident(scenario)
    await staff(scenario, "fix")
    await staff(scenario, "resolve")
    start = len(scenario.publisher.published)
    await member_joins(scenario, LATE)
    await pump(scenario, start)
    assert [e.type for e in scenario.publisher.published[start:] if e.subject == LATE] == [
        ComplaintAssigned.TYPE,
        OnSiteFixReported.TYPE,
        ComplaintResolved.TYPE,
    ]
    assert scenario.state(LATE).stage is Stage.FOLLOW_UP


async def test_an_earlier_complaint_linked_later_keeps_its_department(
    scenario: Scenario,
) -> None:
    """A complaint dispatched before the incident opened is linked without a new assignment."""
    await scenario.receive(complaint_id=LEAD)
    await scenario.receive(Category.REPAIR, complaint_id=MEMBER)
    linked = ComplaintLinkedToIncident(incident_id=INCIDENT, lead_complaint_id=LEAD, kind=LINK.kind)
    await scenario.router.on_event(scenario.envelope(linked, complaint_id=MEMBER))
    assert len(of(scenario, MEMBER, ComplaintAssigned.TYPE)) == 1
    assert scenario.state(MEMBER).incident_id == INCIDENT


async def test_a_reopened_member_is_handled_on_its_own(scenario: Scenario) -> None:
    """After the incident, a dissatisfied member is dispatched again and staff act on it."""
    await incident(scenario)
    await staff(scenario, "fix")
    await staff(scenario, "resolve")
    start = len(scenario.publisher.published)
    reopened = scenario.envelope(ComplaintReopened(reason="still", round=1), complaint_id=MEMBER)
    await scenario.router.on_event(reopened)
    await pump(scenario, start)
    [_, again] = of(scenario, MEMBER, ComplaintAssigned.TYPE)
    assert again.payload().rule.startswith("default")
    await staff(scenario, "fix", complaint_id=MEMBER)
    assert scenario.state(MEMBER).stage is Stage.FEEDBACK


async def test_the_incident_record_keeps_members_and_the_leads_progress(
    scenario: Scenario,
) -> None:
    """The router's parent record of the incident."""
    await incident(scenario)
    await staff(scenario, "fix")
    record = scenario.incidents.records[INCIDENT].state
    assert (record.lead_id, record.members, record.fixed_members) == (LEAD, (MEMBER,), (MEMBER,))
    assert record.fixed is not None
    assert record.resolved is None


async def test_staff_get_409_for_a_members_own_fix_over_http(
    scenario: Scenario, client: httpx.AsyncClient
) -> None:
    """The HTTP answer names the incident and its lead."""
    await incident(scenario)
    response = await client.post(
        f"/complaints/{MEMBER}/on-site-fix", json={"note": "x"}, headers={"X-API-Key": STAFF_KEY}
    )
    assert response.status_code == 409
    assert LEAD in response.json()["detail"]


STEP = LeadStep(event_id="e-fix", correlation_id="c", actor="s", text="fixed", at=T0)
RESOLVED = LeadStep(event_id="e-res", correlation_id="c", actor="s", text="done", at=T0)


def test_join_adds_a_member_once() -> None:
    """Joining twice, or the lead joining itself, changes nothing."""
    base = Incident(incident_id=INCIDENT, site_id="site-a", lead_id=LEAD)
    once, _ = join(base, MEMBER, Stage.ON_SITE)
    twice, steps = join(once, MEMBER, Stage.ON_SITE)
    assert twice.members == (MEMBER,)
    assert steps == []
    assert join(base, LEAD, Stage.ON_SITE) == (base, [])


def test_lead_moved_skips_members_resolved_on_their_own() -> None:
    """A member already in follow-up (resolved before it was linked) gets nothing."""
    base = Incident(incident_id=INCIDENT, site_id="site-a", lead_id=LEAD, members=(MEMBER, LATE))
    after, steps = lead_moved(
        base, RESOLVED, resolved=True, stages={MEMBER: Stage.FOLLOW_UP, LATE: Stage.FEEDBACK}
    )
    assert [(s.member, s.data.TYPE) for s in steps] == [(LATE, ComplaintResolved.TYPE)]
    assert after.resolved_members == (LATE,)


def test_the_first_fix_of_the_lead_is_the_one_kept() -> None:
    """A later round's fix of the lead does not replace the incident's fix."""
    base = Incident(incident_id=INCIDENT, site_id="site-a", lead_id=LEAD)
    first, _ = lead_moved(base, STEP, resolved=False, stages={})
    second, _ = lead_moved(first, RESOLVED.model_copy(), resolved=False, stages={})
    assert second.fixed == STEP


async def test_members_of_a_lead_resolved_before_the_incident_opened_are_resolved(
    scenario: Scenario,
) -> None:
    """If the lead was already resolved when the incident opened, joining members follow it."""
    await scenario.receive(complaint_id=LEAD)
    await staff(scenario, "fix")
    await staff(scenario, "resolve")
    opened = IncidentOpened(incident_id=INCIDENT, kind=LINK.kind, building="3", window_start=T0)
    await scenario.router.on_event(scenario.envelope(opened, complaint_id=LEAD))
    start = len(scenario.publisher.published)
    await member_joins(scenario)
    await pump(scenario, start)
    assert scenario.state(MEMBER).stage is Stage.FOLLOW_UP


class ConflictOnce(InMemoryRecordStore[Incident]):
    """An incident store whose first save loses a race with another instance."""

    def __init__(self) -> None:
        super().__init__()
        self.conflicts = 1

    async def save(self, *args: Any, **kwargs: Any) -> Any:
        if self.conflicts:
            self.conflicts -= 1
            raise ConcurrencyConflict("incident changed meanwhile")
        return await super().save(*args, **kwargs)


async def test_a_conflicting_incident_save_is_applied_on_the_retry(scenario: Scenario) -> None:
    """The workflow was saved but the incident record was not: the redelivery completes it."""
    scenario.router.incidents = scenario.incidents = ConflictOnce()
    await scenario.receive(complaint_id=LEAD)
    opened = scenario.envelope(
        IncidentOpened(incident_id=INCIDENT, kind=LINK.kind, building="3", window_start=T0),
        complaint_id=LEAD,
    )
    with pytest.raises(ConcurrencyConflict):
        await scenario.router.on_event(opened)
    await scenario.router.on_event(opened)
    assert scenario.incidents.records[INCIDENT].state.lead_id == LEAD
