"""A reviewer's urgency correction changes the clocks of the stages that start afterwards."""

from datetime import UTC, datetime, timedelta

from closedloop_shared.events import ComplaintCorrected
from closedloop_sla.domain import decide

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_corrected_urgency_times_the_next_stage_with_the_urgent_policy(story, policy, thresholds):
    """Marked urgent while dispatching: the running clock stays; the on-site one is urgent (1 h)."""
    received = decide(None, story.received(T0), story.received(T0).payload(), policy, thresholds)
    assert received is not None
    dispatch_due = received.state.clock.due_at if received.state.clock else None
    correction = story.event(
        ComplaintCorrected(actor="desk", reason="gas", urgent=True),
        T0 + timedelta(minutes=1),
        "fix",
    )
    corrected = decide(received.state, correction, correction.payload(), policy, thresholds)
    assert corrected is not None
    assert corrected.state.urgent is True
    assert corrected.state.clock is not None
    assert corrected.state.clock.due_at == dispatch_due
    assigned = story.assigned(T0 + timedelta(minutes=2))
    after = decide(corrected.state, assigned, assigned.payload(), policy, thresholds)
    assert after is not None
    assert after.state.clock is not None
    assert after.state.clock.due_at == assigned.time + HOUR


def test_correction_without_urgency_changes_no_clock(story, policy, thresholds):
    """A category-only correction leaves the clocks as they were."""
    received = decide(None, story.received(T0), story.received(T0).payload(), policy, thresholds)
    assert received is not None
    correction = story.event(
        ComplaintCorrected(actor="desk", reason="type", category="noise"), T0, "fix"
    )
    corrected = decide(received.state, correction, correction.payload(), policy, thresholds)
    assert corrected is not None
    assert corrected.state == received.state
