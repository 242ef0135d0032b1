"""The in-memory record store and the outbox flush: versions, idempotence memory, ordering."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from pydantic import BaseModel

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.ports import RecordingPublisher, flush_outbox
from closedloop_shared.store import APPLIED_KEPT, InMemoryRecordStore, Record

MakeEvent = Callable[..., CloudEvent]


class Counter(BaseModel):
    """A tiny state for store tests."""

    value: int


@pytest.fixture
def store() -> InMemoryRecordStore[Counter]:
    """An empty store of counters."""
    return InMemoryRecordStore()


async def test_first_save_creates_version_one(store: InMemoryRecordStore[Counter]) -> None:
    """A new record starts at version 1 with its cause applied."""
    record = await store.save(None, "c-1", Counter(value=1), cause="m-1")
    assert record.version == 1
    assert record.applied == ("m-1",)
    assert await store.load("c-1") == record


async def test_load_of_an_unknown_record_is_none(store: InMemoryRecordStore[Counter]) -> None:
    """Nothing stored, nothing loaded."""
    assert await store.load("nope") is None


async def test_save_on_the_loaded_version_increments_it(
    store: InMemoryRecordStore[Counter],
) -> None:
    """Saving over the version just loaded succeeds and bumps the version."""
    first = await store.save(None, "c-1", Counter(value=1), cause="m-1")
    second = await store.save(first, "c-1", Counter(value=2), cause="m-2")
    assert second.version == 2
    assert second.state == Counter(value=2)
    assert second.applied == ("m-1", "m-2")


async def test_save_over_a_stale_version_is_a_concurrency_conflict(
    store: InMemoryRecordStore[Counter],
) -> None:
    """Two writers that loaded the same version: the second one must reload."""
    first = await store.save(None, "c-1", Counter(value=1), cause="m-1")
    await store.save(first, "c-1", Counter(value=2), cause="m-2")
    with pytest.raises(ConcurrencyConflict, match="c-1"):
        await store.save(first, "c-1", Counter(value=3), cause="m-3")
    stored = await store.load("c-1")
    assert stored is not None
    assert stored.state == Counter(value=2)


async def test_creating_a_record_that_exists_is_a_concurrency_conflict(
    store: InMemoryRecordStore[Counter],
) -> None:
    """Two writers creating the same record: the second one must reload."""
    await store.save(None, "c-1", Counter(value=1), cause="m-1")
    with pytest.raises(ConcurrencyConflict):
        await store.save(None, "c-1", Counter(value=9), cause="m-9")


async def test_applied_includes_the_produced_event_ids(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """Consuming one's own events back is recognised as already applied."""
    events = [make_event("a"), make_event("b")]
    record = await store.save(None, "c-1", Counter(value=1), cause="m-1", events=events)
    assert record.applied == ("m-1", events[0].id, events[1].id)
    assert record.has_applied(events[1].id)
    assert record.has_applied("m-1")
    assert not record.has_applied("m-2")


async def test_applied_memory_is_bounded_and_keeps_the_newest(
    store: InMemoryRecordStore[Counter],
) -> None:
    """The idempotence memory drops the oldest causes past its limit."""
    record: Record[Counter] | None = None
    for n in range(APPLIED_KEPT + 2):
        record = await store.save(record, "c-1", Counter(value=n), cause=f"m-{n}")
    assert record is not None
    assert len(record.applied) == APPLIED_KEPT
    assert not record.has_applied("m-0")
    assert record.has_applied(f"m-{APPLIED_KEPT + 1}")


async def test_outbox_accumulates_events_in_order(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """Unsent events of several saves wait in the order they were decided."""
    a, b = make_event("a"), make_event("b")
    first = await store.save(None, "c-1", Counter(value=1), cause="m-1", events=[a])
    second = await store.save(first, "c-1", Counter(value=2), cause="m-2", events=[b])
    assert second.outbox == (a, b)
    assert await store.pending() == [second]


async def test_flush_outbox_publishes_in_order_and_empties_the_outbox(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """Every pending event is sent once, in order, then dropped from the record."""
    events = [make_event("a"), make_event("b"), make_event("c")]
    record = await store.save(None, "c-1", Counter(value=1), cause="m-1", events=events)
    publisher = RecordingPublisher()
    sent = await flush_outbox(store, publisher, record)
    assert publisher.published == events
    assert sent == events
    stored = await store.load("c-1")
    assert stored is not None
    assert stored.outbox == ()
    assert stored.version == record.version
    assert await store.pending() == []


async def test_flush_does_not_resend_the_event_just_seen_on_the_topic(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """An event consumed back from the topic was published: it is only marked sent."""
    a, b = make_event("a"), make_event("b")
    record = await store.save(None, "c-1", Counter(value=1), cause="m-1", events=[a, b])
    publisher = RecordingPublisher()
    sent = await flush_outbox(store, publisher, record, seen_on_topic=a.id)
    assert publisher.published == [b]
    assert sent == [b]
    stored = await store.load("c-1")
    assert stored is not None
    assert stored.outbox == ()


async def test_save_after_a_flush_keeps_only_the_new_events_pending(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """Events already sent are not resurrected by a save over the record loaded before the flush."""
    a, b = make_event("a"), make_event("b")
    loaded = await store.save(None, "c-1", Counter(value=1), cause="m-1", events=[a])
    await flush_outbox(store, RecordingPublisher(), loaded)
    saved = await store.save(loaded, "c-1", Counter(value=2), cause="m-2", events=[b])
    assert saved.outbox == (b,)


async def test_flush_of_an_empty_outbox_publishes_nothing(
    store: InMemoryRecordStore[Counter],
) -> None:
    """Nothing owed, nothing sent."""
    record = await store.save(None, "c-1", Counter(value=1), cause="m-1")
    publisher = RecordingPublisher()
    assert await flush_outbox(store, publisher, record) == []
    assert publisher.published == []


async def test_mark_published_drops_only_the_named_events(
    store: InMemoryRecordStore[Counter], make_event: MakeEvent
) -> None:
    """Events not yet confirmed stay in the outbox."""
    a, b = make_event("a"), make_event("b")
    await store.save(None, "c-1", Counter(value=1), cause="m-1", events=[a, b])
    await store.mark_published("c-1", [a.id])
    stored = await store.load("c-1")
    assert stored is not None
    assert stored.outbox == (b,)


async def test_due_returns_records_at_or_before_now_earliest_first(
    store: InMemoryRecordStore[Counter], t0: datetime
) -> None:
    """Timers fire in deadline order, at most `limit` at a time, never early."""
    await store.save(None, "late", Counter(value=1), cause="m", due_at=t0 + timedelta(hours=2))
    await store.save(None, "now", Counter(value=2), cause="m", due_at=t0)
    await store.save(None, "early", Counter(value=3), cause="m", due_at=t0 - timedelta(hours=1))
    await store.save(None, "never", Counter(value=4), cause="m")
    assert [r.id for r in await store.due(t0, limit=10)] == ["early", "now"]
    assert [r.id for r in await store.due(t0, limit=1)] == ["early"]
