"""Follow-ups through the channels: `POST /complaints` answers the existing id, the call-centre
topic links the call, and neither creates a complaint."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_intake import handlers
from closedloop_shared import topics
from closedloop_shared.events import ComplaintFollowedUp, ComplaintReceived
from closedloop_shared.messaging import reliable_consumption
from closedloop_shared.settings import ServiceSettings
from closedloop_shared.vocabulary import Channel

APP = {"X-API-Key": "app-key"}


async def test_a_follow_up_over_http_is_200_with_the_existing_id(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """The owner is told the complaint they are chasing; nothing new is created."""
    first = await client.post("/complaints", json=body, headers=APP)
    chase = {**body, "description": "电梯还是坏的，催一下", "reported_at": "2025-03-01T08:50:00Z"}
    second = await client.post("/complaints", json=chase, headers=APP)
    assert (first.status_code, second.status_code) == (201, 200)
    existing = first.json()["complaint_id"]
    assert second.json() == {
        "complaint_id": existing,
        "status_url": f"/complaints/{existing}",
        "duplicate": False,
        "follow_up": True,
    }
    assert [e.type for e in scenario.publisher.published] == [
        ComplaintReceived.TYPE,
        ComplaintFollowedUp.TYPE,
    ]
    assert scenario.publisher.published[-1].subject == existing


async def test_a_repeated_follow_up_request_is_a_duplicate_follow_up(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """The same follow-up retried with its Idempotency-Key answers the same and adds nothing."""
    first = await client.post("/complaints", json=body, headers=APP)
    headers = {**APP, "Idempotency-Key": "chase-1"}
    once = await client.post("/complaints", json=body, headers=headers)
    twice = await client.post("/complaints", json=body, headers=headers)
    assert (once.status_code, twice.status_code) == (200, 200)
    assert twice.json()["complaint_id"] == first.json()["complaint_id"]
    assert (twice.json()["duplicate"], twice.json()["follow_up"]) == (True, True)
    assert len(scenario.publisher.published) == 2


async def test_a_plain_new_complaint_says_it_is_no_follow_up(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """201 answers carry `follow_up: false`, so clients can rely on the field."""
    response = await client.post("/complaints", json=body, headers=APP)
    assert response.status_code == 201
    assert response.json()["follow_up"] is False


CALL: dict[str, Any] = {
    "source_system": "crm-east",
    "ticket_ref": "T-1",
    "site_id": "site-a",
    "location": "3号楼2单元1202室",
    "caller": {"phone": "13800138000"},
    "description": "电梯坏了，困在里面",
    "called_at": "2025-03-01T08:30:00Z",
}


@pytest.fixture
async def broker(scenario: Any) -> AsyncIterator[KafkaBroker]:
    """An in-memory broker with intake's call-centre subscriber."""
    broker = KafkaBroker()
    settings = ServiceSettings(max_attempts=1, retry_backoff_seconds=0)
    broker.add_middleware(reliable_consumption(broker, "intake", settings))
    kafka = KafkaRouter()
    handlers.register(kafka, scenario.intake)
    broker.include_router(kafka)
    async with TestKafkaBroker(broker) as running:
        yield running


async def test_a_second_call_about_the_same_problem_is_linked_not_created(
    scenario, broker: KafkaBroker
) -> None:
    """The owner calls again with a new ticket: the call is a follow-up of the first complaint."""
    await broker.publish(CALL, topic=topics.INBOUND)
    again = {**CALL, "ticket_ref": "T-2", "called_at": "2025-03-01T08:45:00Z"}
    await broker.publish(again, topic=topics.INBOUND)
    received, followed = scenario.publisher.published
    assert received.type == ComplaintReceived.TYPE
    assert followed.type == ComplaintFollowedUp.TYPE
    assert followed.subject == received.subject
    data = followed.payload()
    assert isinstance(data, ComplaintFollowedUp)
    assert (data.channel, data.external_ref) == (Channel.PHONE, "T-2")
