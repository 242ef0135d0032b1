"""The complaint view: a pure fold of lifecycle events into stage times, owners and surveys."""

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from closedloop_projection.domain import (
    Assignment,
    ComplaintView,
    Escalation,
    StageTimes,
    Survey,
    apply,
)
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintEscalated,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    OnSiteFixReported,
)
from closedloop_shared.vocabulary import CloseReason, EscalationLevel, Stage

Envelope = Callable[..., CloudEvent]

H = timedelta(hours=1)
M = timedelta(minutes=1)


def fold(events: Sequence[CloudEvent], view: ComplaintView | None = None) -> ComplaintView | None:
    """Apply `events` in order."""
    for event in events:
        data = event.payload()
        assert data is not None
        view = apply(view, event, data)
    return view


def folded(events: Sequence[CloudEvent]) -> ComplaintView:
    """The view of `events`, which must start with ComplaintReceived."""
    view = fold(events)
    assert view is not None
    return view


def test_full_lifecycle_times_all_five_stages(full_loop: list[CloudEvent], t0: datetime) -> None:
    """Accept runs from the owner's call to receipt; each later stage from its start to its end."""
    view = folded(full_loop)
    assert view.stages == (
        StageTimes(stage=Stage.ACCEPT, round=0, started_at=t0, ended_at=t0 + 10 * M),
        StageTimes(stage=Stage.DISPATCH, round=0, started_at=t0 + 10 * M, ended_at=t0 + 30 * M),
        StageTimes(stage=Stage.ON_SITE, round=0, started_at=t0 + 30 * M, ended_at=t0 + 3 * H),
        StageTimes(stage=Stage.FEEDBACK, round=0, started_at=t0 + 3 * H, ended_at=t0 + 20 * H),
        StageTimes(
            stage=Stage.FOLLOW_UP,
            round=0,
            started_at=t0 + 20 * H,
            ended_at=t0 + timedelta(days=2),
        ),
    )


def test_full_lifecycle_records_owner_survey_and_closing(
    full_loop: list[CloudEvent], t0: datetime
) -> None:
    """The closed view names the department, the owner's answer and why it closed."""
    view = folded(full_loop)
    assert view.stage is Stage.CLOSED
    assert view.department == "engineering"
    assert view.assignments == (
        Assignment(
            department="engineering",
            rule="default: repair",
            round=0,
            at=t0 + 30 * M,
            transferred_from=None,
        ),
    )
    assert view.surveys == (
        Survey(round=0, satisfied=True, score=5, comment="好", at=t0 + timedelta(days=2)),
    )
    assert view.closed_reason is CloseReason.SATISFIED
    assert view.closed_at == t0 + timedelta(days=2)
    assert view.last_event_at == t0 + timedelta(days=2)
    assert view.events == 6
    assert view.round == 0


def test_received_fills_the_complaint_facts(full_loop: list[CloudEvent], t0: datetime) -> None:
    """The first event makes a view in dispatch with everything intake recorded."""
    view = folded(full_loop[:1])
    assert view.complaint_id == "c-1"
    assert view.site_id == "site-a"
    assert view.stage is Stage.DISPATCH
    assert view.reported_at == t0
    assert view.received_at == t0 + 10 * M
    assert view.location.unit == "2-1202"
    assert view.reporter_ref == "r-42"
    assert view.department is None
    assert view.events == 1
    assert view.stages[-1] == StageTimes(stage=Stage.DISPATCH, round=0, started_at=t0 + 10 * M)


def test_open_stage_has_no_end(full_loop: list[CloudEvent]) -> None:
    """The current stage is still running."""
    view = folded(full_loop[:3])
    assert view.stage is Stage.FEEDBACK
    assert view.stages[-1].stage is Stage.FEEDBACK
    assert view.stages[-1].ended_at is None
    assert all(s.ended_at is not None for s in view.stages[:-1])


def test_transfer_adds_an_assignment_without_restarting_the_stage(
    full_loop: list[CloudEvent], envelope: Envelope, t0: datetime
) -> None:
    """A transfer changes the owner and is recorded; the stage clock keeps running."""
    before = folded(full_loop[:2])
    transfer = ComplaintAssigned(
        department="legal", rule="transfer: threat to sue", round=0, transferred_from="engineering"
    )
    view = folded([*full_loop[:2], envelope(transfer, 2 * H)])
    assert view.stage is Stage.ON_SITE
    assert view.stages == before.stages
    assert view.department == "legal"
    assert view.assignments[-1] == Assignment(
        department="legal",
        rule="transfer: threat to sue",
        round=0,
        at=t0 + 2 * H,
        transferred_from="engineering",
    )


def test_escalations_are_appended_in_order(
    full_loop: list[CloudEvent], envelope: Envelope, t0: datetime
) -> None:
    """Every warning and breach is kept, with when it was raised; the stage does not move."""
    blue, yellow = (
        ComplaintEscalated(
            level=level,
            stage=Stage.ON_SITE,
            round=0,
            due_at=t0 + 4 * H + 30 * M,
            overdue_seconds=overdue,
            escalate_to=to,
        )
        for level, overdue, to in (
            (EscalationLevel.BLUE, -1800, "department"),
            (EscalationLevel.YELLOW, 0, "supervisor"),
        )
    )
    view = folded([*full_loop[:2], envelope(blue, 4 * H), envelope(yellow, 4 * H + 30 * M)])
    assert view.stage is Stage.ON_SITE
    assert view.escalations == (
        Escalation(
            level=EscalationLevel.BLUE,
            stage=Stage.ON_SITE,
            round=0,
            due_at=t0 + 4 * H + 30 * M,
            at=t0 + 4 * H,
            escalate_to="department",
        ),
        Escalation(
            level=EscalationLevel.YELLOW,
            stage=Stage.ON_SITE,
            round=0,
            due_at=t0 + 4 * H + 30 * M,
            at=t0 + 4 * H + 30 * M,
            escalate_to="supervisor",
        ),
    )
    assert view.events == 4


def test_reopening_starts_round_one_stages(
    full_loop: list[CloudEvent], envelope: Envelope, t0: datetime
) -> None:
    """An unaccepted result ends follow-up and restarts dispatch, on-site... in round 1."""
    not_satisfied = ComplaintSurveyed(satisfied=False, score=2, comment="还在漏", round=0)
    events = [
        *full_loop[:4],
        envelope(not_satisfied, 30 * H),
        envelope(ComplaintReopened(reason="still leaking", round=1), 30 * H),
        envelope(ComplaintAssigned(department="engineering", rule="r", round=1), 31 * H),
        envelope(OnSiteFixReported(actor="staff-8", note="pipe replaced"), 33 * H),
    ]
    view = folded(events)
    assert view.round == 1
    assert view.stage is Stage.FEEDBACK
    assert [(s.stage, s.round) for s in view.stages] == [
        (Stage.ACCEPT, 0),
        (Stage.DISPATCH, 0),
        (Stage.ON_SITE, 0),
        (Stage.FEEDBACK, 0),
        (Stage.FOLLOW_UP, 0),
        (Stage.DISPATCH, 1),
        (Stage.ON_SITE, 1),
        (Stage.FEEDBACK, 1),
    ]
    assert view.stages[4].ended_at == t0 + 30 * H
    assert view.stages[5] == StageTimes(
        stage=Stage.DISPATCH, round=1, started_at=t0 + 30 * H, ended_at=t0 + 31 * H
    )
    assert view.surveys[0].satisfied is False
    assert [a.round for a in view.assignments] == [0, 1]
    assert view.closed_reason is None


def test_events_before_received_give_no_view(full_loop: list[CloudEvent]) -> None:
    """Without ComplaintReceived there is nothing to project yet."""
    assert fold(full_loop[1:]) is None


def test_a_second_received_does_not_reset_the_view(full_loop: list[CloudEvent]) -> None:
    """A ComplaintReceived with another id for a known complaint changes nothing."""
    view = folded(full_loop[:3])
    again = full_loop[0].model_copy(update={"id": "another-id"})
    assert folded([*full_loop[:3], again]) == view


def test_fold_reads_time_from_envelopes_only(full_loop: list[CloudEvent]) -> None:
    """Folding the same events twice gives byte-identical documents."""
    assert folded(full_loop).model_dump_json() == folded(full_loop).model_dump_json()


def test_resolution_is_reflected_in_stage_and_last_event(
    full_loop: list[CloudEvent], envelope: Envelope, t0: datetime
) -> None:
    """Each event updates the count and the time of the latest change."""
    view = folded([*full_loop[:3], envelope(ComplaintResolved(actor="s", resolution="r"), 5 * H)])
    assert view.stage is Stage.FOLLOW_UP
    assert view.last_event_at == t0 + 5 * H
    assert view.events == 4
