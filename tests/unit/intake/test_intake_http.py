"""`POST /complaints`: 201 once, 200 for a retry, 422 with reasons, 401/403 for keys and sites."""

from typing import Any

import httpx
import pytest

from closedloop_shared.envelope import derive_id
from closedloop_shared.events import ComplaintReceived

APP = {"X-API-Key": "app-key"}
AGENT_A = {"X-API-Key": "agent-a-key"}
AGENT_B = {"X-API-Key": "agent-b-key"}
VIEWER = {"X-API-Key": "viewer-key"}


async def test_new_complaint_is_201_with_id_and_status_url(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """The submitter learns the new complaint's id and where to follow it."""
    response = await client.post("/complaints", json=body, headers=AGENT_A)
    assert response.status_code == 201
    answer = response.json()
    assert answer["duplicate"] is False
    assert answer["status_url"] == f"/complaints/{answer['complaint_id']}"
    [event] = scenario.publisher.published
    assert event.type == ComplaintReceived.TYPE
    assert event.subject == answer["complaint_id"]
    assert event.siteid == "site-a"


async def test_retry_with_the_same_idempotency_key_is_200_with_the_same_id(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """A retried request creates nothing and answers the original complaint."""
    headers = {**AGENT_A, "Idempotency-Key": "form-123"}
    first = await client.post("/complaints", json=body, headers=headers)
    second = await client.post("/complaints", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["complaint_id"] == first.json()["complaint_id"]
    assert second.json()["duplicate"] is True
    assert first.json()["complaint_id"] == derive_id("http", "agent-a", "form-123")
    assert len(scenario.publisher.published) == 1


async def test_idempotency_keys_are_scoped_per_api_key(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Two submitters who happen to pick the same Idempotency-Key create two complaints."""
    other_owner = {**body, "reporter": {"phone": "13900139000"}}
    first = await client.post("/complaints", json=body, headers={**AGENT_A, "Idempotency-Key": "1"})
    second = await client.post(
        "/complaints", json=other_owner, headers={**APP, "Idempotency-Key": "1"}
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["complaint_id"] != second.json()["complaint_id"]
    assert len(scenario.publisher.published) == 2


async def test_same_external_ref_of_a_channel_is_a_duplicate(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Without a key, the channel's own reference identifies a resubmission."""
    with_ref = {**body, "external_ref": "wx-889"}
    first = await client.post("/complaints", json=with_ref, headers=APP)
    second = await client.post("/complaints", json=with_ref, headers=APP)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["complaint_id"] == first.json()["complaint_id"]
    assert len(scenario.publisher.published) == 1


async def test_without_key_or_ref_each_submission_is_new(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Two plain submissions by different owners are two complaints."""
    first = await client.post("/complaints", json=body, headers=APP)
    other_owner = {**body, "reporter": {"phone": "13900139000"}}
    second = await client.post("/complaints", json=other_owner, headers=APP)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["complaint_id"] != second.json()["complaint_id"]


async def test_http_event_carries_neither_phone_nor_name(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Personal details submitted over HTTP never reach the topic."""
    await client.post("/complaints", json=body, headers=APP)
    [event] = scenario.publisher.published
    wire = event.model_dump_json()
    assert body["reporter"]["phone"] not in wire
    assert body["reporter"]["name"] not in wire
    [contact] = scenario.contacts.contacts.values()
    assert contact.phone == body["reporter"]["phone"]


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != key}


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"reporter": {"name": "王小明"}}, ["body", "reporter"]),
        ({"reporter": {"phone": "call me maybe"}}, ["body", "reporter", "phone"]),
        ({"channel": "carrier-pigeon"}, ["body", "channel"]),
        ({"description": "x" * 2001}, ["body", "description"]),
        ({"description": "x"}, ["body", "description"]),
        ({"site_id": "site a/../b"}, ["body", "site_id"]),
        ({"site_id": ""}, ["body", "site_id"]),
        ({"location": "x" * 201}, ["body", "location"]),
        ({"reported_at": "2025-03-01T08:30:00"}, ["body", "reported_at"]),
        ({"priority": "high"}, ["body", "priority"]),
    ],
    ids=[
        "no-contact",
        "bad-phone",
        "bad-channel",
        "oversize-description",
        "short-description",
        "bad-site-id",
        "empty-site-id",
        "oversize-location",
        "naive-time",
        "unknown-field",
    ],
)
async def test_invalid_body_is_422_with_the_field_and_reason(
    scenario,
    client: httpx.AsyncClient,
    body: dict[str, Any],
    change: dict[str, Any],
    loc: list[str],
) -> None:
    """Each invalid field is named with a reason; nothing is recorded."""
    response = await client.post("/complaints", json={**body, **change}, headers=APP)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert loc in [e["loc"] for e in errors]
    assert all(e["msg"] for e in errors)
    assert scenario.publisher.published == []


@pytest.mark.parametrize("field", ["site_id", "location", "channel", "reporter", "description"])
async def test_missing_required_field_is_422(
    scenario, client: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    """Every part of an accurate record is required."""
    response = await client.post("/complaints", json=_without(body, field), headers=APP)
    assert response.status_code == 422
    assert ["body", field] in [e["loc"] for e in response.json()["detail"]]


async def test_missing_reporter_contact_names_the_rule(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """The reason says what would make the reporter reachable."""
    response = await client.post(
        "/complaints", json={**body, "reporter": {"name": "王"}}, headers=APP
    )
    [error] = response.json()["detail"]
    assert "reporter needs a phone, an app_user_id or a staff_id" in error["msg"]


async def test_future_contact_time_is_422_with_the_reason(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """A reported_at after now is refused as implausible."""
    response = await client.post(
        "/complaints", json={**body, "reported_at": "2030-01-01T00:00:00Z"}, headers=APP
    )
    assert response.status_code == 422
    assert "is in the future" in response.json()["detail"]
    assert scenario.publisher.published == []


async def test_key_for_another_site_is_403(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """An agent of site-b may not submit for site-a."""
    response = await client.post("/complaints", json=body, headers=AGENT_B)
    assert response.status_code == 403
    assert "site-a" in response.json()["detail"]
    assert scenario.publisher.published == []


async def test_viewer_key_may_not_submit_403(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Read-only keys cannot create complaints."""
    response = await client.post("/complaints", json=body, headers=VIEWER)
    assert response.status_code == 403
    assert scenario.publisher.published == []


async def test_without_a_key_is_401(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Anonymous submissions are refused."""
    response = await client.post("/complaints", json=body)
    assert response.status_code == 401
    assert scenario.publisher.published == []


async def test_unknown_key_is_401(client: httpx.AsyncClient, body: dict[str, Any]) -> None:
    """A key nobody configured is refused like a missing one."""
    response = await client.post("/complaints", json=body, headers={"X-API-Key": "nope"})
    assert response.status_code == 401


async def test_overlong_location_token_is_still_accepted(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """A valid (<= 200 chars) location the parser cannot use is kept raw, not a server error."""
    response = await client.post(
        "/complaints", json={**body, "location": "Block " + "X" * 41}, headers=APP
    )
    assert response.status_code == 201


async def test_external_refs_of_different_submitters_do_not_collide(
    scenario, client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    """Site-b's complaint with ref 1001 is a new complaint, not site-a's complaint 1001."""
    first = await client.post("/complaints", json={**body, "external_ref": "1001"}, headers=AGENT_A)
    second = await client.post(
        "/complaints",
        json={**body, "site_id": "site-b", "external_ref": "1001"},
        headers=AGENT_B,
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["complaint_id"] != first.json()["complaint_id"]
    assert [e.siteid for e in scenario.publisher.published] == ["site-a", "site-b"]
