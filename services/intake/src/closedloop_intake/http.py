"""`POST /complaints`: the entry for the owner app, web, WeChat backends and staff on site.

201 with the new complaint id and a status URL; 200 with the original id when the same
`Idempotency-Key` (or the same channel's `external_ref`) was seen before; 200 with the existing
complaint's id and `follow_up: true` when the submission chases the reporter's open complaint
about the same unit and category (催办: nothing new is created); 422 with the reasons for an
invalid body; 403 for a site the key may not submit to.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Response, status
from pydantic import BaseModel, Field

from closedloop_intake.domain import (
    ImplausibleTime,
    NothingToCorrect,
    Review,
    Submission,
    UnknownComplaint,
)
from closedloop_intake.service import Intake
from closedloop_shared.auth import Principal, Role, not_found, require
from closedloop_shared.envelope import derive_id
from closedloop_shared.inbound import ComplaintSubmission, RawLocation
from closedloop_shared.model import Contract
from closedloop_shared.vocabulary import Category

Submitter = Annotated[Principal, Depends(require(Role.AGENT, Role.OWNER_APP, Role.STAFF))]
Reviewer = Annotated[Principal, Depends(require(Role.AGENT))]


class SubmissionAccepted(BaseModel):
    """What the submitter gets back."""

    complaint_id: str
    status_url: str
    duplicate: bool
    follow_up: bool = False


def complaint_id_for(body: ComplaintSubmission, who: Principal, key: str | None) -> str:
    """Stable for a retried request, so a retry never creates a second complaint."""
    if key:
        return derive_id("http", who.name, key)
    if body.external_ref:
        return derive_id("external-ref", who.name, body.site_id, body.channel, body.external_ref)
    return str(uuid.uuid4())


class ReviewBody(Contract):
    """A front-desk correction: any of category, urgent, location, and why."""

    reason: str = Field(min_length=1, max_length=500)
    category: Category | None = None
    urgent: bool | None = None
    location: RawLocation | None = None


class ReviewAccepted(BaseModel):
    """What the reviewer gets back."""

    complaint_id: str
    events: list[str]


def http_router(intake: Intake) -> APIRouter:
    """The submission endpoint of `intake`."""
    api = APIRouter(tags=["intake"])

    @api.post("/complaints", status_code=status.HTTP_201_CREATED)
    async def submit_complaint(
        body: ComplaintSubmission,
        who: Submitter,
        response: Response,
        idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    ) -> SubmissionAccepted:
        """Accept one complaint and answer its id."""
        if not who.sees(body.site_id):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this key may not submit for site {body.site_id}"
            )
        complaint_id = complaint_id_for(body, who, idempotency_key)
        submission = Submission(
            site_id=body.site_id,
            location=body.location,
            channel=body.channel,
            reporter=body.reporter,
            description=body.description,
            reported_at=body.reported_at,
            external_ref=body.external_ref,
            attachments=tuple(body.attachments),
        )
        try:
            accepted = await intake.accept(
                submission, complaint_id=complaint_id, correlation_id=complaint_id
            )
        except ImplausibleTime as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
        if not accepted.created:
            response.status_code = status.HTTP_200_OK
        return SubmissionAccepted(
            complaint_id=accepted.complaint_id,
            status_url=f"/complaints/{accepted.complaint_id}",
            duplicate=accepted.duplicate,
            follow_up=accepted.follow_up,
        )

    @api.post("/complaints/{complaint_id}/review", status_code=status.HTTP_202_ACCEPTED)
    async def review_complaint(
        complaint_id: str,
        body: ReviewBody,
        who: Reviewer,
        idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    ) -> ReviewAccepted:
        """Correct category, urgency or location of a received complaint (front-desk review)."""
        review = Review(
            correction_id=idempotency_key or str(uuid.uuid4()),
            actor=who.name,
            reason=body.reason,
            category=body.category,
            urgent=body.urgent,
            location=body.location,
        )
        try:
            events = await intake.review(complaint_id, review, visible=who.sees)
        except UnknownComplaint as error:
            raise not_found(complaint_id) from error
        except NothingToCorrect as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
        return ReviewAccepted(complaint_id=complaint_id, events=[e.type for e in events])

    return api
