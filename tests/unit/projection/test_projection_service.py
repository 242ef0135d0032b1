"""The Projector on the in-memory store: exactly-once folding and byte-identical replays."""

from collections.abc import Callable
from datetime import timedelta

from closedloop_projection.domain import ComplaintView
from closedloop_projection.service import Projector
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import OnSiteFixReported
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Stage

Envelope = Callable[..., CloudEvent]


def projector() -> tuple[Projector, InMemoryRecordStore[ComplaintView]]:
    """A projector on a fresh store."""
    store: InMemoryRecordStore[ComplaintView] = InMemoryRecordStore()
    return Projector(store), store


async def replay(target: Projector, events: list[CloudEvent]) -> None:
    """Deliver `events` in order."""
    for event in events:
        await target.on_event(event)


async def test_projector_stores_one_view_per_complaint(full_loop: list[CloudEvent]) -> None:
    """The lifecycle ends in one closed view, each event applied."""
    target, store = projector()
    await replay(target, full_loop)
    record = store.records["c-1"]
    assert record.state.stage is Stage.CLOSED
    assert record.version == len(full_loop)
    assert all(record.has_applied(e.id) for e in full_loop)


async def test_replaying_the_same_events_twice_leaves_an_identical_view(
    full_loop: list[CloudEvent],
) -> None:
    """A redelivered or replayed topic is a no-op: same document, same version."""
    target, store = projector()
    await replay(target, full_loop)
    once = store.records["c-1"]
    await replay(target, full_loop)
    twice = store.records["c-1"]
    assert twice.state.model_dump_json() == once.state.model_dump_json()
    assert twice.version == once.version
    assert twice.state.events == len(full_loop)


async def test_two_fresh_stores_build_byte_identical_views(full_loop: list[CloudEvent]) -> None:
    """Rebuilding the read model from the topic reproduces it exactly."""
    first, first_store = projector()
    second, second_store = projector()
    await replay(first, full_loop)
    await replay(second, full_loop)
    assert (
        first_store.records["c-1"].state.model_dump_json()
        == second_store.records["c-1"].state.model_dump_json()
    )


async def test_redelivered_event_mid_stream_is_not_counted_twice(
    full_loop: list[CloudEvent],
) -> None:
    """An event delivered again between others does not change the view."""
    target, store = projector()
    await replay(target, full_loop[:3])
    before = store.records["c-1"].state
    assert await target.on_event(full_loop[1]) == before
    assert store.records["c-1"].state == before


async def test_on_event_returns_the_new_view(full_loop: list[CloudEvent]) -> None:
    """The caller gets the view after the event."""
    target, _ = projector()
    view = await target.on_event(full_loop[0])
    assert view is not None
    assert view.stage is Stage.DISPATCH


async def test_event_before_received_stores_nothing(
    envelope: Envelope,
) -> None:
    """An event for an unknown complaint is not projected."""
    target, store = projector()
    event = envelope(OnSiteFixReported(actor="s", note="n"), timedelta(hours=1))
    assert await target.on_event(event) is None
    assert store.records == {}


async def test_unknown_event_type_is_skipped(full_loop: list[CloudEvent]) -> None:
    """A newer event type is not an error and does not change the view."""
    target, store = projector()
    await replay(target, full_loop[:2])
    before = store.records["c-1"]
    unknown = full_loop[2].model_copy(
        update={"id": "new-kind", "type": "closedloop.complaint.merged", "data": {}}
    )
    assert await target.on_event(unknown) == before.state
    assert store.records["c-1"] == before


async def test_views_of_two_complaints_are_independent(
    full_loop: list[CloudEvent], envelope: Envelope
) -> None:
    """Each complaint has its own document."""
    target, store = projector()
    await replay(target, full_loop)
    other = [
        envelope(e.payload(), timedelta(minutes=10), complaint_id="c-2", cause="other")
        for e in full_loop[:1]
    ]
    await replay(target, other)
    assert store.records["c-1"].state.stage is Stage.CLOSED
    assert store.records["c-2"].state.stage is Stage.DISPATCH
