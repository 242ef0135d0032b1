"""Projection use case: apply one lifecycle event to its complaint's view, exactly once."""

from dataclasses import dataclass

import structlog

from closedloop_projection.domain import ComplaintView, apply
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.store import RecordStore

log = structlog.get_logger("closedloop.projection")


@dataclass
class Projector:
    """The projection's one dependency: where views live."""

    store: RecordStore[ComplaintView]

    async def on_event(self, event: CloudEvent) -> ComplaintView | None:
        """Fold `event` into its complaint's view; a replayed event is a logged no-op."""
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        data = event.payload()
        record = await self.store.load(event.subject)
        if data is None or (record is not None and record.has_applied(event.id)):
            log.debug("event_skipped", type=event.type)
            return record.state if record else None
        view = apply(record.state if record else None, event, data)
        if view is None:
            log.warning("event_before_received", type=event.type)
            return None
        await self.store.save(record, event.subject, view, cause=event.id)
        log.info("view_updated", type=event.type, stage=view.stage)
        return view
