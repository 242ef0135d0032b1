"""The query API: a complaint's view by id, and a site-scoped list.

Every query is scoped to the caller's sites: another site's complaint answers 404.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from closedloop_projection.adapters.mongo import ViewStore
from closedloop_projection.domain import ComplaintView
from closedloop_shared.auth import Principal, Role, not_found, require
from closedloop_shared.vocabulary import Stage

Reader = Annotated[
    Principal,
    Depends(require(Role.VIEWER, Role.AGENT, Role.STAFF, Role.OWNER_APP)),
]


def http_router(store: ViewStore, max_page_size: int) -> APIRouter:
    """Read endpoints over `store`."""
    api = APIRouter(prefix="/complaints", tags=["queries"])

    @api.get("/{complaint_id}")
    async def get_complaint(complaint_id: str, who: Reader) -> ComplaintView:
        """The complaint's current stage, owner, stage times, escalations and surveys."""
        record = await store.load(complaint_id)
        if record is None or not who.sees(record.state.site_id):
            raise not_found(complaint_id)
        return record.state

    @api.get("")
    async def list_complaints(
        who: Reader,
        stage: Stage | None = None,
        site_id: str | None = None,
        needs_review: bool | None = None,
        incident_id: str | None = None,
        limit: Annotated[int, Query(ge=1)] = 50,
    ) -> list[ComplaintView]:
        """The most recently changed complaints the caller may see (`needs_review=true`: the
        front desk's review queue; `incident_id`: the lead and members of one incident)."""
        sites = who.sites
        if site_id is not None:
            sites = (site_id,) if who.sees(site_id) else ()
        if not sites:
            return []
        return await store.search(
            sites,
            stage,
            min(limit, max_page_size),
            needs_review=needs_review,
            incident_id=incident_id,
        )

    return api
