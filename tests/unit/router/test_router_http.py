"""Staff actions over HTTP: keys, roles, site scoping, and the status of each refusal."""

import httpx
import pytest

from closedloop_shared.events import ComplaintAssigned, ComplaintResolved, OnSiteFixReported

STAFF = {"X-API-Key": "staff-key"}
ADMIN = {"X-API-Key": "admin-key"}
VIEWER = {"X-API-Key": "viewer-key"}
OTHER_SITE_STAFF = {"X-API-Key": "other-site-key"}

FIX = "/complaints/c-1/on-site-fix"
RESOLVE = "/complaints/c-1/resolve"
TRANSFER = "/complaints/c-1/transfer"


async def test_on_site_fix_is_accepted_with_the_event_types(
    scenario, client: httpx.AsyncClient
) -> None:
    """202 with the new stage, the owner and the types of the events emitted."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "valve replaced"}, headers=STAFF)
    assert response.status_code == 202
    assert response.json() == {
        "complaint_id": "c-1",
        "stage": "feedback",
        "department": "engineering",
        "events": [OnSiteFixReported.TYPE],
    }
    event = scenario.publisher.published[-1]
    assert event.payload() == OnSiteFixReported(actor="staff-7", note="valve replaced")


async def test_resolve_is_accepted_after_the_fix(scenario, client: httpx.AsyncClient) -> None:
    """The resolution ends stage 4 and is emitted as ComplaintResolved."""
    await scenario.receive()
    await client.post(FIX, json={"note": "valve replaced"}, headers=STAFF)
    response = await client.post(RESOLVE, json={"resolution": "dried out"}, headers=STAFF)
    assert response.status_code == 202
    assert response.json()["stage"] == "follow_up"
    assert response.json()["events"] == [ComplaintResolved.TYPE]


async def test_transfer_is_accepted_and_names_the_new_owner(
    scenario, client: httpx.AsyncClient
) -> None:
    """A transfer answers the new department and keeps the stage."""
    await scenario.receive()
    body = {"department": "legal", "reason": "owner threatens to sue"}
    response = await client.post(TRANSFER, json=body, headers=STAFF)
    assert response.status_code == 202
    assert response.json() == {
        "complaint_id": "c-1",
        "stage": "on_site",
        "department": "legal",
        "events": [ComplaintAssigned.TYPE],
    }
    assert scenario.publisher.published[-1].payload().transferred_from == "engineering"


async def test_admin_may_act_on_any_site(scenario, client: httpx.AsyncClient) -> None:
    """The admin role passes every role check and sees every site."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "n"}, headers=ADMIN)
    assert response.status_code == 202
    assert scenario.publisher.published[-1].payload().actor == "ops"


async def test_same_idempotency_key_is_applied_once(scenario, client: httpx.AsyncClient) -> None:
    """A retried request with the same Idempotency-Key emits nothing new."""
    await scenario.receive()
    headers = {**STAFF, "Idempotency-Key": "req-1"}
    first = await client.post(FIX, json={"note": "n"}, headers=headers)
    second = await client.post(FIX, json={"note": "n"}, headers=headers)
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["events"] == [OnSiteFixReported.TYPE]
    assert second.json()["events"] == []
    assert second.json()["stage"] == "feedback"
    assert [e.type for e in scenario.publisher.published].count(OnSiteFixReported.TYPE) == 1


async def test_without_a_key_is_401(scenario, client: httpx.AsyncClient) -> None:
    """No X-API-Key, no action."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "n"})
    assert response.status_code == 401
    assert len(scenario.publisher.published) == 1


async def test_unknown_key_is_401(scenario, client: httpx.AsyncClient) -> None:
    """A key nobody configured is refused like a missing one."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "n"}, headers={"X-API-Key": "guess"})
    assert response.status_code == 401


async def test_viewer_may_not_act_403(scenario, client: httpx.AsyncClient) -> None:
    """Read-only keys cannot change a complaint."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "n"}, headers=VIEWER)
    assert response.status_code == 403
    assert "viewer" in response.json()["detail"]
    assert len(scenario.publisher.published) == 1


async def test_unknown_complaint_is_404(client: httpx.AsyncClient) -> None:
    """A complaint the router does not know is not found."""
    response = await client.post(FIX, json={"note": "n"}, headers=STAFF)
    assert response.status_code == 404
    assert response.json()["detail"] == "complaint c-1 not found"


async def test_another_site_s_complaint_is_404(scenario, client: httpx.AsyncClient) -> None:
    """A complaint of a site the key may not see answers exactly like an unknown one."""
    await scenario.receive()
    response = await client.post(FIX, json={"note": "n"}, headers=OTHER_SITE_STAFF)
    assert response.status_code == 404
    assert response.json()["detail"] == "complaint c-1 not found"
    assert len(scenario.publisher.published) == 1


async def test_action_the_stage_does_not_allow_is_409(scenario, client: httpx.AsyncClient) -> None:
    """Resolving before the on-site fix is a conflict naming the stage."""
    await scenario.receive()
    response = await client.post(RESOLVE, json={"resolution": "r"}, headers=STAFF)
    assert response.status_code == 409
    assert "complaint c-1 is in stage on_site" in response.json()["detail"]


async def test_transfer_to_the_current_owner_is_409(scenario, client: httpx.AsyncClient) -> None:
    """Transferring to the department that owns it is a conflict."""
    await scenario.receive()
    body = {"department": "engineering", "reason": "r"}
    response = await client.post(TRANSFER, json=body, headers=STAFF)
    assert response.status_code == 409


async def test_transfer_to_an_unknown_department_is_422(
    scenario, client: httpx.AsyncClient
) -> None:
    """A department the rules do not know is an unprocessable request, named in the answer."""
    await scenario.receive()
    body = {"department": "plumbers", "reason": "r"}
    response = await client.post(TRANSFER, json=body, headers=STAFF)
    assert response.status_code == 422
    assert "plumbers" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (FIX, {}, "note"),
        (FIX, {"note": ""}, "note"),
        (FIX, {"note": "x" * 2001}, "note"),
        (FIX, {"note": "n", "photo": "x"}, "photo"),
        (RESOLVE, {"note": "wrong field"}, "resolution"),
        (TRANSFER, {"department": "legal"}, "reason"),
        (TRANSFER, {"department": "", "reason": "r"}, "department"),
    ],
    ids=["missing", "empty", "oversize", "extra", "wrong-field", "no-reason", "empty-department"],
)
async def test_bad_body_is_422_naming_the_field(
    scenario, client: httpx.AsyncClient, path: str, body: dict[str, str], field: str
) -> None:
    """A malformed body is refused with the offending field in the error location."""
    await scenario.receive()
    response = await client.post(path, json=body, headers=STAFF)
    assert response.status_code == 422
    assert ["body", field] in [e["loc"] for e in response.json()["detail"]]
    assert len(scenario.publisher.published) == 1
