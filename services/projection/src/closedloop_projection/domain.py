"""The complaint view: a pure fold of lifecycle events into one document.

The fold depends only on the events (times come from the envelopes, never from a clock), so
replaying the topic rebuilds byte-identical documents.
"""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintCorrected,
    ComplaintEscalated,
    ComplaintFollowedUp,
    ComplaintLinkedToIncident,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintSurveyed,
    EventData,
    IncidentOpened,
    Location,
)
from closedloop_shared.lifecycle import stage_after
from closedloop_shared.vocabulary import (
    Category,
    Channel,
    CloseReason,
    EscalationLevel,
    FacilityKind,
    Stage,
)


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StageTimes(_View):
    """When one stage of one round started and ended."""

    stage: Stage
    round: int
    started_at: datetime
    ended_at: datetime | None = None


class Escalation(_View):
    """One escalation as the watcher reported it."""

    level: EscalationLevel
    stage: Stage
    round: int
    due_at: datetime
    at: datetime
    escalate_to: str


class Survey(_View):
    """The owner's answer for one round."""

    round: int
    satisfied: bool
    score: int | None
    comment: str
    at: datetime


class Assignment(_View):
    """Who owned the complaint from when."""

    department: str
    rule: str
    round: int
    at: datetime
    transferred_from: str | None


class Correction(_View):
    """A reviewer's correction of the record."""

    actor: str
    reason: str
    at: datetime


class FollowUp(_View):
    """The owner chased the complaint (催办): when, through which channel, with what words."""

    follow_up_id: str
    channel: Channel
    description: str
    reported_at: datetime
    at: datetime


class ComplaintView(_View):
    """Everything a reader needs about one complaint."""

    complaint_id: str
    site_id: str
    stage: Stage
    round: int = 0
    category: Category
    urgent: bool
    needs_review: bool
    channel: Channel
    location: Location
    reporter_ref: str
    description: str
    attachments: tuple[str, ...] = ()
    reported_at: datetime
    received_at: datetime
    department: str | None = None
    assignments: tuple[Assignment, ...] = ()
    stages: tuple[StageTimes, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    surveys: tuple[Survey, ...] = ()
    corrections: tuple[Correction, ...] = ()
    closed_reason: CloseReason | None = None
    closed_at: datetime | None = None
    follow_ups: int = Field(default=0, description="How often the owner chased the complaint.")
    follow_up_log: tuple[FollowUp, ...] = ()
    incident_id: str | None = None
    incident_lead: str | None = Field(
        default=None, description="The incident's lead complaint (this id when it leads)."
    )
    incident_kind: FacilityKind | None = None
    last_event_at: datetime
    events: int = Field(default=0, description="How many lifecycle events were applied.")


def _received(event: CloudEvent, data: ComplaintReceived) -> ComplaintView:
    return ComplaintView(
        complaint_id=event.subject,
        site_id=event.siteid,
        stage=Stage.DISPATCH,
        category=data.category,
        urgent=data.urgent,
        needs_review=data.needs_review,
        channel=data.channel,
        location=data.location,
        reporter_ref=data.reporter_ref,
        description=data.description,
        attachments=data.attachments,
        reported_at=data.reported_at,
        received_at=event.time,
        incident_id=data.incident.incident_id if data.incident else None,
        incident_lead=data.incident.lead_complaint_id if data.incident else None,
        incident_kind=data.incident.kind if data.incident else None,
        stages=(
            StageTimes(
                stage=Stage.ACCEPT, round=0, started_at=data.reported_at, ended_at=event.time
            ),
            StageTimes(stage=Stage.DISPATCH, round=0, started_at=event.time),
        ),
        last_event_at=event.time,
        events=1,
    )


def _restage(view: ComplaintView, new: Stage, round_: int, at: datetime) -> tuple[StageTimes, ...]:
    stages = tuple(
        s.model_copy(update={"ended_at": at}) if s.ended_at is None else s for s in view.stages
    )
    if new is Stage.CLOSED:
        return stages
    return (*stages, StageTimes(stage=new, round=round_, started_at=at))


def apply(view: ComplaintView | None, event: CloudEvent, data: EventData) -> ComplaintView | None:
    """The view after `event`; None while the complaint's ComplaintReceived is not yet seen."""
    if isinstance(data, ComplaintReceived):
        return view or _received(event, data)
    if view is None:
        return None
    changes: dict[str, object] = {"last_event_at": event.time, "events": view.events + 1}
    round_ = data.round if isinstance(data, ComplaintReopened) else view.round
    stage = stage_after(view.stage, data) or view.stage
    if stage is not view.stage:
        changes["stage"] = stage
        changes["round"] = round_
        changes["stages"] = _restage(view, stage, round_, event.time)
    match data:
        case ComplaintAssigned():
            changes["department"] = data.department
            changes["assignments"] = (
                *view.assignments,
                Assignment(
                    department=data.department,
                    rule=data.rule,
                    round=data.round,
                    at=event.time,
                    transferred_from=data.transferred_from,
                ),
            )
        case ComplaintEscalated():
            changes["escalations"] = (
                *view.escalations,
                Escalation(
                    level=data.level,
                    stage=data.stage,
                    round=data.round,
                    due_at=data.due_at,
                    at=event.time,
                    escalate_to=data.escalate_to,
                ),
            )
        case ComplaintSurveyed():
            changes["surveys"] = (
                *view.surveys,
                Survey(
                    round=data.round,
                    satisfied=data.satisfied,
                    score=data.score,
                    comment=data.comment,
                    at=event.time,
                ),
            )
        case ComplaintClosed():
            changes["closed_reason"] = data.reason
            changes["closed_at"] = event.time
        case ComplaintFollowedUp():
            changes["follow_ups"] = view.follow_ups + 1
            changes["follow_up_log"] = (
                *view.follow_up_log,
                FollowUp(
                    follow_up_id=data.follow_up_id,
                    channel=data.channel,
                    description=data.description,
                    reported_at=data.reported_at,
                    at=event.time,
                ),
            )
        case IncidentOpened():
            changes |= {
                "incident_id": data.incident_id,
                "incident_lead": event.subject,
                "incident_kind": data.kind,
            }
        case ComplaintLinkedToIncident():
            changes |= {
                "incident_id": data.incident_id,
                "incident_lead": data.lead_complaint_id,
                "incident_kind": data.kind,
            }
        case ComplaintCorrected():
            corrected = {
                "category": data.category,
                "urgent": data.urgent,
                "location": data.location,
            }
            changes |= {k: v for k, v in corrected.items() if v is not None}
            changes["needs_review"] = False
            changes["corrections"] = (
                *view.corrections,
                Correction(actor=data.actor, reason=data.reason, at=event.time),
            )
        case _:
            pass
    return view.model_copy(update=changes)
