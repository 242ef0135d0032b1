"""The watcher's clock records in MongoDB."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from closedloop_shared.store import MongoRecordStore
from closedloop_sla.domain import ComplaintClocks


def clock_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[ComplaintClocks]:
    """One record per complaint: its running clock, the levels fired, and the outbox."""
    return MongoRecordStore(db["sla_clocks"], ComplaintClocks)
