"""The event-publishing port, its fake, and the outbox flush every writer uses."""

from typing import Protocol, TypeVar

from pydantic import BaseModel

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.store import Record, RecordStore

S = TypeVar("S", bound=BaseModel)


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
    store: RecordStore[S], publisher: EventPublisher, record: Record[S]
) -> list[CloudEvent]:
    """Publish `record`'s pending events in order, then drop them from its outbox."""
    if not record.outbox:
        return []
    for event in record.outbox:
        await publisher.publish(event)
    await store.mark_published(record.id, [e.id for e in record.outbox])
    return list(record.outbox)
