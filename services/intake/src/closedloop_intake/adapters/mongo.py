"""Intake's MongoDB collections: accepted complaints, and the restricted contact store."""

from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from closedloop_intake.domain import AcceptedComplaint
from closedloop_shared.inbound import Reporter
from closedloop_shared.store import MongoRecordStore


def accepted_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[AcceptedComplaint]:
    """One record per accepted complaint, with the ComplaintReceived in its outbox until sent."""
    return MongoRecordStore(db["intake_complaints"], AcceptedComplaint)


class MongoContacts:
    """Contact details by reporter ref, in a collection only contact-making services read."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]]) -> None:
        self._collection = collection

    async def save(self, ref: str, reporter: Reporter) -> None:
        await self._collection.update_one(
            {"_id": ref},
            {"$set": {**reporter.model_dump(exclude_none=True), "updated_at": datetime.now(UTC)}},
            upsert=True,
        )
