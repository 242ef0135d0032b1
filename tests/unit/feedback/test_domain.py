"""The feedback domain: folding the lifecycle, opening surveys, answers and the deadline."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from closedloop_feedback.domain import (
    NO_COMMENT_REASON,
    Complaint,
    OpenSurvey,
    SurveyExpired,
    SurveyNotOpen,
    UnknownComplaint,
    answer,
    close_unanswered,
    evolve,
    mark_notified,
    next_due,
    notification_id_for,
    open_survey,
    pending_notification,
)
from closedloop_shared.commands import AnswerSurvey
from closedloop_shared.envelope import derive_id
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintEscalated,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    Location,
)
from closedloop_shared.vocabulary import Category, Channel, CloseReason, EscalationLevel, Stage

Answer = Callable[..., AnswerSurvey]


def survey_of(state: Complaint) -> OpenSurvey:
    """The open survey of `state`, which the test expects to exist."""
    assert state.survey is not None
    return state.survey


def in_progress(stage: Stage) -> Complaint:
    """A complaint at `stage` with no survey."""
    return Complaint(complaint_id="c-1", site_id="site-a", reporter_ref="rep-42", stage=stage)


def test_received_starts_tracking_with_the_reporter_ref() -> None:
    """ComplaintReceived creates the state in dispatch, remembering the pseudonymous reporter."""
    data = ComplaintReceived(
        location=Location(raw="1-101"),
        channel=Channel.PHONE,
        reporter_ref="rep-7",
        description="电梯故障",
        category=Category.REPAIR,
        urgent=True,
        confidence=1.0,
        reported_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    state = evolve(None, data, complaint_id="c-9", site_id="site-b")
    assert state == Complaint(
        complaint_id="c-9", site_id="site-b", reporter_ref="rep-7", stage=Stage.DISPATCH
    )


def test_events_before_received_are_not_tracked() -> None:
    """Without a ComplaintReceived there is nothing to fold into."""
    resolved = ComplaintResolved(actor="s", resolution="done")
    assert evolve(None, resolved, complaint_id="c-1", site_id="site-a") is None


def test_resolved_moves_to_follow_up() -> None:
    """ComplaintResolved puts the complaint in stage follow-up."""
    state = evolve(
        in_progress(Stage.FEEDBACK),
        ComplaintResolved(actor="s", resolution="done"),
        complaint_id="c-1",
        site_id="site-a",
    )
    assert state is not None
    assert state.stage is Stage.FOLLOW_UP


def test_assignment_carries_its_round() -> None:
    """A dispatch after reopening tells the round the complaint is in."""
    state = evolve(
        in_progress(Stage.DISPATCH),
        ComplaintAssigned(department="engineering", rule="r", round=2),
        complaint_id="c-1",
        site_id="site-a",
    )
    assert state is not None
    assert (state.stage, state.round) == (Stage.ON_SITE, 2)


def test_escalation_keeps_the_stage_and_the_open_survey(follow_up: Complaint) -> None:
    """An escalation during follow-up changes neither the stage nor the survey."""
    survey = survey_of(follow_up)
    escalated = ComplaintEscalated(
        level=EscalationLevel.BLUE,
        stage=Stage.FOLLOW_UP,
        round=0,
        due_at=survey.respond_by,
        overdue_seconds=-60,
        escalate_to="department",
    )
    state = evolve(follow_up, escalated, complaint_id="c-1", site_id="site-a")
    assert state is not None
    assert (state.stage, state.survey) == (Stage.FOLLOW_UP, survey)


@pytest.mark.parametrize(
    "event",
    [
        ComplaintSurveyed(satisfied=True, round=0),
        ComplaintClosed(reason=CloseReason.SATISFIED),
        ComplaintReopened(reason="still leaking", round=1),
    ],
    ids=["surveyed", "closed", "reopened"],
)
def test_survey_ends_when_answered_closed_or_reopened(
    follow_up: Complaint, event: ComplaintSurveyed | ComplaintClosed | ComplaintReopened
) -> None:
    """Once surveyed, closed or reopened, no survey is open any more."""
    state = evolve(follow_up, event, complaint_id="c-1", site_id="site-a")
    assert state is not None
    assert state.survey is None


def test_reopened_goes_back_to_dispatch_in_the_new_round(follow_up: Complaint) -> None:
    """ComplaintReopened sends the complaint back to dispatch with its new round."""
    state = evolve(
        follow_up, ComplaintReopened(reason="x", round=1), complaint_id="c-1", site_id="site-a"
    )
    assert state is not None
    assert (state.stage, state.round) == (Stage.DISPATCH, 1)


def test_survey_window_runs_from_the_resolved_time(follow_up: Complaint) -> None:
    """The survey is answerable from the resolution until the window has passed."""
    survey = survey_of(follow_up)
    assert survey.respond_by - survey.requested_at == timedelta(days=3)
    assert (survey.round, survey.notified) == (0, False)


def test_notification_id_is_derived_from_the_resolved_event() -> None:
    """The same ComplaintResolved always leads to the same notification id."""
    assert notification_id_for("ev-1") == notification_id_for("ev-1")
    assert notification_id_for("ev-1") != notification_id_for("ev-2")
    assert notification_id_for("ev-1") == derive_id("ev-1", "survey_requested")


def test_open_survey_owes_a_survey_request(follow_up: Complaint) -> None:
    """An unsent survey yields the SurveyRequested for the owner's reporter ref and round."""
    survey = survey_of(follow_up)
    request = pending_notification(follow_up)
    assert request is not None
    assert request.model_dump() == {
        "type": "survey_requested",
        "notification_id": notification_id_for("ev-resolved"),
        "complaint_id": "c-1",
        "site_id": "site-a",
        "reporter_ref": "rep-42",
        "round": 0,
        "respond_by": survey.respond_by,
    }


def test_sent_request_is_owed_no_more(follow_up: Complaint) -> None:
    """After marking it sent, no request is pending."""
    assert pending_notification(mark_notified(follow_up)) is None


def test_timer_is_due_now_while_the_request_is_unsent_then_at_the_deadline(
    follow_up: Complaint,
) -> None:
    """`next_due` is the request time until the request is sent, then the answer deadline."""
    survey = survey_of(follow_up)
    assert next_due(follow_up) == survey.requested_at
    assert next_due(mark_notified(follow_up)) == survey.respond_by


def test_no_timer_without_an_open_survey() -> None:
    """A complaint with no survey needs no timer."""
    assert next_due(in_progress(Stage.ON_SITE)) is None


def test_satisfied_answer_surveys_and_closes(follow_up: Complaint, make_answer: Answer) -> None:
    """A satisfied owner ends the loop: surveyed, then closed as satisfied."""
    command = make_answer(satisfied=True, score=5, comment="谢谢")
    surveyed, closed = answer(follow_up, command, now=survey_of(follow_up).requested_at)
    assert surveyed == ComplaintSurveyed(satisfied=True, score=5, comment="谢谢", round=0)
    assert closed == ComplaintClosed(reason=CloseReason.SATISFIED)


def test_dissatisfied_answer_surveys_and_reopens_in_the_next_round(
    follow_up: Complaint, make_answer: Answer
) -> None:
    """A dissatisfied owner reopens the complaint for round + 1, with the comment as reason."""
    command = make_answer(satisfied=False, score=1, comment="还在漏水")
    surveyed, reopened = answer(follow_up, command, now=survey_of(follow_up).requested_at)
    assert surveyed == ComplaintSurveyed(satisfied=False, score=1, comment="还在漏水", round=0)
    assert reopened == ComplaintReopened(reason="还在漏水", round=1)


def test_dissatisfied_without_comment_still_gives_a_reason(
    follow_up: Complaint, make_answer: Answer
) -> None:
    """A blank comment is replaced by a stated reason, so the reopening is explained."""
    command = make_answer(satisfied=False, comment="   ")
    _, reopened = answer(follow_up, command, now=survey_of(follow_up).requested_at)
    assert reopened == ComplaintReopened(reason=NO_COMMENT_REASON, round=1)


def test_later_round_reopens_into_the_round_after(make_answer: Answer) -> None:
    """The round after reopening round 2 is round 3."""
    state = open_survey(
        in_progress(Stage.FOLLOW_UP).model_copy(update={"round": 2}),
        resolved_event_id="ev",
        correlation_id="corr",
        resolved_at=datetime(2025, 1, 1, tzinfo=UTC),
        window=timedelta(hours=1),
    )
    _, reopened = answer(state, make_answer(satisfied=False), now=datetime(2025, 1, 1, tzinfo=UTC))
    assert reopened == ComplaintReopened(reason=NO_COMMENT_REASON, round=3)


def test_answer_to_unknown_complaint_is_refused(make_answer: Answer) -> None:
    """Without a tracked complaint the answer is refused as unknown."""
    with pytest.raises(UnknownComplaint, match="c-1 is unknown"):
        answer(None, make_answer(satisfied=True), now=datetime(2025, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    "stage", [Stage.DISPATCH, Stage.ON_SITE, Stage.FEEDBACK, Stage.CLOSED], ids=str
)
def test_answer_outside_follow_up_is_refused_with_the_stage(
    stage: Stage, make_answer: Answer
) -> None:
    """An answer before the complaint is resolved, or after it is closed, names the stage."""
    with pytest.raises(SurveyNotOpen, match=f"in stage {stage} with no open survey"):
        answer(in_progress(stage), make_answer(satisfied=True), now=datetime.now(UTC))


def test_answer_in_follow_up_without_open_survey_is_refused(make_answer: Answer) -> None:
    """In follow-up but already answered, a second answer is refused."""
    with pytest.raises(SurveyNotOpen, match="accepted only in follow_up"):
        answer(in_progress(Stage.FOLLOW_UP), make_answer(satisfied=False), now=datetime.now(UTC))


def test_answer_at_the_deadline_is_refused_as_expired(
    follow_up: Complaint, make_answer: Answer
) -> None:
    """The window is half-open: at the respond-by instant the survey is expired."""
    respond_by = survey_of(follow_up).respond_by
    with pytest.raises(SurveyExpired, match="closed as no-response"):
        answer(follow_up, make_answer(satisfied=True), now=respond_by)


def test_answer_just_before_the_deadline_is_accepted(
    follow_up: Complaint, make_answer: Answer
) -> None:
    """One second before the deadline the answer still counts."""
    now = survey_of(follow_up).respond_by - timedelta(seconds=1)
    assert len(answer(follow_up, make_answer(satisfied=True), now=now)) == 2


def test_expired_is_a_kind_of_not_open() -> None:
    """Callers that map 'not open' to a conflict also cover an expired survey."""
    assert issubclass(SurveyExpired, SurveyNotOpen)


def test_unanswered_survey_closes_as_no_response_at_the_deadline(follow_up: Complaint) -> None:
    """At the respond-by instant an unanswered survey closes as no-response."""
    respond_by = survey_of(follow_up).respond_by
    assert close_unanswered(follow_up, now=respond_by) == ComplaintClosed(
        reason=CloseReason.NO_RESPONSE
    )


def test_unanswered_survey_stays_open_before_the_deadline(follow_up: Complaint) -> None:
    """Before the deadline nothing closes."""
    now = survey_of(follow_up).respond_by - timedelta(microseconds=1)
    assert close_unanswered(follow_up, now=now) is None


def test_no_deadline_close_without_open_survey() -> None:
    """A complaint that is not waiting for an answer is never closed as no-response."""
    assert close_unanswered(in_progress(Stage.FOLLOW_UP), now=datetime.now(UTC)) is None
