"""Intake use case: accept a submission once, keep contact details apart, emit ComplaintReceived."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import structlog

from closedloop_intake.domain import (
    AcceptedComplaint,
    Review,
    Submission,
    UnknownComplaint,
    correct,
    receive,
    reporter_ref,
)
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.inbound import Reporter
from closedloop_shared.ports import EventPublisher, flush_outbox
from closedloop_shared.store import RecordStore

SOURCE = "/closedloop/intake"

log = structlog.get_logger("closedloop.intake")


class ContactStore(Protocol):
    """The restricted store of reporters' contact details, keyed by pseudonymous reference."""

    async def save(self, ref: str, reporter: Reporter) -> None:
        """Remember how to reach the reporter behind `ref`."""
        ...


class InMemoryContacts:
    """The fake contact store."""

    def __init__(self) -> None:
        self.contacts: dict[str, Reporter] = {}

    async def save(self, ref: str, reporter: Reporter) -> None:
        self.contacts[ref] = reporter


@dataclass(frozen=True)
class Accepted:
    """The answer to a submitter: the complaint id, and whether this call created it."""

    complaint_id: str
    created: bool


@dataclass
class Intake:
    """Intake's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[AcceptedComplaint]
    publisher: EventPublisher
    contacts: ContactStore
    clock: Callable[[], datetime]
    reporter_key: bytes
    review_below: float = 0.5

    async def accept(
        self, submission: Submission, *, complaint_id: str, correlation_id: str
    ) -> Accepted:
        """Record `submission` as `complaint_id` unless it already was (then answer the same id)."""
        structlog.contextvars.bind_contextvars(complaint_id=complaint_id)
        ref = reporter_ref(submission.reporter, self.reporter_key)
        now = self.clock()
        received = receive(submission, ref=ref, now=now, review_below=self.review_below)
        event = new_event(
            received,
            complaint_id=complaint_id,
            site_id=submission.site_id,
            source=SOURCE,
            cause_id=f"intake:{complaint_id}",
            correlation_id=correlation_id,
            time=now,
        )
        await self.contacts.save(ref, submission.reporter)
        state = AcceptedComplaint(
            complaint_id=complaint_id,
            site_id=submission.site_id,
            channel=submission.channel,
            received_event_id=event.id,
        )
        try:
            saved = await self.store.save(None, complaint_id, state, cause=event.id, events=[event])
        except ConcurrencyConflict:
            # Seen before (a retry, a redelivery, a concurrent request): answer the same id, and
            # send what the first attempt may not have sent.
            existing = await self.store.load(complaint_id)
            if existing is not None:
                await flush_outbox(self.store, self.publisher, existing)
            log.info("complaint_already_received", channel=submission.channel)
            return Accepted(complaint_id, created=False)
        await flush_outbox(self.store, self.publisher, saved)
        structlog.contextvars.bind_contextvars(event_id=event.id)
        log.info(
            "complaint_received",
            channel=submission.channel,
            category=received.category,
            urgent=received.urgent,
            needs_review=received.needs_review,
        )
        return Accepted(complaint_id, created=True)

    async def review(
        self, complaint_id: str, review: Review, *, visible: Callable[[str], bool]
    ) -> list[CloudEvent]:
        """Apply a reviewer's correction once (per correction id); later stages use it."""
        structlog.contextvars.bind_contextvars(complaint_id=complaint_id)
        record = await self.store.load(complaint_id)
        if record is None or not visible(record.state.site_id):
            raise UnknownComplaint(f"complaint {complaint_id} is unknown to intake")
        cause = f"review:{complaint_id}:{review.correction_id}"
        if record.has_applied(cause):
            return await flush_outbox(self.store, self.publisher, record)
        event = new_event(
            correct(review),
            complaint_id=complaint_id,
            site_id=record.state.site_id,
            source=SOURCE,
            cause_id=review.correction_id,
            correlation_id=review.correction_id,
            time=self.clock(),
            discriminator=complaint_id,
        )
        saved = await self.store.save(
            record, complaint_id, record.state, cause=cause, events=[event]
        )
        log.info("complaint_corrected", event_id=event.id, actor=review.actor)
        return await flush_outbox(self.store, self.publisher, saved)
