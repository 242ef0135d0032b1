"""Feedback use cases: track the lifecycle, take the owner's answer, close unanswered surveys.

A survey request lives in the record's state (`survey.notified`) until it was sent, with `due_at`
set to the moment it became owed; so a request that could not be sent after the state was saved
is re-sent by a redelivery of its ComplaintResolved or by the next timer tick. Its id is derived
from the ComplaintResolved, so a request sent twice is recognisably the same one.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog

from closedloop_feedback.domain import (
    Complaint,
    answer,
    close_unanswered,
    evolve,
    mark_notified,
    next_due,
    open_survey,
    pending_notification,
)
from closedloop_feedback.ports import NotificationPublisher
from closedloop_shared.commands import AnswerSurvey
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.errors import ConcurrencyConflict, Rejected
from closedloop_shared.events import ComplaintResolved
from closedloop_shared.ports import EventPublisher, flush_outbox
from closedloop_shared.store import Record, RecordStore

SOURCE = "/closedloop/feedback"

log = structlog.get_logger("closedloop.feedback")


@dataclass
class Feedback:
    """The feedback service's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[Complaint]
    publisher: EventPublisher
    notifier: NotificationPublisher
    clock: Callable[[], datetime]
    response_window: timedelta

    async def on_event(self, event: CloudEvent) -> None:
        """Fold a lifecycle event into the complaint; open a survey when it was resolved."""
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        payload = event.payload()
        record = await self.store.load(event.subject)
        if payload is None or (record is not None and record.has_applied(event.id)):
            if record is not None:
                await self._repair(record, event)
            log.debug("event_skipped", type=event.type)
            return
        state = evolve(
            record.state if record else None,
            payload,
            complaint_id=event.subject,
            site_id=event.siteid,
        )
        if state is None:
            log.warning("event_before_received", type=event.type)
            return
        if isinstance(payload, ComplaintResolved):
            state = open_survey(
                state,
                resolved_event_id=event.id,
                correlation_id=event.correlationid,
                resolved_at=event.time,
                window=self.response_window,
            )
        saved = await self.store.save(
            record, event.subject, state, cause=event.id, due_at=next_due(state)
        )
        await flush_outbox(self.store, self.publisher, await self._request(saved))

    async def on_command(self, command: AnswerSurvey) -> tuple[Complaint, list[CloudEvent]]:
        """Apply the owner's answer if a survey is open, else raise the reason."""
        structlog.contextvars.bind_contextvars(
            complaint_id=command.complaint_id, command_id=command.command_id
        )
        cause = command.cause
        record = await self.store.load(command.complaint_id)
        if record is not None and record.has_applied(cause):
            log.info("command_already_applied", type=command.type)
            await flush_outbox(self.store, self.publisher, record)
            return record.state, []
        state = record.state if record else None
        if state is not None and state.site_id != command.site_id:
            state = None  # an answer naming another site must not reach this complaint
        now = self.clock()
        try:
            decided = answer(state, command, now=now)
        except Rejected as error:
            log.info("survey_answer_refused", reason=str(error))
            raise
        # answer() refused unknown complaints, so both are known here.
        assert record is not None  # noqa: S101
        assert state is not None  # noqa: S101
        events = [
            new_event(
                data,
                complaint_id=state.complaint_id,
                site_id=state.site_id,
                source=SOURCE,
                cause_id=command.command_id,
                correlation_id=command.command_id,
                time=now,
                discriminator=command.complaint_id,  # one command id may serve two complaints
            )
            for data in decided
        ]
        new_state = self._fold(state, events)
        saved = await self.store.save(
            record, record.id, new_state, cause=cause, events=events, due_at=next_due(new_state)
        )
        log.info(
            "survey_answered",
            satisfied=command.satisfied,
            score=command.score,
            stage=new_state.stage,
            round=new_state.round,
        )
        return new_state, await flush_outbox(self.store, self.publisher, saved)

    async def tick(self, limit: int) -> list[CloudEvent]:
        """Send owed survey requests and close the surveys whose deadline has come."""
        now = self.clock()
        emitted: list[CloudEvent] = []
        for record in await self.store.due(now, limit):
            with structlog.contextvars.bound_contextvars(complaint_id=record.id):
                try:
                    emitted += await self._on_due(record, now)
                except ConcurrencyConflict:
                    log.info("deadline_conflict")  # changed meanwhile; still due next tick if so
                except Exception:
                    log.exception("deadline_failed")
        return emitted

    async def watch_deadlines(self, every_seconds: float, limit: int) -> None:
        """Background loop: tick now and then every `every_seconds`."""
        while True:
            try:
                await self.tick(limit)
            except Exception:
                log.exception("deadline_tick_failed")
            await asyncio.sleep(every_seconds)

    async def _on_due(self, record: Record[Complaint], now: datetime) -> list[CloudEvent]:
        record = await self._request(record)
        state = record.state
        closed = close_unanswered(state, now=now)
        if closed is None or state.survey is None:
            return await flush_outbox(self.store, self.publisher, record)
        event = new_event(
            closed,
            complaint_id=state.complaint_id,
            site_id=state.site_id,
            source=SOURCE,
            cause_id=state.survey.resolved_event_id,
            correlation_id=state.survey.correlation_id,
            time=now,
        )
        new_state = self._fold(state, [event])
        saved = await self.store.save(
            record,
            record.id,
            new_state,
            cause=f"deadline:{state.survey.notification_id}",
            events=[event],
            due_at=next_due(new_state),
        )
        log.info("survey_unanswered_closed", round=state.survey.round, reason=closed.reason)
        return await flush_outbox(self.store, self.publisher, saved)

    async def _repair(self, record: Record[Complaint], event: CloudEvent) -> None:
        """On a redelivery, send what the first delivery may have left unsent."""
        if any(e.id == event.id for e in record.outbox):
            # Our own event read back while its flush may still be running: it is on the topic,
            # so only drop it from the outbox; re-flushing here would publish it twice.
            await self.store.mark_published(record.id, [event.id])
            return
        await flush_outbox(self.store, self.publisher, await self._request(record))

    async def _request(self, record: Record[Complaint]) -> Record[Complaint]:
        """Send the survey request `record` still owes, if any; the record after."""
        # Callers flush the outbox only after this: saving from a record whose outbox was
        # already flushed would put the sent events back (the in-memory store copies it).
        notification = pending_notification(record.state)
        if notification is None:
            return record
        await self.notifier.publish(notification)
        state = mark_notified(record.state)
        saved = await self.store.save(
            record,
            record.id,
            state,
            cause=f"notified:{notification.notification_id}",
            due_at=next_due(state),
        )
        log.info(
            "survey_requested",
            notification_id=notification.notification_id,
            round=notification.round,
            respond_by=notification.respond_by.isoformat(),
        )
        return saved

    @staticmethod
    def _fold(state: Complaint, events: list[CloudEvent]) -> Complaint:
        for event in events:
            payload = event.payload()
            assert payload is not None  # noqa: S101 - we emit only types we know
            folded = evolve(state, payload, complaint_id=event.subject, site_id=event.siteid)
            assert folded is not None  # noqa: S101 - evolve keeps a known complaint known
            state = folded
        return state
