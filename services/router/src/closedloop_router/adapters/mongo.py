"""The router's MongoDB collections."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from closedloop_router.domain import Workflow
from closedloop_shared.store import MongoRecordStore


def workflow_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[Workflow]:
    """One record per complaint: the router's workflow state with its outbox."""
    return MongoRecordStore(db["router_workflows"], Workflow)
