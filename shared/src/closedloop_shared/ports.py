"""The event-publishing port, its fake, and the outbox flush every writer uses."""

import asyncio
from typing import Protocol, TypeVar

import structlog
from pydantic import BaseModel

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.store import Record, RecordStore

S = TypeVar("S", bound=BaseModel)

log = structlog.get_logger("closedloop.outbox")


class EventPublisher(Protocol):
    """Sends one lifecycle event and returns once the broker has it."""

    async def publish(self, event: CloudEvent) -> None:
        """Send `event`."""
        ...


class RecordingPublisher:
    """The fake: keeps what was published, in order."""

    def __init__(self) -> None:
        self.published: list[CloudEvent] = []

    async def publish(self, event: CloudEvent) -> None:
        self.published.append(event)


async def flush_outbox(
    store: RecordStore[S],
    publisher: EventPublisher,
    record: Record[S],
    *,
    seen_on_topic: str | None = None,
) -> list[CloudEvent]:
    """Publish `record`'s pending events in order, then drop them from its outbox.

    `seen_on_topic` names an event just consumed back from the topic: it was published, so it is
    only marked sent (re-sending it would echo forever if marking ever failed).
    """
    if not record.outbox:
        return []
    pending = [e for e in record.outbox if e.id != seen_on_topic]
    for event in pending:
        await publisher.publish(event)
    await store.mark_published(record.id, [e.id for e in record.outbox], version=record.version)
    return pending


async def flush_pending(store: RecordStore[S], publisher: EventPublisher) -> None:
    """Send every record's pending events: at start-up, and from the relay loop."""
    for record in await store.pending():
        await flush_outbox(store, publisher, record)


async def relay_forever(
    store: RecordStore[S], publisher: EventPublisher, every_seconds: float
) -> None:
    """Background loop: send what a failed publish left pending (start-up sends the rest)."""
    while True:
        await asyncio.sleep(every_seconds)
        try:
            await flush_pending(store, publisher)
        except Exception:
            log.exception("outbox_relay_failed")
