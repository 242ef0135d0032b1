"""The query API: a complaint by id and a site-scoped list, never showing another site's data."""

import httpx
import pytest

VIEWER_A = {"X-API-Key": "viewer-a-key"}
VIEWER_B = {"X-API-Key": "viewer-b-key"}
HQ = {"X-API-Key": "hq-key"}


async def test_complaint_view_is_returned_to_a_reader_of_its_site(
    client: httpx.AsyncClient,
) -> None:
    """The document shows stage, owner, stage times and surveys."""
    response = await client.get("/complaints/c-1", headers=VIEWER_A)
    assert response.status_code == 200
    view = response.json()
    assert view["stage"] == "closed"
    assert view["department"] == "engineering"
    assert [s["stage"] for s in view["stages"]] == [
        "accept",
        "dispatch",
        "on_site",
        "feedback",
        "follow_up",
    ]
    assert view["surveys"][0]["score"] == 5


async def test_another_site_s_complaint_is_404(client: httpx.AsyncClient) -> None:
    """A reader of site-b cannot learn that site-a's complaint exists."""
    response = await client.get("/complaints/c-1", headers=VIEWER_B)
    assert response.status_code == 404
    assert response.json()["detail"] == "complaint c-1 not found"


async def test_unknown_complaint_is_404(client: httpx.AsyncClient) -> None:
    """Unknown and invisible look the same."""
    assert (await client.get("/complaints/c-9", headers=HQ)).status_code == 404


async def test_queries_need_a_key(client: httpx.AsyncClient) -> None:
    """Anonymous readers are refused."""
    assert (await client.get("/complaints/c-1")).status_code == 401
    assert (await client.get("/complaints")).status_code == 401


async def test_list_shows_only_the_reader_s_sites_newest_first(
    client: httpx.AsyncClient,
) -> None:
    """A site reader lists that site's complaints, most recently changed first."""
    response = await client.get("/complaints", headers=VIEWER_A)
    assert [v["complaint_id"] for v in response.json()] == ["c-1", "c-2"]


async def test_list_filters_by_stage(client: httpx.AsyncClient) -> None:
    """Only complaints in the asked stage are listed."""
    response = await client.get("/complaints", params={"stage": "dispatch"}, headers=HQ)
    assert sorted(v["complaint_id"] for v in response.json()) == ["c-2", "c-3"]


async def test_list_of_a_site_the_reader_may_not_see_is_empty(client: httpx.AsyncClient) -> None:
    """Asking for another site's list returns nothing rather than its complaints."""
    response = await client.get("/complaints", params={"site_id": "site-b"}, headers=VIEWER_A)
    assert response.status_code == 200
    assert response.json() == []


async def test_list_is_capped_at_the_page_size(client: httpx.AsyncClient) -> None:
    """A larger limit than configured returns at most a page."""
    response = await client.get("/complaints", params={"limit": 100}, headers=HQ)
    assert len(response.json()) == 2


@pytest.mark.parametrize("limit", [0, -1])
async def test_list_refuses_a_non_positive_limit(client: httpx.AsyncClient, limit: int) -> None:
    """A limit below one is a bad request."""
    response = await client.get("/complaints", params={"limit": limit}, headers=HQ)
    assert response.status_code == 422
