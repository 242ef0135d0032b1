"""The feedback service's MongoDB collections."""

from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from closedloop_feedback.domain import Complaint
from closedloop_shared.store import MongoRecordStore


def survey_store(db: AsyncDatabase[dict[str, Any]]) -> MongoRecordStore[Complaint]:
    """One record per complaint: its follow-up state, answer deadline (`due_at`) and outbox."""
    return MongoRecordStore(db["feedback_surveys"], Complaint)
