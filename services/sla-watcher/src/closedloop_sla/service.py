"""SLA watcher use cases: fold a lifecycle event into a complaint's clocks; fire what is due."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import structlog

from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.ports import EventPublisher, flush_outbox
from closedloop_shared.store import Record, RecordStore
from closedloop_sla.domain import ComplaintClocks, Decision, Escalation, decide, due_escalations
from closedloop_sla.policy import SlaPolicy, Thresholds

SOURCE = "/closedloop/sla-watcher"

log = structlog.get_logger("closedloop.sla")


def envelope(state: ComplaintClocks, escalation: Escalation) -> CloudEvent:
    """The escalation as a lifecycle event whose id is fixed by complaint, stage, round, level."""
    return new_event(
        escalation.data,
        complaint_id=state.complaint_id,
        site_id=state.site_id,
        source=SOURCE,
        cause_id=escalation.cause_id,
        correlation_id=escalation.correlation_id,
        time=escalation.at,
        discriminator=escalation.key,
    )


@dataclass
class SlaWatcher:
    """The watcher's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[ComplaintClocks]
    publisher: EventPublisher
    policy: Callable[[], SlaPolicy]
    thresholds: Thresholds
    clock: Callable[[], datetime]
    batch: int = 100
    unflushed: set[str] = field(default_factory=set)
    """Records whose escalations were saved by a tick but not published yet."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    """Serialises the consumer and the ticker in this process, so neither sends the other's
    outbox while it is being sent (instances still race; their version check decides)."""

    async def on_event(self, event: CloudEvent) -> list[CloudEvent]:
        """Start and stop stage clocks as the complaint moves; emit levels a stage end passed."""
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        async with self.lock:
            record = await self.store.load(event.subject)
            if record is not None and record.has_applied(event.id):
                return await self._seen_again(record, event)
            payload = event.payload()
            if payload is None:
                log.debug("event_type_unknown", type=event.type)
                return []
            state = record.state if record else None
            decision = decide(state, event, payload, self.policy(), self.thresholds)
            if decision is None:
                log.warning("event_before_received", type=event.type)
                return []
            if record is not None and decision.state == record.state:
                log.debug("event_changes_no_clock", type=event.type)
                return await self._flush(record)
            return await self._save(record, event.subject, decision, cause=event.id)

    async def tick(self) -> int:
        """Fire the due levels of up to `batch` complaints; how many complaints advanced."""
        for record_id in list(self.unflushed):
            async with self.lock:
                record = await self.store.load(record_id)
                if record is not None:
                    await self._flush(record)
            self.unflushed.discard(record_id)
        now = self.clock()
        advanced = 0
        for record in await self.store.due(now, self.batch):
            with structlog.contextvars.bound_contextvars(complaint_id=record.id):
                try:
                    async with self.lock:
                        advanced += await self._fire_due(record, now)
                except ConcurrencyConflict:
                    # The consumer changed this complaint meanwhile; the next tick sees its state.
                    log.info("tick_conflict_skipped")
        return advanced

    async def watch_forever(self, every_seconds: float) -> None:
        """Background loop: tick every `every_seconds`, at once again while batches come full."""
        while True:
            try:
                while await self.tick() >= self.batch:
                    pass
            except Exception:
                log.exception("tick_failed")
            await asyncio.sleep(every_seconds)

    async def _fire_due(self, record: Record[ComplaintClocks], now: datetime) -> bool:
        decision = due_escalations(record.state, now)
        if not decision.escalations and decision.state.next_due() == record.due_at:
            return False
        cause = f"tick:{record.id}:" + ",".join(e.key for e in decision.escalations)
        self.unflushed.add(record.id)
        await self._save(record, record.id, decision, cause=cause)
        self.unflushed.discard(record.id)
        return True

    async def _save(
        self,
        record: Record[ComplaintClocks] | None,
        record_id: str,
        decision: Decision,
        *,
        cause: str,
    ) -> list[CloudEvent]:
        state = decision.state
        events = [envelope(state, e) for e in decision.escalations]
        saved = await self.store.save(
            record, record_id, state, cause=cause, events=events, due_at=state.next_due()
        )
        for escalation in decision.escalations:
            log.info(
                "complaint_escalated",
                escalation_level=escalation.data.level,
                stage=escalation.data.stage,
                round=escalation.data.round,
                overdue_seconds=escalation.data.overdue_seconds,
                escalate_to=escalation.data.escalate_to,
            )
        return await self._flush(saved)

    async def _seen_again(
        self, record: Record[ComplaintClocks], event: CloudEvent
    ) -> list[CloudEvent]:
        if any(e.id == event.id for e in record.outbox):
            # Our own escalation came back, so it was sent: never send the outbox again from
            # here, or a failed mark_published would echo it forever.
            await self.store.mark_published(record.id, [event.id])
            return []
        log.debug("event_already_applied", type=event.type)
        return await self._flush(record)

    async def _flush(self, record: Record[ComplaintClocks]) -> list[CloudEvent]:
        return await flush_outbox(self.store, self.publisher, record)
