"""One configuration document kept in MongoDB and mirrored in memory (routing rules, SLA policy).

MongoDB is the source of truth at run time, so every instance of a service decides alike; an
instance stores its configured value at start-up (the last to start wins) and picks up what
another stored by refreshing periodically.
"""

import asyncio
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import structlog
from pymongo.asynchronous.collection import AsyncCollection

T = TypeVar("T")

log = structlog.get_logger("closedloop.mirrored")

DOC_ID = "current"


class MirroredDocument(Generic[T]):
    """The current value of one stored document; call the instance to read it."""

    def __init__(
        self,
        collection: AsyncCollection[dict[str, Any]],
        initial: T,
        *,
        encode: Callable[[T], dict[str, Any]],
        decode: Callable[[dict[str, Any]], T],
    ) -> None:
        self._collection = collection
        self._value = initial
        self._encode = encode
        self._decode = decode

    def __call__(self) -> T:
        return self._value

    async def publish(self, value: T) -> None:
        """Store `value` as the current value of every instance."""
        await self._collection.replace_one({"_id": DOC_ID}, self._encode(value), upsert=True)
        self._value = value

    async def refresh(self) -> None:
        """Reload the stored value."""
        doc = await self._collection.find_one({"_id": DOC_ID})
        if doc is not None:
            doc.pop("_id")
            self._value = self._decode(doc)

    async def refresh_forever(self, every_seconds: float) -> None:
        """Background loop: pick up a value another instance stored; keep the last good one."""
        while True:
            await asyncio.sleep(every_seconds)
            try:
                await self.refresh()
            except Exception:
                log.exception("mirrored_refresh_failed", collection=self._collection.name)
