"""The feedback use cases on in-memory fakes: events emitted, requests sent, idempotence."""

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from closedloop_feedback.domain import SurveyExpired, SurveyNotOpen, UnknownComplaint
from closedloop_shared.envelope import CloudEvent, derive_id
from closedloop_shared.events import (
    ComplaintClosed,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
)
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.vocabulary import CloseReason, Stage

if TYPE_CHECKING:
    from conftest import Scenario

SOURCE = "/closedloop/feedback"


class FailingOncePublisher(RecordingPublisher):
    """A lifecycle publisher whose first send fails, like a broker that was briefly away."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 1

    async def publish(self, event: CloudEvent) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("broker unavailable")
        await super().publish(event)


class EchoingPublisher(RecordingPublisher):
    """A lifecycle publisher whose topic delivers each event straight back to the service."""

    def __init__(self, scenario: "Scenario") -> None:
        super().__init__()
        self.scenario = scenario

    async def publish(self, event: CloudEvent) -> None:
        await super().publish(event)
        await self.scenario.feedback.on_event(event)


# --- survey requests -------------------------------------------------------------------------


async def test_resolved_sends_one_survey_request(scenario: "Scenario") -> None:
    """ComplaintResolved leads to a SurveyRequested for the reporter, due after the window."""
    resolved = await scenario.resolve()
    [request] = scenario.notifier.published
    assert request.notification_id == derive_id(resolved.id, "survey_requested")
    assert (request.complaint_id, request.site_id, request.reporter_ref, request.round) == (
        "c-1",
        "site-a",
        "rep-42",
        0,
    )
    assert request.respond_by == resolved.time + scenario.window
    assert scenario.publisher.published == []


async def test_sent_request_leaves_the_record_waiting_until_the_deadline(
    scenario: "Scenario",
) -> None:
    """Once sent, the record is in follow-up and its timer is the answer deadline."""
    resolved = await scenario.resolve()
    record = scenario.store.records["c-1"]
    assert record.state.stage is Stage.FOLLOW_UP
    assert record.state.survey is not None
    assert record.state.survey.notified
    assert record.due_at == resolved.time + scenario.window


async def test_no_survey_request_before_resolution(scenario: "Scenario") -> None:
    """Intake, dispatch and the on-site fix ask nothing of the owner and set no timer."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    assert scenario.notifier.published == []
    assert scenario.state().stage is Stage.FEEDBACK
    assert scenario.store.records["c-1"].due_at is None


async def test_redelivered_resolved_sends_no_second_request(scenario: "Scenario") -> None:
    """The same ComplaintResolved delivered twice requests the survey once."""
    resolved = await scenario.resolve()
    version = scenario.store.records["c-1"].version
    await scenario.feedback.on_event(resolved)
    assert len(scenario.notifier.published) == 1
    assert scenario.store.records["c-1"].version == version


async def test_redelivered_event_changes_nothing(scenario: "Scenario") -> None:
    """A lifecycle event delivered twice is applied once."""
    [received] = await scenario.feed(scenario.received())
    before = scenario.store.records["c-1"]
    await scenario.feedback.on_event(received)
    assert scenario.store.records["c-1"] == before


async def test_request_that_failed_is_resent_on_redelivery(scenario: "Scenario") -> None:
    """If sending fails after the state was saved, the redelivered event sends it, same id."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    resolved = scenario.event(ComplaintResolved(actor="s", resolution="done"))
    scenario.notifier.failing = True
    with pytest.raises(ConnectionError):
        await scenario.feedback.on_event(resolved)
    assert scenario.store.records["c-1"].due_at == resolved.time  # owed now
    scenario.notifier.failing = False
    await scenario.feedback.on_event(resolved)
    [request] = scenario.notifier.published
    assert request.notification_id == derive_id(resolved.id, "survey_requested")
    assert scenario.store.records["c-1"].due_at == resolved.time + scenario.window


async def test_request_that_failed_is_resent_by_the_timer(scenario: "Scenario") -> None:
    """A request that could not be sent (message dead-lettered meanwhile) goes out next tick."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    scenario.notifier.failing = True
    with pytest.raises(ConnectionError):
        await scenario.feed(ComplaintResolved(actor="s", resolution="done"))
    scenario.notifier.failing = False
    assert await scenario.feedback.tick(limit=10) == []
    [request] = scenario.notifier.published
    assert request.round == 0
    survey = scenario.state().survey
    assert survey is not None
    assert survey.notified


async def test_events_before_received_are_ignored(scenario: "Scenario") -> None:
    """A complaint whose ComplaintReceived was not seen is not tracked."""
    await scenario.feed(ComplaintResolved(actor="s", resolution="done"))
    assert scenario.store.records == {}
    assert scenario.notifier.published == []


async def test_unknown_event_types_are_skipped(scenario: "Scenario") -> None:
    """An event type this version does not know is a no-op (forward compatible)."""
    [received] = await scenario.feed(scenario.received())
    unknown = received.model_copy(update={"id": "ev-x", "type": "closedloop.complaint.future"})
    before = scenario.store.records["c-1"]
    await scenario.feedback.on_event(unknown)
    assert scenario.store.records["c-1"] == before


# --- answers ---------------------------------------------------------------------------------


async def test_satisfied_answer_emits_surveyed_then_closed(scenario: "Scenario") -> None:
    """A satisfied answer publishes ComplaintSurveyed then ComplaintClosed(satisfied)."""
    await scenario.resolve()
    state, events = await scenario.feedback.on_command(
        scenario.answer(satisfied=True, score=5, comment="满意")
    )
    assert [e.payload() for e in events] == [
        ComplaintSurveyed(satisfied=True, score=5, comment="满意", round=0),
        ComplaintClosed(reason=CloseReason.SATISFIED),
    ]
    assert scenario.publisher.published == events
    assert (state.stage, state.survey) == (Stage.CLOSED, None)
    assert scenario.store.records["c-1"].due_at is None
    assert scenario.store.records["c-1"].outbox == ()


async def test_dissatisfied_answer_emits_surveyed_then_reopened(scenario: "Scenario") -> None:
    """A dissatisfied answer reopens for round 1 with the owner's comment as the reason."""
    await scenario.resolve()
    state, events = await scenario.feedback.on_command(
        scenario.answer(satisfied=False, score=2, comment="还在漏水")
    )
    [surveyed, reopened] = [e.payload() for e in events]
    assert surveyed == ComplaintSurveyed(satisfied=False, score=2, comment="还在漏水", round=0)
    assert reopened == ComplaintReopened(reason="还在漏水", round=1)
    assert (state.stage, state.round, state.survey) == (Stage.DISPATCH, 1, None)


async def test_answer_events_are_caused_by_the_command(scenario: "Scenario") -> None:
    """Emitted envelopes name the complaint, its site, this service, and the command as cause."""
    await scenario.resolve()
    _, events = await scenario.feedback.on_command(
        scenario.answer(satisfied=True, command_id="cmd-7")
    )
    for event in events:
        assert (event.subject, event.siteid, event.source) == ("c-1", "site-a", SOURCE)
        assert (event.causationid, event.correlationid) == ("cmd-7", "cmd-7")
        assert event.id == derive_id("cmd-7", event.type, "c-1")
        assert event.time == scenario.clock()


async def test_same_command_id_twice_is_applied_once(scenario: "Scenario") -> None:
    """Resending an answer with the same command id changes nothing and emits nothing."""
    await scenario.resolve()
    command = scenario.answer(satisfied=False, comment="不行")
    await scenario.feedback.on_command(command)
    state, events = await scenario.feedback.on_command(command)
    assert events == []
    assert (state.stage, state.round) == (Stage.DISPATCH, 1)
    assert len(scenario.publisher.published) == 2


async def test_second_answer_is_refused(scenario: "Scenario") -> None:
    """Once answered, a different answer finds no open survey."""
    await scenario.resolve()
    await scenario.feedback.on_command(scenario.answer(satisfied=True, command_id="a"))
    with pytest.raises(SurveyNotOpen, match="stage closed"):
        await scenario.feedback.on_command(scenario.answer(satisfied=False, command_id="b"))
    assert len(scenario.publisher.published) == 2


async def test_answer_before_resolution_is_refused(scenario: "Scenario") -> None:
    """An answer while the complaint is still being handled is refused and emits nothing."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    with pytest.raises(SurveyNotOpen, match="in stage feedback"):
        await scenario.feedback.on_command(scenario.answer(satisfied=True))
    assert scenario.publisher.published == []


async def test_answer_to_unknown_complaint_is_refused(scenario: "Scenario") -> None:
    """An answer for a complaint never received is refused as unknown."""
    with pytest.raises(UnknownComplaint):
        await scenario.feedback.on_command(scenario.answer(satisfied=True))


async def test_answer_naming_another_site_is_refused_as_unknown(scenario: "Scenario") -> None:
    """A command whose site differs from the complaint's must not reach it."""
    await scenario.resolve()
    with pytest.raises(UnknownComplaint):
        await scenario.feedback.on_command(scenario.answer(satisfied=True, site_id="site-b"))
    assert scenario.state().survey is not None


async def test_answer_after_the_deadline_is_refused(scenario: "Scenario") -> None:
    """An answer that comes when the window has passed is refused as expired."""
    await scenario.resolve()
    scenario.clock.advance(scenario.window)
    with pytest.raises(SurveyExpired):
        await scenario.feedback.on_command(scenario.answer(satisfied=True))


async def test_answer_whose_publish_failed_is_published_on_resend(scenario: "Scenario") -> None:
    """Events saved but not sent are published when the same command comes again."""
    await scenario.resolve()
    scenario.feedback.publisher = publisher = FailingOncePublisher()
    command = scenario.answer(satisfied=True)
    with pytest.raises(ConnectionError):
        await scenario.feedback.on_command(command)
    assert len(scenario.store.records["c-1"].outbox) == 2
    state, _ = await scenario.feedback.on_command(command)
    assert [e.type for e in publisher.published] == [ComplaintSurveyed.TYPE, ComplaintClosed.TYPE]
    assert scenario.store.records["c-1"].outbox == ()
    assert state.stage is Stage.CLOSED


async def test_own_events_read_back_from_the_topic_are_no_ops(scenario: "Scenario") -> None:
    """The events this service emitted come back on the lifecycle topic and change nothing."""
    await scenario.resolve()
    _, events = await scenario.feedback.on_command(scenario.answer(satisfied=False))
    before = scenario.store.records["c-1"]
    for event in events:
        await scenario.feedback.on_event(event)
    assert scenario.store.records["c-1"] == before


async def test_own_events_read_back_during_their_flush_are_not_republished(
    scenario: "Scenario",
) -> None:
    """An emitted event consumed before its flush finished is published once, not twice."""
    await scenario.resolve()
    scenario.feedback.publisher = publisher = EchoingPublisher(scenario)
    await scenario.feedback.on_command(scenario.answer(satisfied=True))
    assert [e.type for e in publisher.published] == [ComplaintSurveyed.TYPE, ComplaintClosed.TYPE]
    assert scenario.store.records["c-1"].outbox == ()


async def test_deadline_close_read_back_during_its_flush_is_not_republished(
    scenario: "Scenario",
) -> None:
    """The no-response close consumed before its flush finished is published once."""
    await scenario.resolve()
    scenario.feedback.publisher = publisher = EchoingPublisher(scenario)
    scenario.clock.advance(scenario.window)
    await scenario.feedback.tick(limit=10)
    assert [e.type for e in publisher.published] == [ComplaintClosed.TYPE]


async def test_reopened_complaint_gets_a_new_survey_in_the_next_round(
    scenario: "Scenario",
) -> None:
    """After reopening and a second resolution, a round-1 survey is requested and answerable."""
    await scenario.resolve()
    await scenario.feedback.on_command(scenario.answer(satisfied=False, command_id="a"))
    await scenario.feed(*scenario.lifecycle(1))
    first, second = scenario.notifier.published
    assert (first.round, second.round) == (0, 1)
    assert first.notification_id != second.notification_id
    state, events = await scenario.feedback.on_command(
        scenario.answer(satisfied=True, command_id="b")
    )
    assert events[0].payload() == ComplaintSurveyed(satisfied=True, round=1)
    assert state.stage is Stage.CLOSED


# --- the deadline timer ----------------------------------------------------------------------


async def test_unanswered_survey_closes_as_no_response_at_the_deadline(
    scenario: "Scenario",
) -> None:
    """When the window has passed without an answer, the timer emits ComplaintClosed."""
    resolved = await scenario.resolve()
    scenario.clock.advance(scenario.window)
    [closed] = await scenario.feedback.tick(limit=10)
    assert closed.payload() == ComplaintClosed(reason=CloseReason.NO_RESPONSE)
    assert (closed.causationid, closed.correlationid) == (resolved.id, resolved.correlationid)
    assert closed.time == scenario.clock()
    assert scenario.publisher.published == [closed]
    assert scenario.state().stage is Stage.CLOSED
    assert scenario.store.records["c-1"].due_at is None


async def test_unanswered_survey_stays_open_before_the_deadline(scenario: "Scenario") -> None:
    """A tick just before the deadline closes nothing."""
    await scenario.resolve()
    scenario.clock.advance(scenario.window - timedelta(seconds=1))
    assert await scenario.feedback.tick(limit=10) == []
    assert scenario.state().stage is Stage.FOLLOW_UP


async def test_deadline_closes_once(scenario: "Scenario") -> None:
    """Later ticks do not close the complaint again."""
    await scenario.resolve()
    scenario.clock.advance(scenario.window)
    await scenario.feedback.tick(limit=10)
    scenario.clock.advance(timedelta(days=1))
    assert await scenario.feedback.tick(limit=10) == []
    assert len(scenario.publisher.published) == 1


async def test_answered_survey_is_not_closed_by_the_timer(scenario: "Scenario") -> None:
    """A complaint reopened by its owner is not later closed as no-response."""
    await scenario.resolve()
    await scenario.feedback.on_command(scenario.answer(satisfied=False))
    scenario.clock.advance(scenario.window * 2)
    assert await scenario.feedback.tick(limit=10) == []
    assert scenario.state().stage is Stage.DISPATCH


async def test_timer_takes_at_most_limit_records_earliest_first(scenario: "Scenario") -> None:
    """Each tick closes at most `limit` surveys, the earliest deadlines first."""
    for complaint_id in ("c-1", "c-2", "c-3"):
        await scenario.resolve(complaint_id)
        scenario.clock.advance(timedelta(minutes=1))
    scenario.clock.advance(scenario.window)
    first = await scenario.feedback.tick(limit=2)
    assert [e.subject for e in first] == ["c-1", "c-2"]
    [last] = await scenario.feedback.tick(limit=2)
    assert last.subject == "c-3"


async def test_timer_survives_a_failing_record(scenario: "Scenario") -> None:
    """A record the timer cannot handle is logged and stays due; the tick does not crash."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    scenario.notifier.failing = True
    with pytest.raises(ConnectionError):
        await scenario.feed(ComplaintResolved(actor="s", resolution="done"))
    assert await scenario.feedback.tick(limit=10) == []
    assert scenario.store.records["c-1"].due_at == scenario.clock()


async def test_timer_sends_an_owed_request_before_closing(scenario: "Scenario") -> None:
    """A request still owed at the deadline is sent, then the survey closes as no-response."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    scenario.notifier.failing = True
    with pytest.raises(ConnectionError):
        await scenario.feed(ComplaintResolved(actor="s", resolution="done"))
    scenario.notifier.failing = False
    scenario.clock.advance(scenario.window)
    [closed] = await scenario.feedback.tick(limit=10)
    assert len(scenario.notifier.published) == 1
    assert closed.payload() == ComplaintClosed(reason=CloseReason.NO_RESPONSE)
