"""The SLA policy: read from YAML, kept in MongoDB (`sla_policies`), cached and refreshed.

MongoDB is the source of truth at run time, so every watcher instance times alike; the YAML file
and the `SLA_*_POLICY` settings are how operators change it (stored at start-up). Sites are stored
as a list, so a site id may hold characters MongoDB forbids in field names.
"""

import asyncio
from pathlib import Path
from typing import Any

import structlog
import yaml
from pymongo.asynchronous.collection import AsyncCollection

from closedloop_sla.policy import PolicyFile, SlaPolicy

log = structlog.get_logger("closedloop.sla.policy")

_DOC_ID = "current"


def read_policy_file(path: Path | None) -> PolicyFile:
    """The overrides in `path`; none when there is no file."""
    if path is None:
        return PolicyFile()
    return PolicyFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def to_document(policy: SlaPolicy) -> dict[str, Any]:
    """`policy` as its MongoDB document."""
    doc = policy.model_dump(mode="json", exclude={"sites"})
    doc["sites"] = [
        {"site_id": site_id, **site.model_dump(mode="json", exclude_none=True)}
        for site_id, site in sorted(policy.sites.items())
    ]
    return {"_id": _DOC_ID, **doc}


def from_document(doc: dict[str, Any]) -> SlaPolicy:
    """The policy stored in `doc`."""
    sites = {site.pop("site_id"): site for site in (dict(s) for s in doc.get("sites", ()))}
    return SlaPolicy.model_validate(
        {"default": doc["default"], "urgent": doc["urgent"], "sites": sites}
    )


class MongoPolicy:
    """The current policy, mirrored from one MongoDB document."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]], initial: SlaPolicy) -> None:
        self._collection = collection
        self._policy = initial

    def __call__(self) -> SlaPolicy:
        return self._policy

    async def publish(self, policy: SlaPolicy) -> None:
        """Store `policy` as the policy of every watcher."""
        await self._collection.replace_one({"_id": _DOC_ID}, to_document(policy), upsert=True)
        self._policy = policy

    async def refresh(self) -> None:
        """Reload the stored policy."""
        doc = await self._collection.find_one({"_id": _DOC_ID})
        if doc is not None:
            self._policy = from_document(doc)

    async def refresh_forever(self, every_seconds: float) -> None:
        """Background loop: pick up a policy another instance stored."""
        while True:
            await asyncio.sleep(every_seconds)
            try:
                await self.refresh()
            except Exception:
                log.exception("policy_refresh_failed")
