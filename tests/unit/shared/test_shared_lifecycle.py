"""`stage_after`: the one reading of the event stream every consumer agrees on."""

from datetime import UTC, datetime

import pytest

from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintEscalated,
    ComplaintFollowedUp,
    ComplaintLinkedToIncident,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    EventData,
    IncidentOpened,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.lifecycle import ORDER, stage_after
from closedloop_shared.vocabulary import (
    Category,
    Channel,
    CloseReason,
    EscalationLevel,
    FacilityKind,
    Stage,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

RECEIVED = ComplaintReceived(
    location=Location(raw="B-1504", building="B", unit="1504"),
    channel=Channel.PHONE,
    reporter_ref="r-1",
    description="lift broken",
    category=Category.REPAIR,
    urgent=False,
    confidence=0.9,
    reported_at=T0,
)
ASSIGNED = ComplaintAssigned(department="engineering", rule="default", round=0)
TRANSFERRED = ComplaintAssigned(
    department="security", rule="transfer: wrong team", round=0, transferred_from="engineering"
)
FIXED = OnSiteFixReported(actor="s", note="n")
RESOLVED = ComplaintResolved(actor="s", resolution="r")
SURVEYED = ComplaintSurveyed(satisfied=False, round=0)
REOPENED = ComplaintReopened(reason="still broken", round=1)
CLOSED = ComplaintClosed(reason=CloseReason.NO_RESPONSE)
ESCALATED = ComplaintEscalated(
    level=EscalationLevel.BLUE,
    stage=Stage.ON_SITE,
    round=0,
    due_at=T0,
    overdue_seconds=-600,
    escalate_to="department",
)


def test_order_lists_the_five_clocked_stages_in_loop_order() -> None:
    """Accept, dispatch, on-site, feedback, follow-up; closed is not a clocked stage."""
    assert ORDER == (
        Stage.ACCEPT,
        Stage.DISPATCH,
        Stage.ON_SITE,
        Stage.FEEDBACK,
        Stage.FOLLOW_UP,
    )


@pytest.mark.parametrize(
    ("current", "event", "expected"),
    [
        (None, RECEIVED, Stage.DISPATCH),
        (Stage.DISPATCH, ASSIGNED, Stage.ON_SITE),
        (Stage.ON_SITE, FIXED, Stage.FEEDBACK),
        (Stage.FEEDBACK, RESOLVED, Stage.FOLLOW_UP),
        (Stage.FOLLOW_UP, REOPENED, Stage.DISPATCH),
        (Stage.FOLLOW_UP, CLOSED, Stage.CLOSED),
    ],
    ids=["received", "assigned", "on_site_fix", "resolved", "reopened", "closed"],
)
def test_stage_changing_events_move_to_the_next_stage(
    current: Stage | None, event: EventData, expected: Stage
) -> None:
    """Each stage-ending event moves the complaint to the stage the table names."""
    assert stage_after(current, event) is expected


@pytest.mark.parametrize(
    ("current", "event"),
    [
        (Stage.ON_SITE, TRANSFERRED),
        (Stage.FEEDBACK, TRANSFERRED),
        (Stage.FOLLOW_UP, SURVEYED),
        (Stage.ON_SITE, ESCALATED),
        (Stage.DISPATCH, ESCALATED),
    ],
    ids=["transfer-on-site", "transfer-feedback", "surveyed", "escalated-on-site", "escalated"],
)
def test_transfers_surveys_and_escalations_keep_the_stage(current: Stage, event: EventData) -> None:
    """A transfer, a survey answer or an escalation does not move the complaint."""
    assert stage_after(current, event) is current


def test_stage_is_unknown_until_received() -> None:
    """Events that keep the stage keep 'unknown' too."""
    assert stage_after(None, ESCALATED) is None
    assert stage_after(None, TRANSFERRED) is None


FOLLOWED_UP = ComplaintFollowedUp(
    follow_up_id="c-2", channel=Channel.PHONE, description="still broken", reported_at=T0
)
OPENED = IncidentOpened(incident_id="i-1", kind=FacilityKind.LIFT, building="B", window_start=T0)
LINKED = ComplaintLinkedToIncident(
    incident_id="i-1", lead_complaint_id="c-1", kind=FacilityKind.LIFT
)


@pytest.mark.parametrize("event", [FOLLOWED_UP, OPENED, LINKED], ids=lambda e: e.TYPE)
@pytest.mark.parametrize("current", [Stage.DISPATCH, Stage.ON_SITE, Stage.FOLLOW_UP, Stage.CLOSED])
def test_follow_ups_and_incident_links_keep_the_stage(current: Stage, event: EventData) -> None:
    """Being chased or linked to an incident does not move a complaint: its own events do."""
    assert stage_after(current, event) is current
