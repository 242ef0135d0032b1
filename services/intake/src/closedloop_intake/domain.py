"""Intake's pure core: turn a validated submission into ComplaintReceived.

Errors (`Rejected`, so an inbound message is dead-lettered with the reason, HTTP answers 422):
- `ImplausibleTime`: the owner's contact time lies in the future.
- `UnknownComplaint`: a review names a complaint intake never accepted (HTTP 404).
- `NothingToCorrect`: a review that corrects nothing (HTTP 422).
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from closedloop_intake.classify import classify
from closedloop_intake.location import parse_location
from closedloop_shared.errors import Rejected
from closedloop_shared.events import ComplaintCorrected, ComplaintReceived
from closedloop_shared.inbound import Reporter
from closedloop_shared.model import AwareDatetime
from closedloop_shared.vocabulary import Category, Channel

CLOCK_SKEW = timedelta(minutes=5)


class ImplausibleTime(Rejected):
    """The contact time lies in the future."""


class UnknownComplaint(Rejected):
    """Intake never accepted this complaint (or the caller may not see it)."""


class NothingToCorrect(Rejected):
    """A review names no field to correct."""


@dataclass(frozen=True)
class Review:
    """A front-desk reviewer's correction of category, urgency or location."""

    correction_id: str
    actor: str
    reason: str
    category: Category | None = None
    urgent: bool | None = None
    location: str | None = None


def correct(review: Review) -> ComplaintCorrected:
    """The correction event for `review`; the location text is parsed like a submission's."""
    if review.category is None and review.urgent is None and review.location is None:
        raise NothingToCorrect("a review must correct category, urgent or location")
    return ComplaintCorrected(
        actor=review.actor,
        reason=review.reason,
        category=review.category,
        urgent=review.urgent,
        location=parse_location(review.location) if review.location is not None else None,
    )


class AcceptedComplaint(BaseModel):
    """Intake's record of a complaint it accepted (the idempotency anchor)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    complaint_id: str
    site_id: str
    channel: Channel
    received_event_id: str
    """The event this submission produced (ComplaintReceived, or ComplaintFollowedUp)."""
    follow_up_of: str | None = None
    """Set when the submission was a follow-up (催办) of this open complaint: none was created."""
    follow_up_key: str | None = None
    """Where the complaint sits in the open-complaints index (see `duplicates`)."""
    facility_key: str | None = None
    """Where the complaint sits among its building's facility reports, if it is one."""
    reported_at: AwareDatetime | None = None


@dataclass(frozen=True)
class Submission:
    """One complaint from any channel, already schema-validated."""

    site_id: str
    location: str
    channel: Channel
    reporter: Reporter
    description: str
    reported_at: datetime | None
    external_ref: str | None
    attachments: tuple[str, ...] = ()
    review_hint: bool = False
    """The channel doubts its own record (e.g. a low-confidence speech extraction)."""


def reporter_ref(reporter: Reporter, key: bytes) -> str:
    """A stable pseudonym for the reporter: the same phone gives the same ref, never the phone."""
    identity = reporter.phone or reporter.app_user_id or f"staff:{reporter.staff_id}"
    normalised = "".join(ch for ch in identity if ch.isalnum() or ch == "+")
    return "r-" + hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()[:24]


def receive(
    submission: Submission, *, ref: str, now: datetime, review_below: float
) -> ComplaintReceived:
    """The ComplaintReceived for `submission`, classified and with its location parsed."""
    reported_at = submission.reported_at or now
    if reported_at > now + CLOCK_SKEW:
        raise ImplausibleTime(
            f"reported_at {reported_at.isoformat()} is in the future (now {now.isoformat()})"
        )
    triage = classify(submission.description)
    location = parse_location(submission.location)
    return ComplaintReceived(
        location=location,
        channel=submission.channel,
        reporter_ref=ref,
        description=submission.description,
        category=triage.category,
        urgent=triage.urgent,
        confidence=triage.confidence,
        needs_review=(
            triage.confidence < review_below or location.building is None or submission.review_hint
        ),
        reported_at=reported_at,
        external_ref=submission.external_ref,
        attachments=submission.attachments,
    )
