"""The projection's MongoDB collection and its queries."""

from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from closedloop_projection.domain import ComplaintView
from closedloop_shared.store import MongoRecordStore
from closedloop_shared.vocabulary import Stage


class ViewStore(MongoRecordStore[ComplaintView]):
    """Complaint views, one record each, queryable by site and stage."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]]) -> None:
        super().__init__(collection, ComplaintView)
        self._views = collection

    async def ensure_indexes(self) -> None:
        """Indexes for listing a site's complaints by stage and recency."""
        await self._views.create_index(
            [("state.site_id", ASCENDING), ("state.stage", ASCENDING)], name="site_stage"
        )
        await self._views.create_index([("state.last_event_at", DESCENDING)], name="recent")
        await self._views.create_index([("state.incident_id", ASCENDING)], name="incident")

    async def search(
        self,
        sites: tuple[str, ...],
        stage: Stage | None,
        limit: int,
        *,
        needs_review: bool | None = None,
        incident_id: str | None = None,
    ) -> list[ComplaintView]:
        """The most recently changed views of `sites` (`*` = all), optionally filtered."""
        query: dict[str, Any] = {}
        if "*" not in sites:
            query["state.site_id"] = {"$in": list(sites)}
        if stage is not None:
            query["state.stage"] = stage.value
        if needs_review is not None:
            query["state.needs_review"] = needs_review
        if incident_id is not None:
            query["state.incident_id"] = incident_id
        cursor = self._views.find(query).sort("state.last_event_at", DESCENDING).limit(limit)
        return [ComplaintView.model_validate(doc["state"]) async for doc in cursor]


def view_store(db: AsyncDatabase[dict[str, Any]]) -> ViewStore:
    """The `complaints` collection."""
    return ViewStore(db["complaints"])
