"""The port to intake's duplicate index: open complaints by follow-up key, facility reports by
building and kind. `InMemoryDuplicateIndex` is its fake; `adapters.mongo.MongoDuplicateIndex` the
real one.

Every write sets or unsets one entry named by its complaint id, so writing the same entry twice
equals once, and writes about different complaints never undo each other (no version check, no
`$pull` with a condition).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from closedloop_intake.duplicates import OpenEntry, Report


class DuplicateIndex(Protocol):
    """Where intake looks up open complaints and recent facility reports."""

    async def open_complaints(self, key: str) -> dict[str, OpenEntry]:
        """The open complaints under a follow-up key, by complaint id."""
        ...

    async def add_open(self, key: str, complaint_id: str, entry: OpenEntry) -> None:
        """Record an open complaint."""
        ...

    async def remove_open(self, key: str, complaint_id: str) -> None:
        """Forget a complaint that closed."""
        ...

    async def facility_reports(self, key: str) -> dict[str, Report]:
        """The unresolved facility reports of one building and kind, by complaint id."""
        ...

    async def put_reports(
        self, key: str, reports: Mapping[str, Report], *, drop: Sequence[str] = ()
    ) -> None:
        """Store `reports` (whole entries) and forget `drop`."""
        ...

    async def remove_report(self, key: str, complaint_id: str) -> None:
        """Forget a facility report that was resolved."""
        ...


@dataclass
class InMemoryDuplicateIndex:
    """The fake: two dicts of dicts."""

    open: dict[str, dict[str, OpenEntry]] = field(default_factory=dict)
    reports: dict[str, dict[str, Report]] = field(default_factory=dict)

    async def open_complaints(self, key: str) -> dict[str, OpenEntry]:
        return dict(self.open.get(key, {}))

    async def add_open(self, key: str, complaint_id: str, entry: OpenEntry) -> None:
        self.open.setdefault(key, {})[complaint_id] = entry

    async def remove_open(self, key: str, complaint_id: str) -> None:
        self.open.get(key, {}).pop(complaint_id, None)

    async def facility_reports(self, key: str) -> dict[str, Report]:
        return dict(self.reports.get(key, {}))

    async def put_reports(
        self, key: str, reports: Mapping[str, Report], *, drop: Sequence[str] = ()
    ) -> None:
        entries = self.reports.setdefault(key, {})
        entries.update(reports)
        for complaint_id in drop:
            entries.pop(complaint_id, None)

    async def remove_report(self, key: str, complaint_id: str) -> None:
        self.reports.get(key, {}).pop(complaint_id, None)
