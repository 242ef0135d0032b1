"""Records with an outbox: a service's state, the causes it applied and the events it still owes.

A handler loads a record, checks `applied` for the cause (idempotence), decides, and saves the new
state, the cause and the decided events in ONE document write guarded by the version it loaded
(no transactions needed, so FerretDB v1 works). Then it publishes the outbox and marks the events
sent. A crash between save and publish is repaired by redelivery (the cause is applied, so the
handler only re-publishes what is pending) or by `pending()` at start-up; downstream sees at worst
the same event id twice.

`MongoRecordStore` is the real adapter and `InMemoryRecordStore` its fake; the same behaviour
tests run against both.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING, AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.errors import ConcurrencyConflict

S = TypeVar("S", bound=BaseModel)

APPLIED_KEPT = 500
"""How many applied cause ids a record remembers; far more than one complaint's lifecycle."""


@dataclass(frozen=True)
class Record(Generic[S]):
    """One stored state with its idempotence memory and pending events."""

    id: str
    version: int
    state: S
    applied: tuple[str, ...] = ()
    outbox: tuple[CloudEvent, ...] = ()
    due_at: datetime | None = None

    def has_applied(self, cause: str) -> bool:
        """True when the message or request `cause` already changed this record."""
        return cause in self.applied


class RecordStore(Protocol[S]):
    """Port for a collection of records of one state type."""

    async def load(self, record_id: str) -> Record[S] | None:
        """The record, or None."""
        ...

    async def save(
        self,
        previous: Record[S] | None,
        record_id: str,
        state: S,
        *,
        cause: str,
        events: Sequence[CloudEvent] = (),
        due_at: datetime | None = None,
    ) -> Record[S]:
        """Store `state` if the record is still at `previous`'s version (else conflict)."""
        ...

    async def mark_published(
        self, record_id: str, event_ids: Sequence[str], *, version: int | None = None
    ) -> None:
        """Drop sent events from the outbox; `version`: they were all it held at that version."""
        ...

    async def pending(self) -> list[Record[S]]:
        """Records whose outbox is not empty."""
        ...

    async def due(self, now: datetime, limit: int) -> list[Record[S]]:
        """Records whose `due_at` is at or before `now`, earliest first."""
        ...


def _next(
    previous: Record[S] | None,
    record_id: str,
    state: S,
    cause: str,
    events: Sequence[CloudEvent],
    due_at: datetime | None,
) -> Record[S]:
    # The events a record produced are folded into its state already: remember them as applied
    # too, so consuming them back from the topic is a no-op.
    produced = tuple(e.id for e in events)
    applied = (*(previous.applied if previous else ()), cause, *produced)[-APPLIED_KEPT:]
    outbox = (*(previous.outbox if previous else ()), *events)
    version = (previous.version if previous else 0) + 1
    return Record(record_id, version, state, applied, outbox, due_at)


@dataclass
class InMemoryRecordStore(Generic[S]):
    """The fake: a dict, with the same version check as the real store."""

    records: dict[str, Record[S]] = field(default_factory=dict)

    async def load(self, record_id: str) -> Record[S] | None:
        return self.records.get(record_id)

    async def save(
        self,
        previous: Record[S] | None,
        record_id: str,
        state: S,
        *,
        cause: str,
        events: Sequence[CloudEvent] = (),
        due_at: datetime | None = None,
    ) -> Record[S]:
        current = self.records.get(record_id)
        if (current.version if current else 0) != (previous.version if previous else 0):
            raise ConcurrencyConflict(f"record {record_id} changed since it was loaded")
        # Like the real store: new events join what is pending now, not what `previous` held.
        record = _next(current, record_id, state, cause, events, due_at)
        self.records[record_id] = record
        return record

    async def mark_published(
        self, record_id: str, event_ids: Sequence[str], *, version: int | None = None
    ) -> None:
        record = self.records[record_id]
        outbox = tuple(e for e in record.outbox if e.id not in event_ids)
        self.records[record_id] = Record(
            record.id, record.version, record.state, record.applied, outbox, record.due_at
        )

    async def pending(self) -> list[Record[S]]:
        return [r for r in self.records.values() if r.outbox]

    async def due(self, now: datetime, limit: int) -> list[Record[S]]:
        ready = [r for r in self.records.values() if r.due_at is not None and r.due_at <= now]
        return sorted(ready, key=lambda r: r.due_at or now)[:limit]


class MongoRecordStore(Generic[S]):
    """Records in one MongoDB collection: `{_id, v, state, applied, outbox, due_at}`."""

    def __init__(self, collection: AsyncCollection[dict[str, Any]], model: type[S]) -> None:
        self._collection = collection
        self._model = model

    async def ensure_indexes(self) -> None:
        """Indexes the queries below rely on."""
        await self._collection.create_index([("due_at", ASCENDING)])

    def _record(self, doc: dict[str, Any]) -> Record[S]:
        return Record(
            id=doc["_id"],
            version=doc["v"],
            state=self._model.model_validate(doc["state"]),
            applied=tuple(doc.get("applied", ())),
            outbox=tuple(CloudEvent.model_validate(e) for e in doc.get("outbox", ())),
            due_at=doc.get("due_at"),
        )

    async def load(self, record_id: str) -> Record[S] | None:
        doc = await self._collection.find_one({"_id": record_id})
        return None if doc is None else self._record(doc)

    async def save(
        self,
        previous: Record[S] | None,
        record_id: str,
        state: S,
        *,
        cause: str,
        events: Sequence[CloudEvent] = (),
        due_at: datetime | None = None,
    ) -> Record[S]:
        record = _next(previous, record_id, state, cause, events, due_at)
        fields = {
            "v": record.version,
            "state": state.model_dump(mode="json"),
            "applied": list(record.applied),
            "due_at": due_at,
        }
        new_events = [e.model_dump(mode="json") for e in events]
        if previous is None:
            try:
                await self._collection.insert_one(
                    {"_id": record_id, **fields, "outbox": new_events}
                )
            except DuplicateKeyError as error:
                raise ConcurrencyConflict(f"record {record_id} was created meanwhile") from error
            return record
        # Push (not set) the outbox: a concurrent mark_published must not be undone.
        update: dict[str, Any] = {"$set": fields}
        if new_events:
            update["$push"] = {"outbox": {"$each": new_events}}
        # Return the stored document: its outbox may have lost events another flush sent meanwhile.
        doc = await self._collection.find_one_and_update(
            {"_id": record_id, "v": previous.version}, update, return_document=ReturnDocument.AFTER
        )
        if doc is None:
            raise ConcurrencyConflict(f"record {record_id} changed since it was loaded")
        return self._record(doc)

    async def mark_published(
        self, record_id: str, event_ids: Sequence[str], *, version: int | None = None
    ) -> None:
        if version is not None:
            # The common case in one write: only a save adds events, and a save bumps the version.
            cleared = await self._collection.update_one(
                {"_id": record_id, "v": version}, {"$set": {"outbox": []}}
            )
            if cleared.matched_count == 1:
                return
        # $pull with a condition is beyond FerretDB v1, which compares whole values: pull the
        # stored elements themselves.
        doc = await self._collection.find_one({"_id": record_id}, {"outbox": 1})
        sent = [e for e in (doc or {}).get("outbox", ()) if e.get("id") in set(event_ids)]
        if sent:
            await self._collection.update_one({"_id": record_id}, {"$pullAll": {"outbox": sent}})

    async def pending(self) -> list[Record[S]]:
        cursor = self._collection.find({"outbox.0": {"$exists": True}})
        return [self._record(doc) async for doc in cursor]

    async def due(self, now: datetime, limit: int) -> list[Record[S]]:
        cursor = (
            self._collection.find({"due_at": {"$ne": None, "$lte": now}})
            .sort("due_at", ASCENDING)
            .limit(limit)
        )
        return [self._record(doc) async for doc in cursor]


def mongo_client(uri: str) -> AsyncMongoClient[dict[str, Any]]:
    """A client that returns time-zone-aware datetimes, so stored instants compare correctly."""
    return AsyncMongoClient(uri, tz_aware=True, serverSelectionTimeoutMS=10_000)
