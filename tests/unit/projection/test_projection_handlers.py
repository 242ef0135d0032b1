"""The projection's subscriber, through FastStream's in-memory TestKafkaBroker."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_projection import handlers
from closedloop_projection.domain import ComplaintView
from closedloop_projection.service import Projector
from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import reliable_consumption
from closedloop_shared.settings import ServiceSettings
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Stage


class Harness:
    """A broker wired like the projection's app, collecting dead letters."""

    def __init__(self) -> None:
        self.store: InMemoryRecordStore[ComplaintView] = InMemoryRecordStore()
        self.broker = KafkaBroker()
        settings = ServiceSettings(max_attempts=1, retry_backoff_seconds=0)
        self.broker.add_middleware(reliable_consumption(self.broker, "projection", settings))
        kafka = KafkaRouter()
        handlers.register(kafka, Projector(self.store))
        self.broker.include_router(kafka)
        self.dead_letters: list[dict[str, Any]] = []

        @self.broker.subscriber(topics.DEAD_LETTER)
        async def collect(letter: dict[str, Any]) -> None:
            self.dead_letters.append(letter)


@pytest.fixture
async def harness() -> AsyncIterator[tuple[Harness, KafkaBroker]]:
    """The harness and its broker started in memory."""
    harness = Harness()
    async with TestKafkaBroker(harness.broker) as broker:
        yield harness, broker


async def test_lifecycle_topic_is_folded_into_the_view(
    harness, full_loop: list[CloudEvent]
) -> None:
    """The whole loop read from the topic ends in a closed view."""
    h, broker = harness
    for event in full_loop:
        await broker.publish(event.model_dump(mode="json"), topic=topics.LIFECYCLE)
    assert h.store.records["c-1"].state.stage is Stage.CLOSED
    assert h.dead_letters == []


async def test_envelope_breaking_the_contract_is_dead_lettered(
    harness, full_loop: list[CloudEvent]
) -> None:
    """An envelope with a naive time is refused with the field named."""
    h, broker = harness
    broken = {**full_loop[0].model_dump(mode="json"), "time": "2025-03-01T08:10:00"}
    await broker.publish(broken, topic=topics.LIFECYCLE)
    [letter] = h.dead_letters
    assert letter["reason"].startswith("event.time: ")
    assert h.store.records == {}
