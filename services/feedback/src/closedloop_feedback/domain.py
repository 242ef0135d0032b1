"""The feedback service's pure core: what it knows of each complaint's follow-up, and its decisions.

Errors (all `Rejected`, so an answer on the topic is dead-lettered with the reason):
- `UnknownComplaint`: no ComplaintReceived seen for this id, or the answer names another site
  (HTTP 404).
- `SurveyNotOpen`: no survey waits for an answer: the complaint is not in follow-up, or its
  survey was already answered or closed (HTTP 409).
- `SurveyExpired` (a `SurveyNotOpen`): the answer came at or after the survey's respond-by
  instant; the complaint is closed as no-response instead (HTTP 409).
"""

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from closedloop_shared.commands import AnswerSurvey
from closedloop_shared.envelope import derive_id
from closedloop_shared.errors import Rejected
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintSurveyed,
    EventData,
)
from closedloop_shared.lifecycle import stage_after
from closedloop_shared.model import AwareDatetime
from closedloop_shared.notifications import SurveyRequested
from closedloop_shared.vocabulary import CloseReason, Stage

NO_COMMENT_REASON = "owner not satisfied (no comment given)"
"""The reopening reason when a dissatisfied owner leaves no comment."""


class UnknownComplaint(Rejected):
    """The feedback service has not seen this complaint."""


class SurveyNotOpen(Rejected):
    """No survey of this complaint is waiting for an answer."""


class SurveyExpired(SurveyNotOpen):
    """The survey's answer window has passed."""


class OpenSurvey(BaseModel):
    """The satisfaction survey of one round, waiting for the owner's answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    round: int = Field(ge=0)
    notification_id: str
    requested_at: AwareDatetime
    respond_by: AwareDatetime
    resolved_event_id: str = Field(description="The ComplaintResolved that opened the survey.")
    correlation_id: str
    notified: bool = Field(default=False, description="The SurveyRequested was sent.")


class Complaint(BaseModel):
    """What the feedback service knows of one complaint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    complaint_id: str
    site_id: str
    reporter_ref: str
    stage: Stage
    round: int = Field(default=0, ge=0)
    survey: OpenSurvey | None = None


def evolve(
    state: Complaint | None, event: EventData, *, complaint_id: str, site_id: str
) -> Complaint | None:
    """The complaint after lifecycle `event`; None while its ComplaintReceived is unseen."""
    if isinstance(event, ComplaintReceived):
        return Complaint(
            complaint_id=complaint_id,
            site_id=site_id,
            reporter_ref=event.reporter_ref,
            stage=Stage.DISPATCH,
        )
    if state is None:
        return None
    changes: dict[str, object] = {"stage": stage_after(state.stage, event) or state.stage}
    if isinstance(event, ComplaintAssigned | ComplaintReopened):
        changes["round"] = event.round
    if isinstance(event, ComplaintSurveyed | ComplaintReopened | ComplaintClosed):
        changes["survey"] = None
    return state.model_copy(update=changes)


def notification_id_for(resolved_event_id: str) -> str:
    """The SurveyRequested id a ComplaintResolved event leads to, the same on every replay."""
    return derive_id(resolved_event_id, "survey_requested")


def open_survey(
    state: Complaint,
    *,
    resolved_event_id: str,
    correlation_id: str,
    resolved_at: datetime,
    window: timedelta,
) -> Complaint:
    """Open the follow-up survey of a resolved complaint, answerable until `window` has passed."""
    survey = OpenSurvey(
        round=state.round,
        notification_id=notification_id_for(resolved_event_id),
        requested_at=resolved_at,
        respond_by=resolved_at + window,
        resolved_event_id=resolved_event_id,
        correlation_id=correlation_id,
    )
    return state.model_copy(update={"survey": survey})


def pending_notification(state: Complaint) -> SurveyRequested | None:
    """The survey request still owed to the owner, if any."""
    survey = state.survey
    if survey is None or survey.notified:
        return None
    return SurveyRequested(
        notification_id=survey.notification_id,
        complaint_id=state.complaint_id,
        site_id=state.site_id,
        reporter_ref=state.reporter_ref,
        round=survey.round,
        respond_by=survey.respond_by,
    )


def mark_notified(state: Complaint) -> Complaint:
    """The complaint once its survey request was sent."""
    if state.survey is None:
        return state
    return state.model_copy(update={"survey": state.survey.model_copy(update={"notified": True})})


def next_due(state: Complaint) -> datetime | None:
    """When the complaint next needs the timer: an unsent request now, else the answer deadline."""
    survey = state.survey
    if survey is None:
        return None
    return survey.respond_by if survey.notified else survey.requested_at


def answer(state: Complaint | None, command: AnswerSurvey, *, now: datetime) -> list[EventData]:
    """Surveyed, then closed (satisfied) or reopened for another round; or the refusal."""
    if state is None:
        raise UnknownComplaint(
            f"complaint {command.complaint_id} is unknown to the feedback service"
        )
    survey = state.survey
    if survey is None or state.stage is not Stage.FOLLOW_UP:
        raise SurveyNotOpen(
            f"complaint {state.complaint_id} is in stage {state.stage} with no open survey; "
            f"an answer is accepted only in {Stage.FOLLOW_UP} after the complaint was resolved "
            "and before the survey was answered or closed"
        )
    if now >= survey.respond_by:
        raise SurveyExpired(
            f"the survey of complaint {state.complaint_id} (round {survey.round}) closed at "
            f"{survey.respond_by.isoformat()}; the complaint is closed as no-response"
        )
    surveyed = ComplaintSurveyed(
        satisfied=command.satisfied,
        score=command.score,
        comment=command.comment,
        round=survey.round,
    )
    if command.satisfied:
        return [surveyed, ComplaintClosed(reason=CloseReason.SATISFIED)]
    reason = command.comment.strip() or NO_COMMENT_REASON
    return [surveyed, ComplaintReopened(reason=reason, round=survey.round + 1)]


def close_unanswered(state: Complaint, *, now: datetime) -> ComplaintClosed | None:
    """Close as no-response once the survey's deadline has come without an answer."""
    survey = state.survey
    if survey is None or state.stage is not Stage.FOLLOW_UP or now < survey.respond_by:
        return None
    return ComplaintClosed(reason=CloseReason.NO_RESPONSE)
