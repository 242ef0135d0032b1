"""The router's MongoDB collections."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from closedloop_router.domain import Workflow
from closedloop_router.incidents import Incident
from closedloop_shared.store import MongoRecordStore


def workflow_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[Workflow]:
    """One record per complaint: the router's workflow state with its outbox."""
    return MongoRecordStore(db["router_workflows"], Workflow)


def incident_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[Incident]:
    """One record per incident: its members, the lead's progress, and the members' events."""
    return MongoRecordStore(db["router_incidents"], Incident)
