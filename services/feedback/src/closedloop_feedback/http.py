"""The owner's survey answer over HTTP: the same command as the topic, answered synchronously.

404 for a complaint the service does not know or the caller may not see, 409 when no survey
waits for an answer (or the complaint changed while answering), 422 for a malformed body.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import BaseModel, Field

from closedloop_feedback.domain import SurveyNotOpen, UnknownComplaint
from closedloop_feedback.service import Feedback
from closedloop_shared.auth import Principal, Role, not_found, require
from closedloop_shared.commands import AnswerSurvey
from closedloop_shared.errors import ConcurrencyConflict
from closedloop_shared.model import Contract
from closedloop_shared.vocabulary import Stage

Answerer = Annotated[Principal, Depends(require(Role.OWNER_APP, Role.STAFF, Role.AGENT))]
IdempotencyKey = Annotated[str | None, Header(min_length=1, max_length=100)]


class SurveyAnswerBody(Contract):
    """The owner's answer: accepted or not, with an optional score and comment."""

    satisfied: bool
    score: int | None = Field(default=None, ge=1, le=5)
    comment: str = Field(default="", max_length=2000)


class AnswerResult(BaseModel):
    """What an accepted answer did."""

    complaint_id: str
    stage: Stage
    round: int
    events: list[str]


def http_router(feedback: Feedback) -> APIRouter:
    """The survey endpoint of `feedback`."""
    api = APIRouter(prefix="/complaints", tags=["survey"])

    @api.post("/{complaint_id}/survey", status_code=status.HTTP_202_ACCEPTED)
    async def answer_survey(
        complaint_id: str,
        body: SurveyAnswerBody,
        who: Answerer,
        idempotency_key: IdempotencyKey = None,
    ) -> AnswerResult:
        """Record the owner's answer to the follow-up survey (ends stage 5)."""
        record = await feedback.store.load(complaint_id)
        if record is None or not who.sees(record.state.site_id):
            raise not_found(complaint_id)
        command = AnswerSurvey(
            command_id=idempotency_key or str(uuid.uuid4()),
            complaint_id=complaint_id,
            site_id=record.state.site_id,
            actor=who.name,
            issued_at=feedback.clock(),
            satisfied=body.satisfied,
            score=body.score,
            comment=body.comment,
        )
        try:
            state, events = await feedback.on_command(command)
        except UnknownComplaint as error:
            raise not_found(complaint_id) from error
        except SurveyNotOpen as error:
            raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
        except ConcurrencyConflict as error:
            raise HTTPException(
                status.HTTP_409_CONFLICT, f"complaint {complaint_id} changed meanwhile; retry"
            ) from error
        return AnswerResult(
            complaint_id=complaint_id,
            stage=state.stage,
            round=state.round,
            events=[e.type for e in events],
        )

    return api
