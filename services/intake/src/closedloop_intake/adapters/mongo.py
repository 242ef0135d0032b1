"""Intake's MongoDB collections: accepted complaints, the restricted contact store, and the
duplicate index (`intake_open_complaints`, `intake_facility_reports`)."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from closedloop_intake.domain import AcceptedComplaint
from closedloop_intake.duplicates import OpenEntry, Report
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


def _field(complaint_id: str) -> str:
    """A complaint id as a field name: MongoDB reads `.` as a path and `$` as an operator."""
    return complaint_id.replace("%", "%25").replace(".", "%2E").replace("$", "%24")


def _complaint_id(name: str) -> str:
    return name.replace("%24", "$").replace("%2E", ".").replace("%25", "%")


class MongoDuplicateIndex:
    """One document per key, `{_id: key, entries: {<complaint id>: entry}}`, in two collections.

    Lookups are exact `_id` finds (the only filter FerretDB v1 on SQLite answers from an index);
    writes `$set`/`$unset` single entries, so concurrent writers about different complaints
    never undo each other.
    """

    def __init__(
        self,
        open_complaints: AsyncCollection[dict[str, Any]],
        facility_reports: AsyncCollection[dict[str, Any]],
    ) -> None:
        self._open = open_complaints
        self._reports = facility_reports

    @staticmethod
    async def _entries(collection: AsyncCollection[dict[str, Any]], key: str) -> dict[str, Any]:
        doc = await collection.find_one({"_id": key})
        entries: dict[str, Any] = (doc or {}).get("entries", {})
        return {_complaint_id(name): value for name, value in entries.items()}

    async def open_complaints(self, key: str) -> dict[str, OpenEntry]:
        entries = await self._entries(self._open, key)
        return {cid: OpenEntry.model_validate(value) for cid, value in entries.items()}

    async def add_open(self, key: str, complaint_id: str, entry: OpenEntry) -> None:
        await self._open.update_one(
            {"_id": key},
            {"$set": {f"entries.{_field(complaint_id)}": entry.model_dump(mode="json")}},
            upsert=True,
        )

    async def remove_open(self, key: str, complaint_id: str) -> None:
        await self._open.update_one(
            {"_id": key}, {"$unset": {f"entries.{_field(complaint_id)}": ""}}
        )

    async def facility_reports(self, key: str) -> dict[str, Report]:
        entries = await self._entries(self._reports, key)
        return {cid: Report.model_validate(value) for cid, value in entries.items()}

    async def put_reports(
        self, key: str, reports: Mapping[str, Report], *, drop: Sequence[str] = ()
    ) -> None:
        update: dict[str, Any] = {}
        if reports:
            update["$set"] = {
                f"entries.{_field(cid)}": report.model_dump(mode="json")
                for cid, report in reports.items()
            }
        gone = [cid for cid in drop if cid not in reports]
        if not reports and not gone:
            return
        if gone:
            update["$unset"] = {f"entries.{_field(cid)}": "" for cid in gone}
        await self._reports.update_one({"_id": key}, update, upsert=True)

    async def remove_report(self, key: str, complaint_id: str) -> None:
        await self._reports.update_one(
            {"_id": key}, {"$unset": {f"entries.{_field(complaint_id)}": ""}}
        )


def duplicate_index(db: AsyncDatabase[dict[str, Any]]) -> MongoDuplicateIndex:
    """Intake's duplicate index in its two collections."""
    return MongoDuplicateIndex(db["intake_open_complaints"], db["intake_facility_reports"])
