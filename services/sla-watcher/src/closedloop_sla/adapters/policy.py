"""The SLA policy: read from YAML, kept in MongoDB (`sla_policies`), cached and refreshed.

MongoDB is the source of truth at run time, so every watcher instance times alike; the YAML file
and the `SLA_*_POLICY` settings are how operators change it (stored at start-up). Sites are stored
as a list, so a site id may hold characters MongoDB forbids in field names.
"""

from pathlib import Path
from typing import Any

import yaml
from pymongo.asynchronous.collection import AsyncCollection

from closedloop_shared.mirrored import MirroredDocument
from closedloop_sla.policy import PolicyFile, SlaPolicy


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
    return doc


def from_document(doc: dict[str, Any]) -> SlaPolicy:
    """The policy stored in `doc`."""
    sites = {site.pop("site_id"): site for site in (dict(s) for s in doc.get("sites", ()))}
    return SlaPolicy.model_validate(
        {"default": doc["default"], "urgent": doc["urgent"], "sites": sites}
    )


def mongo_policy(
    collection: AsyncCollection[dict[str, Any]], initial: SlaPolicy
) -> MirroredDocument[SlaPolicy]:
    """The current policy, mirrored from one MongoDB document."""
    return MirroredDocument(collection, initial, encode=to_document, decode=from_document)
