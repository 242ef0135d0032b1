"""Router use cases: apply a lifecycle event, handle a staff command. Short and idempotent."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from closedloop_router.domain import RoutingRules, Workflow, assign, decide, evolve, reroute
from closedloop_shared.commands import Command
from closedloop_shared.envelope import CloudEvent, follow, new_event
from closedloop_shared.events import ComplaintCorrected, ComplaintReceived, ComplaintReopened
from closedloop_shared.ports import EventPublisher, flush_outbox
from closedloop_shared.store import RecordStore

SOURCE = "/closedloop/router"

log = structlog.get_logger("closedloop.router")


@dataclass
class Router:
    """The router's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[Workflow]
    publisher: EventPublisher
    rules: Callable[[], RoutingRules]
    clock: Callable[[], datetime]

    async def on_event(self, event: CloudEvent) -> list[CloudEvent]:
        """Fold a lifecycle event into the workflow; dispatch what was received or reopened."""
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        payload = event.payload()
        record = await self.store.load(event.subject)
        if payload is None or (record is not None and record.has_applied(event.id)):
            if record is not None:
                await flush_outbox(self.store, self.publisher, record, seen_on_topic=event.id)
            log.debug("event_skipped", type=event.type)
            return []
        state = evolve(
            record.state if record else None,
            payload,
            complaint_id=event.subject,
            site_id=event.siteid,
        )
        if state is None:
            log.warning("event_before_received", type=event.type)
            return []
        emitted: list[CloudEvent] = []
        first_receipt = isinstance(payload, ComplaintReceived) and record is None
        if first_receipt or isinstance(payload, ComplaintReopened):
            assigned = assign(state, self.rules())
            emitted.append(follow(event, assigned, source=SOURCE, time=self.clock()))
            state = evolve(state, assigned, complaint_id=event.subject, site_id=event.siteid)
            assert state is not None  # noqa: S101 - evolve keeps a known complaint known
            log.info("complaint_assigned", department=assigned.department, round=assigned.round)
        elif isinstance(payload, ComplaintCorrected) and payload.category is not None:
            moved = reroute(state, self.rules(), payload.reason)
            if moved is not None:
                emitted.append(follow(event, moved, source=SOURCE, time=self.clock()))
                state = evolve(state, moved, complaint_id=event.subject, site_id=event.siteid)
                assert state is not None  # noqa: S101
                log.info("complaint_rerouted", department=moved.department)
        saved = await self.store.save(record, event.subject, state, cause=event.id, events=emitted)
        return await flush_outbox(self.store, self.publisher, saved)

    async def on_command(self, command: Command) -> tuple[Workflow, list[CloudEvent]]:
        """Apply a staff action if the complaint's stage allows it, else raise the reason."""
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
            state = None  # a command naming another site must not reach this complaint
        decided = decide(state, command, self.rules())
        # decide() refused unknown complaints, so both are known here.
        assert record is not None  # noqa: S101
        assert state is not None  # noqa: S101
        event = new_event(
            decided,
            complaint_id=command.complaint_id,
            site_id=state.site_id,
            source=SOURCE,
            cause_id=command.command_id,
            correlation_id=command.command_id,
            time=self.clock(),
            discriminator=command.complaint_id,  # one command id may be reused on two complaints
        )
        new_state = evolve(state, decided, complaint_id=state.complaint_id, site_id=state.site_id)
        assert new_state is not None  # noqa: S101
        saved = await self.store.save(record, record.id, new_state, cause=cause, events=[event])
        log.info("command_applied", type=command.type, stage=new_state.stage)
        return new_state, await flush_outbox(self.store, self.publisher, saved)
