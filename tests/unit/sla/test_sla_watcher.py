"""SLA watcher use cases over the in-memory store, the recording publisher and a fake clock."""

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.events import ComplaintEscalated
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import EscalationLevel, Stage
from closedloop_sla.domain import ComplaintClocks
from closedloop_sla.policy import SiteOverrides, SlaPolicy, TargetOverrides, Thresholds
from closedloop_sla.service import SlaWatcher

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
BLUE, YELLOW, RED = EscalationLevel.BLUE, EscalationLevel.YELLOW, EscalationLevel.RED


def levels(published) -> list[tuple[Stage, int, EscalationLevel]]:
    """(stage, round, level) of each published escalation."""
    out = []
    for event in published:
        data = event.payload()
        assert isinstance(data, ComplaintEscalated)
        out.append((data.stage, data.round, data.level))
    return out


class FailingPublisher(RecordingPublisher):
    """Fails the first `failures` publishes, as a broker outage would."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    async def publish(self, event) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("broker unavailable")
        await super().publish(event)


@dataclass
class RacingStore(InMemoryRecordStore[ComplaintClocks]):
    """Someone else writes each record once, just before this process saves it."""

    raced: set[str] = field(default_factory=set)

    async def save(self, previous, record_id, state, **kwargs):
        if record_id not in self.raced:
            self.raced.add(record_id)
            raise ConcurrencyConflict(f"record {record_id} changed since it was loaded")
        return await super().save(previous, record_id, state, **kwargs)


async def test_receipt_stores_the_dispatch_clock_due_at_its_blue_threshold(
    watcher, store, publisher, story
):
    """After receipt the record is due when dispatch goes blue, and nothing is published."""
    await watcher.on_event(story.received())

    record = await store.load("c-1")
    assert record is not None
    assert record.state.stage is Stage.DISPATCH
    assert record.due_at == T0 + 45 * MINUTE
    assert publisher.published == []


async def test_tick_emits_blue_when_it_is_due(watcher, publisher, clock, story):
    """The tick at the blue threshold publishes one blue escalation of the dispatch stage."""
    await watcher.on_event(story.received())
    clock.at(T0 + 45 * MINUTE)

    await watcher.tick()

    [event] = publisher.published
    assert event.type == ComplaintEscalated.TYPE
    assert (event.subject, event.siteid) == ("c-1", "site-a")
    assert levels([event]) == [(Stage.DISPATCH, 0, BLUE)]


async def test_tick_before_any_threshold_emits_nothing(watcher, publisher, clock, story):
    """Nothing is published while every level is still in the future."""
    await watcher.on_event(story.received())
    clock.at(T0 + 44 * MINUTE)

    assert await watcher.tick() == 0
    assert publisher.published == []


async def test_levels_fire_once_across_ticks_and_restarts(
    store, publisher, policy, thresholds, clock, story
):
    """A second watcher on the same store (a restart) does not fire a level again."""
    first = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)
    await first.on_event(story.received())
    clock.at(T0 + HOUR)
    await first.tick()
    restarted = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)

    await restarted.tick()
    await first.tick()

    assert levels(publisher.published) == [(Stage.DISPATCH, 0, BLUE), (Stage.DISPATCH, 0, YELLOW)]


async def test_redelivered_event_is_a_no_op(watcher, store, publisher, story):
    """Consuming the same lifecycle event twice changes and publishes nothing the second time."""
    received = story.received(contact=40 * MINUTE)
    await watcher.on_event(received)
    record = await store.load("c-1")

    assert await watcher.on_event(received) == []
    assert await store.load("c-1") == record
    assert len(publisher.published) == 2


async def test_late_acceptance_is_escalated_on_receipt(watcher, publisher, story):
    """A complaint recorded 40 min after contact gets accept blue and yellow at once."""
    await watcher.on_event(story.received(contact=40 * MINUTE))

    assert levels(publisher.published) == [(Stage.ACCEPT, 0, BLUE), (Stage.ACCEPT, 0, YELLOW)]


async def test_stage_end_catches_up_what_the_ticker_missed(watcher, publisher, clock, story):
    """Dispatch ended past its deadline before any tick: blue and yellow are emitted once."""
    await watcher.on_event(story.received())
    clock.at(T0 + 70 * MINUTE)
    await watcher.on_event(story.assigned(T0 + 70 * MINUTE))

    await watcher.tick()

    assert levels(publisher.published) == [
        (Stage.DISPATCH, 0, BLUE),
        (Stage.DISPATCH, 0, YELLOW),
    ]


async def test_stage_end_stops_the_clock(watcher, publisher, clock, story):
    """Dispatch done in time: later ticks fire nothing for dispatch, only on-site levels."""
    await watcher.on_event(story.received())
    await watcher.on_event(story.assigned(T0 + 30 * MINUTE))
    clock.at(T0 + 30 * MINUTE + 3 * HOUR)

    await watcher.tick()

    assert levels(publisher.published) == [(Stage.ON_SITE, 0, BLUE)]


async def test_own_escalations_coming_back_are_no_ops(watcher, store, publisher, clock, story):
    """The watcher's escalation consumed from the topic changes nothing."""
    await watcher.on_event(story.received())
    clock.at(T0 + 45 * MINUTE)
    await watcher.tick()
    [blue] = publisher.published
    record = await store.load("c-1")

    assert await watcher.on_event(blue) == []
    assert await store.load("c-1") == record


async def test_transfer_keeps_the_running_clock(watcher, store, publisher, clock, story):
    """After a transfer the on-site clock keeps its deadline and fires as before."""
    await watcher.on_event(story.received())
    await watcher.on_event(story.assigned(T0))
    await watcher.on_event(story.transferred(T0 + 2 * HOUR))
    clock.at(T0 + 4 * HOUR)

    await watcher.tick()

    assert levels(publisher.published) == [(Stage.ON_SITE, 0, BLUE), (Stage.ON_SITE, 0, YELLOW)]
    record = await store.load("c-1")
    assert record is not None
    assert record.due_at == T0 + 8 * HOUR


async def test_reopened_complaint_escalates_in_round_one(watcher, publisher, clock, story):
    """After reopening, the new dispatch clock fires with round 1."""
    for event in (
        story.received(),
        story.assigned(T0),
        story.fixed(T0 + HOUR),
        story.resolved(T0 + 2 * HOUR),
        story.surveyed(T0 + 3 * HOUR, satisfied=False),
        story.reopened(T0 + 3 * HOUR),
    ):
        await watcher.on_event(event)
    clock.at(T0 + 4 * HOUR)

    await watcher.tick()

    assert levels(publisher.published) == [(Stage.DISPATCH, 1, BLUE), (Stage.DISPATCH, 1, YELLOW)]


async def test_a_loop_closed_in_time_is_never_escalated(watcher, store, publisher, clock, story):
    """A complaint that clears every stage in time and closes leaves nothing due."""
    for minutes, event in enumerate(
        (
            story.received(),
            story.assigned(T0 + MINUTE),
            story.fixed(T0 + 2 * MINUTE),
            story.resolved(T0 + 3 * MINUTE),
            story.surveyed(T0 + 4 * MINUTE, satisfied=True),
            story.closed(T0 + 4 * MINUTE),
        )
    ):
        clock.at(T0 + minutes * MINUTE)
        await watcher.on_event(event)
    clock.at(T0 + timedelta(days=30))

    await watcher.tick()

    assert publisher.published == []
    record = await store.load("c-1")
    assert record is not None
    assert record.due_at is None


async def test_tick_skips_a_record_changed_meanwhile_and_fires_next_tick(
    publisher, policy, thresholds, clock, story
):
    """A version conflict in the ticker is skipped; the next tick fires the level once."""
    store = RacingStore()
    watcher = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)
    store.raced.add("c-1")  # the consumer's own save goes through
    await watcher.on_event(story.received())
    store.raced.discard("c-1")
    clock.at(T0 + 45 * MINUTE)

    assert await watcher.tick() == 0
    assert publisher.published == []
    assert await watcher.tick() == 1
    assert levels(publisher.published) == [(Stage.DISPATCH, 0, BLUE)]


async def test_unpublished_escalations_are_sent_on_the_next_tick(
    store, policy, thresholds, clock, story
):
    """When the broker fails after the save, the next tick publishes the saved escalation."""
    publisher = FailingPublisher(failures=1)
    watcher = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)
    await watcher.on_event(story.received())
    clock.at(T0 + 45 * MINUTE)
    with pytest.raises(ConnectionError):
        await watcher.tick()

    await watcher.tick()

    assert levels(publisher.published) == [(Stage.DISPATCH, 0, BLUE)]
    record = await store.load("c-1")
    assert record is not None
    assert record.outbox == ()


async def test_redelivery_publishes_what_a_crash_left_in_the_outbox(
    store, policy, thresholds, story
):
    """A stage-end catch-up saved but not sent is published when the event is redelivered."""
    publisher = FailingPublisher(failures=1)
    watcher = SlaWatcher(store, publisher, lambda: policy, thresholds, lambda: T0)
    late = story.received(contact=40 * MINUTE)
    with pytest.raises(ConnectionError):
        await watcher.on_event(late)

    await watcher.on_event(late)

    assert levels(publisher.published) == [(Stage.ACCEPT, 0, BLUE), (Stage.ACCEPT, 0, YELLOW)]


async def test_replaying_the_stream_re_emits_the_same_event_ids(
    watcher, publisher, policy, thresholds, clock, story
):
    """Escalations decided again from a replay (state lost) carry the ids first published."""
    await watcher.on_event(story.received(contact=40 * MINUTE))

    again = RecordingPublisher()
    replayed = SlaWatcher(InMemoryRecordStore(), again, lambda: policy, thresholds, clock)
    await replayed.on_event(story.received(contact=40 * MINUTE))

    assert [e.id for e in again.published] == [e.id for e in publisher.published]
    assert len(again.published) == 2


async def test_event_for_an_unknown_complaint_is_ignored(watcher, store, publisher, story):
    """An assignment for a complaint never received stores and publishes nothing."""
    assert await watcher.on_event(story.assigned(T0)) == []
    assert store.records == {}
    assert publisher.published == []


async def test_site_policy_is_read_when_a_stage_starts(store, publisher, thresholds, clock, story):
    """The policy in force when a stage starts sets its deadline, per site."""
    policy = SlaPolicy(
        sites={"site-a": SiteOverrides(default=TargetOverrides(dispatch=timedelta(seconds=2)))}
    )
    watcher = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)
    await watcher.on_event(story.received())
    clock.at(T0 + timedelta(seconds=2))

    await watcher.tick()

    assert levels(publisher.published) == [(Stage.DISPATCH, 0, BLUE), (Stage.DISPATCH, 0, YELLOW)]


async def test_tick_handles_at_most_a_batch_per_call(store, publisher, policy, clock, make_story):
    """One tick fires at most `batch` complaints; the next tick fires the rest."""
    watcher = SlaWatcher(store, publisher, lambda: policy, Thresholds(), clock, batch=2)
    for n in range(3):
        await watcher.on_event(make_story(f"c-{n}").received())
    clock.at(T0 + 45 * MINUTE)

    assert await watcher.tick() == 2
    assert await watcher.tick() == 1
    assert sorted(e.subject for e in publisher.published) == ["c-0", "c-1", "c-2"]


class SlowPublisher(RecordingPublisher):
    """Lets other tasks run while each event is on its way to the broker."""

    async def publish(self, event) -> None:
        for _ in range(5):
            await asyncio.sleep(0)
        await super().publish(event)


@dataclass
class StickyOutboxStore(InMemoryRecordStore[ComplaintClocks]):
    """Never manages to drop sent events from the outbox, like a failing `$pullAll`."""

    async def mark_published(self, record_id, event_ids, *, version=None) -> None:
        return None


async def test_consumer_waits_while_the_ticker_sends(store, policy, thresholds, clock, story):
    """A lifecycle event arriving mid-tick does not send the tick's escalation a second time."""
    publisher = SlowPublisher()
    watcher = SlaWatcher(store, publisher, lambda: policy, thresholds, clock)
    await watcher.on_event(story.received())
    clock.at(T0 + 46 * MINUTE)

    await asyncio.gather(watcher.tick(), watcher.on_event(story.assigned(T0 + 46 * MINUTE)))

    assert levels(publisher.published) == [(Stage.DISPATCH, 0, BLUE)]


async def test_own_escalation_coming_back_is_never_sent_again(
    publisher, policy, thresholds, clock, story
):
    """Even when the outbox cannot be cleared, an escalation read back is not re-published."""
    watcher = SlaWatcher(StickyOutboxStore(), publisher, lambda: policy, thresholds, clock)
    await watcher.on_event(story.received())
    clock.at(T0 + 45 * MINUTE)
    await watcher.tick()
    [blue] = publisher.published

    for _ in range(3):
        await watcher.on_event(blue)

    assert publisher.published == [blue]
