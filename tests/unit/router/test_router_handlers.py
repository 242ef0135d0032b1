"""The router's subscribers, through FastStream's in-memory TestKafkaBroker."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_router import handlers
from closedloop_shared import topics
from closedloop_shared.events import ComplaintAssigned, OnSiteFixReported
from closedloop_shared.messaging import reliable_consumption
from closedloop_shared.settings import ServiceSettings


class Harness:
    """A broker wired like the router's app, with a test subscriber on the dead-letter topic."""

    def __init__(self, scenario: Any) -> None:
        self.scenario = scenario
        self.broker = KafkaBroker()
        settings = ServiceSettings(max_attempts=1, retry_backoff_seconds=0)
        self.broker.add_middleware(reliable_consumption(self.broker, "router", settings))
        kafka = KafkaRouter()
        handlers.register(kafka, scenario.router)
        self.broker.include_router(kafka)
        self.dead_letters: list[dict[str, Any]] = []

        @self.broker.subscriber(topics.DEAD_LETTER)
        async def collect(letter: dict[str, Any]) -> None:
            self.dead_letters.append(letter)

    def command(self, kind: str, **fields: Any) -> dict[str, Any]:
        """A command as it travels on the topic."""
        return self.scenario.command(kind, **fields).model_dump(mode="json")


@pytest.fixture
async def harness(scenario) -> AsyncIterator[tuple[Harness, KafkaBroker]]:
    """The harness and its broker started in memory."""
    harness = Harness(scenario)
    async with TestKafkaBroker(harness.broker) as broker:
        yield harness, broker


async def test_received_on_the_lifecycle_topic_is_dispatched(harness) -> None:
    """A ComplaintReceived read from the topic yields one ComplaintAssigned."""
    h, broker = harness
    received = h.scenario.received()
    await broker.publish(received.model_dump(mode="json"), topic=topics.LIFECYCLE)
    [event] = h.scenario.publisher.published
    assert event.type == ComplaintAssigned.TYPE
    assert event.causationid == received.id


async def test_staff_command_on_the_topic_is_applied(harness) -> None:
    """An on-site fix sent as a command message emits its event."""
    h, broker = harness
    await h.scenario.receive()
    await broker.publish(h.command("fix"), topic=topics.COMMANDS, key=b"c-1")
    assert h.scenario.publisher.published[-1].type == OnSiteFixReported.TYPE
    assert h.dead_letters == []


async def test_survey_answers_on_the_topic_are_left_to_feedback(harness) -> None:
    """The router ignores survey answers without dead-lettering them."""
    h, broker = harness
    await h.scenario.to_follow_up()
    count = len(h.scenario.publisher.published)
    answer = {**h.command("fix"), "type": "answer_survey", "satisfied": True}
    del answer["note"]
    await broker.publish(answer, topic=topics.COMMANDS)
    assert len(h.scenario.publisher.published) == count
    assert h.dead_letters == []


async def test_illegal_command_is_dead_lettered_with_the_stage_reason(harness) -> None:
    """A command the stage does not allow is refused once, with the rule in the dead letter."""
    h, broker = harness
    await h.scenario.receive()
    await broker.publish(h.command("resolve"), topic=topics.COMMANDS, key=b"c-1")
    [letter] = h.dead_letters
    assert letter["error_type"] == "IllegalAction"
    assert "complaint c-1 is in stage on_site" in letter["reason"]
    assert letter["attempts"] == 1
    assert letter["key"] == "c-1"


async def test_command_for_an_unknown_complaint_is_dead_lettered(harness) -> None:
    """A command naming a complaint the router never saw is kept with its reason."""
    h, broker = harness
    await broker.publish(h.command("fix"), topic=topics.COMMANDS)
    [letter] = h.dead_letters
    assert letter["error_type"] == "UnknownComplaint"
    assert "unknown to the router" in letter["reason"]


async def test_malformed_command_is_dead_lettered_naming_the_field(harness) -> None:
    """A command missing its note is refused with the field path."""
    h, broker = harness
    await h.scenario.receive()
    broken = h.command("fix")
    del broken["note"]
    await broker.publish(broken, topic=topics.COMMANDS)
    [letter] = h.dead_letters
    assert "note" in letter["reason"]
    assert h.scenario.state().stage.value == "on_site"
