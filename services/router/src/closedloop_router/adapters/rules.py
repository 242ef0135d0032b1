"""Routing rules: read from YAML, kept in MongoDB (`routing_rules`), cached and refreshed.

The YAML file is how operators change the rules (stored at start-up). Site overrides are stored
as a list, so a site id may hold characters MongoDB forbids in field names.
"""

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pymongo.asynchronous.collection import AsyncCollection

from closedloop_router.domain import RoutingRules
from closedloop_shared.mirrored import MirroredDocument


def read_rules_file(path: Path | None) -> RoutingRules:
    """Rules from `path`, or the packaged defaults of DOMAIN.md."""
    text = (
        path.read_text(encoding="utf-8")
        if path is not None
        else resources.files("closedloop_router").joinpath("routing.yaml").read_text("utf-8")
    )
    return RoutingRules.model_validate(yaml.safe_load(text))


def to_document(rules: RoutingRules) -> dict[str, Any]:
    """`rules` as their MongoDB document."""
    doc = rules.model_dump(mode="json", exclude={"sites"})
    doc["departments"] = sorted(doc["departments"])
    doc["sites"] = [
        {"site_id": site_id, "rules": overrides}
        for site_id, overrides in sorted(rules.model_dump(mode="json")["sites"].items())
    ]
    return doc


def from_document(doc: dict[str, Any]) -> RoutingRules:
    """The rules stored in `doc`."""
    sites = {site["site_id"]: site["rules"] for site in doc.get("sites", ())}
    return RoutingRules.model_validate({**doc, "sites": sites})


def mongo_rules(
    collection: AsyncCollection[dict[str, Any]], initial: RoutingRules
) -> MirroredDocument[RoutingRules]:
    """The current rules, mirrored from one MongoDB document."""
    return MirroredDocument(collection, initial, encode=to_document, decode=from_document)
