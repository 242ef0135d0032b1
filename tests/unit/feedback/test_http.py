"""`POST /complaints/{id}/survey` on the in-memory service: auth, site scope, status codes."""

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import httpx
import pytest
from fastapi import FastAPI

from closedloop_feedback.http import http_router
from closedloop_shared.auth import ApiKey, Role, hash_key
from closedloop_shared.events import ComplaintClosed, ComplaintReopened, ComplaintSurveyed

if TYPE_CHECKING:
    from conftest import Scenario

KEYS = {
    "owner-key": ApiKey(name="owner-app", sha256=hash_key("owner-key"), role=Role.OWNER_APP),
    "agent-key": ApiKey(name="agent-1", sha256=hash_key("agent-key"), role=Role.AGENT),
    "site-b-staff": ApiKey(
        name="staff-b", sha256=hash_key("site-b-staff"), role=Role.STAFF, sites=("site-b",)
    ),
    "site-a-staff": ApiKey(
        name="staff-a", sha256=hash_key("site-a-staff"), role=Role.STAFF, sites=("site-a",)
    ),
    "viewer-key": ApiKey(name="viewer", sha256=hash_key("viewer-key"), role=Role.VIEWER),
    "admin-key": ApiKey(name="root", sha256=hash_key("admin-key"), role=Role.ADMIN),
}
URL = "/complaints/c-1/survey"


@pytest.fixture
async def client(scenario: "Scenario") -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for an app with only the survey router and the test keys."""
    app = FastAPI()
    app.include_router(http_router(scenario.feedback))
    app.state.api_keys = list(KEYS.values())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def key(name: str) -> dict[str, str]:
    """The header presenting test key `name`."""
    return {"X-API-Key": name}


async def test_missing_key_is_401(scenario: "Scenario", client: httpx.AsyncClient) -> None:
    """Without an API key the answer is refused as unauthenticated."""
    await scenario.resolve()
    response = await client.post(URL, json={"satisfied": True})
    assert response.status_code == 401


async def test_unknown_key_is_401(scenario: "Scenario", client: httpx.AsyncClient) -> None:
    """A key that is not configured is refused as unauthenticated."""
    await scenario.resolve()
    response = await client.post(URL, json={"satisfied": True}, headers=key("guess"))
    assert response.status_code == 401


async def test_viewer_role_is_403(scenario: "Scenario", client: httpx.AsyncClient) -> None:
    """A viewer may not answer surveys."""
    await scenario.resolve()
    response = await client.post(URL, json={"satisfied": True}, headers=key("viewer-key"))
    assert response.status_code == 403


async def test_other_sites_complaint_is_404(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """Staff of another site get 404, so the complaint's existence does not leak."""
    await scenario.resolve()
    response = await client.post(URL, json={"satisfied": True}, headers=key("site-b-staff"))
    assert response.status_code == 404
    assert scenario.publisher.published == []


async def test_unknown_complaint_is_404(client: httpx.AsyncClient) -> None:
    """An answer for a complaint never received is 404."""
    response = await client.post(URL, json={"satisfied": True}, headers=key("owner-key"))
    assert response.status_code == 404
    assert response.json() == {"detail": "complaint c-1 not found"}


async def test_answer_outside_follow_up_is_409_with_reason(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """An answer before the complaint is resolved is a conflict that names the stage."""
    await scenario.feed(*scenario.lifecycle()[:-1])
    response = await client.post(URL, json={"satisfied": True}, headers=key("owner-key"))
    assert response.status_code == 409
    assert "in stage feedback" in response.json()["detail"]


async def test_answer_after_the_deadline_is_409(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """An answer after the window is a conflict: the survey expired."""
    await scenario.resolve()
    scenario.clock.advance(scenario.window)
    response = await client.post(URL, json={"satisfied": True}, headers=key("owner-key"))
    assert response.status_code == 409
    assert "no-response" in response.json()["detail"]


async def test_satisfied_answer_is_202_and_closes(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """The owner app's satisfied answer is accepted; the complaint is closed."""
    await scenario.resolve()
    response = await client.post(
        URL, json={"satisfied": True, "score": 5, "comment": "好"}, headers=key("owner-key")
    )
    assert response.status_code == 202
    assert response.json() == {
        "complaint_id": "c-1",
        "stage": "closed",
        "round": 0,
        "events": [ComplaintSurveyed.TYPE, ComplaintClosed.TYPE],
    }
    [surveyed, _] = scenario.publisher.published
    assert surveyed.payload() == ComplaintSurveyed(satisfied=True, score=5, comment="好", round=0)


async def test_dissatisfied_answer_is_202_and_reopens(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """Site staff entering a dissatisfied answer reopen the complaint in round 1."""
    await scenario.resolve()
    response = await client.post(
        URL, json={"satisfied": False, "comment": "没修好"}, headers=key("site-a-staff")
    )
    assert response.status_code == 202
    assert response.json()["stage"] == "dispatch"
    assert response.json()["round"] == 1
    assert response.json()["events"] == [ComplaintSurveyed.TYPE, ComplaintReopened.TYPE]


@pytest.mark.parametrize("name", ["agent-key", "admin-key"])
async def test_agents_and_admins_may_answer(
    scenario: "Scenario", client: httpx.AsyncClient, name: str
) -> None:
    """A call-centre agent (or an admin) may record the owner's answer."""
    await scenario.resolve()
    response = await client.post(URL, json={"satisfied": True}, headers=key(name))
    assert response.status_code == 202


async def test_idempotency_key_is_the_command_id(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """The Idempotency-Key becomes the command id, so the events are caused by it."""
    await scenario.resolve()
    await client.post(
        URL, json={"satisfied": True}, headers={**key("agent-key"), "Idempotency-Key": "k-1"}
    )
    assert scenario.store.records["c-1"].has_applied("command:c-1:k-1")
    assert {e.causationid for e in scenario.publisher.published} == {"k-1"}


async def test_idempotency_key_makes_a_retry_harmless(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """The same Idempotency-Key twice is applied once; the retry is 202 with no new events."""
    await scenario.resolve()
    headers = {**key("owner-key"), "Idempotency-Key": "retry-1"}
    first = await client.post(URL, json={"satisfied": False}, headers=headers)
    second = await client.post(URL, json={"satisfied": False}, headers=headers)
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.json() == {"complaint_id": "c-1", "stage": "dispatch", "round": 1, "events": []}
    assert len(scenario.publisher.published) == 2


async def test_without_idempotency_key_a_second_answer_is_409(
    scenario: "Scenario", client: httpx.AsyncClient
) -> None:
    """Two answers without a key are two commands: the second finds the survey answered."""
    await scenario.resolve()
    await client.post(URL, json={"satisfied": True}, headers=key("owner-key"))
    response = await client.post(URL, json={"satisfied": True}, headers=key("owner-key"))
    assert response.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"satisfied": True, "score": 6},
        {"satisfied": True, "score": 0},
        {"satisfied": True, "x": 1},
    ],
    ids=["no-satisfied", "score-too-high", "score-too-low", "unknown-field"],
)
async def test_malformed_body_is_422(
    scenario: "Scenario", client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    """A body without `satisfied`, with a score outside 1..5 or an unknown field is refused."""
    await scenario.resolve()
    response = await client.post(URL, json=body, headers=key("owner-key"))
    assert response.status_code == 422
    assert scenario.publisher.published == []
