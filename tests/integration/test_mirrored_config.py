"""Routing rules and SLA policies survive the trip through the real MongoDB server."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo.asynchronous.collection import AsyncCollection

from closedloop_router.adapters.rules import mongo_rules, read_rules_file
from closedloop_router.domain import RoutingRules
from closedloop_shared.store import mongo_client
from closedloop_shared.vocabulary import Category
from closedloop_sla.adapters.policy import mongo_policy
from closedloop_sla.policy import SlaPolicy

pytestmark = pytest.mark.integration


@pytest.fixture
async def collection(infra) -> AsyncIterator[AsyncCollection[dict[str, Any]]]:
    """A fresh collection on the real server, dropped afterwards."""
    client = mongo_client(infra.mongodb)
    coll = client["closedloop_it"][f"config_{uuid.uuid4().hex[:10]}"]
    yield coll
    await coll.drop()
    await client.close()


async def test_another_router_instance_sees_stored_rules(collection):
    """Rules one instance stores (a dotted site id included) are what another instance reads."""
    defaults = read_rules_file(None)
    custom = RoutingRules.model_validate(
        {
            **defaults.model_dump(mode="json"),
            "sites": {"estate.north-01": {"noise": "security"}},
        }
    )
    writer = mongo_rules(collection, defaults)
    await writer.publish(custom)
    reader = mongo_rules(collection, defaults)
    await reader.refresh()
    assert reader() == custom
    assert reader().department_for("estate.north-01", Category.NOISE)[0] == "security"


async def test_another_watcher_instance_sees_stored_policy(collection):
    """An SLA policy stored by one watcher is read back equal by another."""
    policy = SlaPolicy()
    writer = mongo_policy(collection, policy)
    await writer.publish(policy)
    reader = mongo_policy(collection, policy)
    await reader.refresh()
    assert reader() == policy
