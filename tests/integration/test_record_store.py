"""The record store's behaviour, on the in-memory fake and on the real MongoDB server alike."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import BaseModel

from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.events import ComplaintResolved
from closedloop_shared.ports import RecordingPublisher, flush_outbox
from closedloop_shared.store import InMemoryRecordStore, MongoRecordStore, RecordStore, mongo_client

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


class Counter(BaseModel):
    """A tiny state for store tests."""

    value: int


def _event(n: int) -> CloudEvent:
    return new_event(
        ComplaintResolved(actor="s", resolution=f"r{n}"),
        complaint_id="c1",
        site_id="s1",
        source="/test",
        cause_id=f"cause-{n}",
        correlation_id="corr",
        time=NOW,
    )


@pytest.fixture(params=["fake", "mongodb"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[RecordStore[Counter]]:
    """Each test runs once on the fake and once on a fresh collection of the real server."""
    if request.param == "fake":
        yield InMemoryRecordStore()
        return
    infra = request.getfixturevalue("infra")
    client = mongo_client(infra.mongodb)
    collection = client["closedloop_it"][f"records_{uuid.uuid4().hex[:10]}"]
    real = MongoRecordStore(collection, Counter)
    await real.ensure_indexes()
    yield real
    await collection.drop()
    await client.close()


async def test_saved_record_loads_with_its_state_causes_and_outbox(store: RecordStore[Counter]):
    """A saved record comes back whole: state, version, applied causes (with produced ids)."""
    event = _event(1)
    await store.save(None, "c1", Counter(value=1), cause="m1", events=[event])
    record = await store.load("c1")
    assert record is not None
    assert record.state == Counter(value=1)
    assert record.version == 1
    assert record.applied == ("m1", event.id)
    assert record.outbox == (event,)


async def test_stale_save_raises_conflict(store: RecordStore[Counter]):
    """Saving from a version someone else already replaced is refused."""
    first = await store.save(None, "c1", Counter(value=1), cause="m1")
    await store.save(first, "c1", Counter(value=2), cause="m2")
    with pytest.raises(ConcurrencyConflict):
        await store.save(first, "c1", Counter(value=3), cause="m3")


async def test_second_create_raises_conflict(store: RecordStore[Counter]):
    """Two creators of one record: the second is refused."""
    await store.save(None, "c1", Counter(value=1), cause="m1")
    with pytest.raises(ConcurrencyConflict):
        await store.save(None, "c1", Counter(value=9), cause="m9")


async def test_flush_publishes_in_order_and_empties_outbox(store: RecordStore[Counter]):
    """Pending events are published in order, then nothing is pending any more."""
    saved = await store.save(None, "c1", Counter(value=1), cause="m1", events=[_event(1)])
    saved = await store.save(saved, "c1", Counter(value=2), cause="m2", events=[_event(2)])
    publisher = RecordingPublisher()
    await flush_outbox(store, publisher, saved)
    assert [e.data["resolution"] for e in publisher.published] == ["r1", "r2"]
    assert await store.pending() == []
    record = await store.load("c1")
    assert record is not None
    assert record.outbox == ()


async def test_pending_lists_records_with_unsent_events(store: RecordStore[Counter]):
    """Only records that still owe events are pending."""
    await store.save(None, "c1", Counter(value=1), cause="m1", events=[_event(1)])
    await store.save(None, "c2", Counter(value=1), cause="m1")
    assert [r.id for r in await store.pending()] == ["c1"]


async def test_due_returns_records_whose_time_has_come_earliest_first(store: RecordStore[Counter]):
    """`due` finds records due at or before now, earliest first, and ignores the rest."""
    await store.save(None, "late", Counter(value=1), cause="m", due_at=NOW - timedelta(hours=2))
    await store.save(None, "now", Counter(value=1), cause="m", due_at=NOW)
    await store.save(None, "future", Counter(value=1), cause="m", due_at=NOW + timedelta(hours=1))
    await store.save(None, "never", Counter(value=1), cause="m")
    assert [r.id for r in await store.due(NOW, limit=10)] == ["late", "now"]
    assert [r.id for r in await store.due(NOW, limit=1)] == ["late"]
