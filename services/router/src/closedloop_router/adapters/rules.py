"""Routing rules: read from YAML, kept in MongoDB, cached in memory and refreshed periodically.

MongoDB is the source of truth at run time, so every router instance routes alike; the YAML file
is how operators change it (it is loaded at start-up, replacing the stored rules).
"""

import asyncio
from importlib import resources
from pathlib import Path
from typing import Any

import structlog
import yaml
from pymongo.asynchronous.collection import AsyncCollection

from closedloop_router.domain import RoutingRules

log = structlog.get_logger("closedloop.router.rules")

_DOC_ID = "current"


def read_rules_file(path: Path | None) -> RoutingRules:
    """Rules from `path`, or the packaged defaults of DOMAIN.md."""
    text = (
        path.read_text(encoding="utf-8")
        if path is not None
        else resources.files("closedloop_router").joinpath("routing.yaml").read_text("utf-8")
    )
    return RoutingRules.model_validate(yaml.safe_load(text))


class MongoRules:
    """The current rules, mirrored from one MongoDB document."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]], initial: RoutingRules) -> None:
        self._collection = collection
        self._rules = initial

    def __call__(self) -> RoutingRules:
        return self._rules

    async def publish(self, rules: RoutingRules) -> None:
        """Store `rules` as the current rules of every router."""
        doc = rules.model_dump(mode="json")
        doc["departments"] = sorted(doc["departments"])
        await self._collection.replace_one({"_id": _DOC_ID}, doc, upsert=True)
        self._rules = rules

    async def refresh(self) -> None:
        """Reload the stored rules."""
        doc = await self._collection.find_one({"_id": _DOC_ID})
        if doc is not None:
            doc.pop("_id")
            self._rules = RoutingRules.model_validate(doc)

    async def refresh_forever(self, every_seconds: float) -> None:
        """Background loop: pick up rules another instance stored."""
        while True:
            await asyncio.sleep(every_seconds)
            try:
                await self.refresh()
            except Exception:
                log.exception("rules_refresh_failed")
