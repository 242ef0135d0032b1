"""Intake use case: accept a submission once, keep contact details apart, emit ComplaintReceived.

A submission that chases the reporter's open complaint about the same unit and category becomes
a ComplaintFollowedUp of that complaint instead; a facility report may open or join an incident
(IncidentOpened on the lead, ComplaintLinkedToIncident on each other member). See `duplicates`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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
from closedloop_intake.duplicates import (
    FacilityReport,
    OpenEntry,
    Placement,
    facility_report,
    follow_up_key,
    follow_up_target,
    place,
)
from closedloop_intake.index import DuplicateIndex, InMemoryDuplicateIndex
from closedloop_intake.linking import incident_events
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.events import ComplaintFollowedUp, ComplaintReceived
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
    """The answer to a submitter: the complaint id, and what this call did."""

    complaint_id: str
    created: bool
    follow_up: bool = False
    """The submission was a follow-up (催办) of the open complaint `complaint_id`."""
    duplicate: bool = False
    """The same submission was seen before; this call changed nothing."""


@dataclass
class Intake:
    """Intake's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[AcceptedComplaint]
    publisher: EventPublisher
    contacts: ContactStore
    clock: Callable[[], datetime]
    reporter_key: bytes
    review_below: float = 0.5
    index: DuplicateIndex = field(default_factory=InMemoryDuplicateIndex)
    follow_up_window: timedelta = timedelta(days=7)
    """Zero turns follow-up detection off."""
    incident_window: timedelta = timedelta(hours=2)
    """Zero turns incident detection off."""

    async def accept(
        self, submission: Submission, *, complaint_id: str, correlation_id: str
    ) -> Accepted:
        """Record `submission` as `complaint_id` unless it already was (then answer the same id),
        or as a follow-up of the reporter's open complaint (then answer that complaint's id)."""
        structlog.contextvars.bind_contextvars(complaint_id=complaint_id)
        ref = reporter_ref(submission.reporter, self.reporter_key)
        now = self.clock()
        received = receive(submission, ref=ref, now=now, review_below=self.review_below)
        await self.contacts.save(ref, submission.reporter)
        key = follow_up_key(submission.site_id, received)
        target = await self._open_complaint(key, received, complaint_id)
        if target is not None:
            return await self._follow_up(submission, received, target, complaint_id, correlation_id)
        report = facility_report(submission.site_id, complaint_id, received)
        placement = await self._place(report)
        if placement is not None and placement.link is not None:
            received = received.model_copy(update={"incident": placement.link})
        event = new_event(
            received,
            complaint_id=complaint_id,
            site_id=submission.site_id,
            source=SOURCE,
            cause_id=f"intake:{complaint_id}",
            correlation_id=correlation_id,
            time=now,
        )
        events = [event, *incident_events(placement, report, event, source=SOURCE)]
        state = AcceptedComplaint(
            complaint_id=complaint_id,
            site_id=submission.site_id,
            channel=submission.channel,
            received_event_id=event.id,
            follow_up_key=key,
            facility_key=report.key if report else None,
            reported_at=received.reported_at,
        )
        try:
            saved = await self.store.save(None, complaint_id, state, cause=event.id, events=events)
        except ConcurrencyConflict:
            return await self._seen_before(complaint_id, submission)
        # Open before the events go out, so no ComplaintClosed can overtake the entry; a facility
        # report only after, so an incident never names a lead whose ComplaintReceived is unsent.
        if self.follow_up_window:
            entry = OpenEntry(reported_at=received.reported_at)
            await self.index.add_open(key, complaint_id, entry)
        await flush_outbox(self.store, self.publisher, saved)
        if report is not None and placement is not None:
            await self.index.put_reports(report.key, placement.writes, drop=placement.drop)
        structlog.contextvars.bind_contextvars(event_id=event.id)
        log.info(
            "complaint_received",
            channel=submission.channel,
            category=received.category,
            urgent=received.urgent,
            needs_review=received.needs_review,
            incident_id=received.incident.incident_id if received.incident else None,
        )
        return Accepted(complaint_id, created=True)

    async def _seen_before(self, complaint_id: str, submission: Submission) -> Accepted:
        """A retry, a redelivery or a concurrent request: answer as the first time did, and send
        what the first attempt may not have sent."""
        existing = await self.store.load(complaint_id)
        if existing is not None:
            await flush_outbox(self.store, self.publisher, existing)
        follow_up_of = existing.state.follow_up_of if existing else None
        log.info("complaint_already_received", channel=submission.channel)
        return Accepted(
            follow_up_of or complaint_id,
            created=False,
            follow_up=follow_up_of is not None,
            duplicate=True,
        )

    async def _open_complaint(
        self, key: str, received: ComplaintReceived, complaint_id: str
    ) -> str | None:
        if not self.follow_up_window:
            return None
        return follow_up_target(
            await self.index.open_complaints(key),
            reported_at=received.reported_at,
            window=self.follow_up_window,
            exclude=complaint_id,
        )

    async def _follow_up(
        self,
        submission: Submission,
        received: ComplaintReceived,
        target: str,
        complaint_id: str,
        correlation_id: str,
    ) -> Accepted:
        """Link the submission to the open complaint `target`; nothing new is created."""
        followed = ComplaintFollowedUp(
            follow_up_id=complaint_id,
            channel=submission.channel,
            description=submission.description,
            reported_at=received.reported_at,
            external_ref=submission.external_ref,
            attachments=submission.attachments,
        )
        event = new_event(
            followed,
            complaint_id=target,
            site_id=submission.site_id,
            source=SOURCE,
            cause_id=f"intake:{complaint_id}",
            correlation_id=correlation_id,
            time=self.clock(),
        )
        state = AcceptedComplaint(
            complaint_id=complaint_id,
            site_id=submission.site_id,
            channel=submission.channel,
            received_event_id=event.id,
            follow_up_of=target,
        )
        try:
            saved = await self.store.save(None, complaint_id, state, cause=event.id, events=[event])
        except ConcurrencyConflict:
            return await self._seen_before(complaint_id, submission)
        await flush_outbox(self.store, self.publisher, saved)
        log.info("complaint_followed_up", follow_up_of=target, event_id=event.id)
        return Accepted(target, created=False, follow_up=True)

    async def _place(self, report: FacilityReport | None) -> Placement | None:
        if report is None or not self.incident_window:
            return None
        return place(await self.index.facility_reports(report.key), report, self.incident_window)

    async def review(
        self, complaint_id: str, review: Review, *, visible: Callable[[str], bool]
    ) -> list[CloudEvent]:
        """Apply a reviewer's correction once (per correction id); later stages use it."""
        structlog.contextvars.bind_contextvars(complaint_id=complaint_id)
        record = await self.store.load(complaint_id)
        if record is None or record.state.follow_up_of or not visible(record.state.site_id):
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
