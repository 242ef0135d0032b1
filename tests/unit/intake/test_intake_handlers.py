"""The call-centre subscriber, through FastStream's in-memory TestKafkaBroker."""

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_intake import handlers
from closedloop_intake.handlers import call_centre_complaint_id
from closedloop_shared import topics
from closedloop_shared.events import ComplaintReceived
from closedloop_shared.inbound import InboundComplaint
from closedloop_shared.messaging import reliable_consumption
from closedloop_shared.settings import ServiceSettings
from closedloop_shared.vocabulary import Channel

CALL: dict[str, Any] = {
    "source_system": "crm-east",
    "ticket_ref": "T-2025-0001",
    "agent_id": "agent-9",
    "site_id": "site-a",
    "location": "3号楼2单元1202室",
    "caller": {"name": "王小明", "phone": "13800138000"},
    "description": "业主来电：有人被困在电梯里",
    "called_at": "2025-03-01T08:55:00Z",
}


class Harness:
    """A broker wired like intake's app, with a test subscriber on the dead-letter topic."""

    def __init__(self, scenario: Any) -> None:
        self.scenario = scenario
        self.broker = KafkaBroker()
        settings = ServiceSettings(max_attempts=1, retry_backoff_seconds=0)
        self.broker.add_middleware(reliable_consumption(self.broker, "intake", settings))
        kafka = KafkaRouter()
        handlers.register(kafka, scenario.intake)
        self.broker.include_router(kafka)
        self.dead_letters: list[dict[str, Any]] = []

        @self.broker.subscriber(topics.DEAD_LETTER)
        async def collect(letter: dict[str, Any]) -> None:
            self.dead_letters.append(letter)


@pytest.fixture
async def harness(scenario) -> AsyncIterator[tuple[Harness, KafkaBroker]]:
    """The harness and its broker started in memory."""
    harness = Harness(scenario)
    async with TestKafkaBroker(harness.broker) as broker:
        yield harness, broker


async def test_call_centre_message_creates_a_complaint_with_a_derived_id(harness) -> None:
    """The ticket becomes a complaint whose id is derived from system and ticket reference."""
    h, broker = harness
    await broker.publish(CALL, topic=topics.INBOUND, key=b"T-2025-0001")
    [event] = h.scenario.publisher.published
    assert event.subject == call_centre_complaint_id(InboundComplaint.model_validate(CALL))
    assert event.correlationid == event.subject
    assert h.dead_letters == []


async def test_call_centre_complaint_clock_starts_when_the_owner_called(harness) -> None:
    """reported_at is called_at, not the time the message was consumed."""
    h, broker = harness
    await broker.publish(CALL, topic=topics.INBOUND)
    [event] = h.scenario.publisher.published
    data = event.payload()
    assert isinstance(data, ComplaintReceived)
    assert data.reported_at.isoformat() == "2025-03-01T08:55:00+00:00"
    assert event.time == h.scenario.clock()


async def test_call_centre_complaint_is_a_phone_complaint_referencing_the_ticket(
    harness,
) -> None:
    """Channel phone, the ticket as external reference, classified and pseudonymised."""
    h, broker = harness
    await broker.publish(CALL, topic=topics.INBOUND)
    [event] = h.scenario.publisher.published
    data = event.payload()
    assert isinstance(data, ComplaintReceived)
    assert data.channel is Channel.PHONE
    assert data.external_ref == "T-2025-0001"
    assert data.urgent
    assert (data.location.building, data.location.unit) == ("3", "2-1202")
    wire = event.model_dump_json()
    assert "13800138000" not in wire
    assert "王小明" not in wire


async def test_same_ticket_redelivered_is_one_complaint(harness) -> None:
    """A redelivered or re-sent ticket does not create a second complaint."""
    h, broker = harness
    await broker.publish(CALL, topic=topics.INBOUND)
    await broker.publish(CALL, topic=topics.INBOUND)
    assert len(h.scenario.publisher.published) == 1


async def test_same_ticket_ref_from_another_system_is_another_complaint(harness) -> None:
    """Ticket references are only unique within their call-centre system."""
    h, broker = harness
    await broker.publish(CALL, topic=topics.INBOUND)
    # Another caller: the same caller about the same unit would be a follow-up of the first.
    other = {**CALL, "source_system": "crm-west", "caller": {"phone": "13900139000"}}
    await broker.publish(other, topic=topics.INBOUND)
    first, second = h.scenario.publisher.published
    assert first.subject != second.subject


def test_call_centre_complaint_id_depends_on_system_and_ticket_only() -> None:
    """Agent, text or time of a re-sent ticket do not change its complaint id."""
    original = InboundComplaint.model_validate(CALL)
    edited = InboundComplaint.model_validate(
        {**CALL, "agent_id": "agent-1", "description": "更正：电梯困人"}
    )
    assert call_centre_complaint_id(original) == call_centre_complaint_id(edited)


async def test_invalid_message_is_dead_lettered_with_reason_and_original_bytes(harness) -> None:
    """A message that breaks the contract is kept whole with the field that was wrong."""
    h, broker = harness
    invalid = {**CALL, "caller": {"name": "王小明"}}
    await broker.publish(invalid, topic=topics.INBOUND, key=b"T-2025-0001")
    [letter] = h.dead_letters
    assert letter["service"] == "intake"
    assert letter["topic"] == topics.INBOUND
    assert letter["key"] == "T-2025-0001"
    assert letter["error_type"] == "ValidationError"
    assert "caller" in letter["reason"]
    assert "reporter needs a phone, an app_user_id or a staff_id" in letter["reason"]
    assert json.loads(letter["original"]) == invalid
    assert json.loads(base64.b64decode(letter["original_b64"])) == invalid
    assert h.scenario.publisher.published == []


async def test_unparseable_bytes_are_dead_lettered_verbatim(harness) -> None:
    """Bytes that are not even JSON are kept exactly, for a human or a replay."""
    h, broker = harness
    await broker.publish(b"\xffnot json{", topic=topics.INBOUND)
    [letter] = h.dead_letters
    assert base64.b64decode(letter["original_b64"]) == b"\xffnot json{"
    assert letter["reason"]


async def test_future_call_time_is_dead_lettered_with_the_reason(harness) -> None:
    """A call in the future is refused by the domain and dead-lettered, not retried."""
    h, broker = harness
    await broker.publish({**CALL, "called_at": "2030-01-01T00:00:00Z"}, topic=topics.INBOUND)
    [letter] = h.dead_letters
    assert letter["error_type"] == "ImplausibleTime"
    assert "is in the future" in letter["reason"]
    assert letter["attempts"] == 1
    assert h.scenario.publisher.published == []


async def test_valid_message_after_an_invalid_one_is_still_processed(harness) -> None:
    """A poison message does not block the partition."""
    h, broker = harness
    await broker.publish({"source_system": "crm-east"}, topic=topics.INBOUND)
    await broker.publish(CALL, topic=topics.INBOUND)
    assert len(h.dead_letters) == 1
    [event] = h.scenario.publisher.published
    assert event.type == ComplaintReceived.TYPE
