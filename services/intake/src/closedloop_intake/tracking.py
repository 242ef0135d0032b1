"""Intake's reading of the lifecycle: which complaints are open, which facility reports unresolved.

Consumed from `complaints.lifecycle.v1` in intake's own consumer group (`intake-lifecycle`), so a
replay of the lifecycle never holds up new submissions. ComplaintClosed takes a complaint out of
the open-complaints index (later contacts are new complaints), ComplaintReopened puts it back, and
ComplaintResolved takes a facility report out of its building's index (a resolved lead ends its
incident: later reports start afresh).

Idempotent without a list of applied ids: each change sets or unsets the one entry named by the
event's complaint, so applying an event twice equals applying it once; and one complaint's events
arrive in order (the topic is keyed by complaint id), so a replay ends in the same index.
"""

from dataclasses import dataclass

import structlog

from closedloop_intake.domain import AcceptedComplaint
from closedloop_intake.duplicates import OpenEntry
from closedloop_intake.index import DuplicateIndex
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import ComplaintClosed, ComplaintReopened, ComplaintResolved
from closedloop_shared.store import RecordStore

log = structlog.get_logger("closedloop.intake.tracking")


@dataclass
class OpenComplaintsTracker:
    """Keeps the duplicate index in step with complaints closing, reopening and resolving."""

    store: RecordStore[AcceptedComplaint]
    index: DuplicateIndex

    async def on_event(self, event: CloudEvent) -> None:
        """Apply one lifecycle event to the duplicate index; other events are ignored."""
        payload = event.payload()
        if not isinstance(payload, ComplaintClosed | ComplaintReopened | ComplaintResolved):
            return
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        record = await self.store.load(event.subject)
        state = record.state if record else None
        if state is None or state.follow_up_key is None:
            log.debug("complaint_not_indexed", type=event.type)  # accepted before indexing
            return
        match payload:
            case ComplaintClosed():
                await self.index.remove_open(state.follow_up_key, event.subject)
            case ComplaintReopened() if state.reported_at is not None:
                entry = OpenEntry(reported_at=state.reported_at)
                await self.index.add_open(state.follow_up_key, event.subject, entry)
            case ComplaintResolved() if state.facility_key is not None:
                await self.index.remove_report(state.facility_key, event.subject)
            case _:
                return
        log.info("duplicate_index_updated", type=event.type)
