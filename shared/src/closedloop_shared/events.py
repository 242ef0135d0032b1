"""Lifecycle event payloads: the `data` of the CloudEvents on `complaints.lifecycle.v1`.

Each class names its CloudEvents `type` in `TYPE`. Times of occurrence live in the envelope's
`time`; a payload carries only the other instants it needs (when the owner called, when a stage
is due). Add optional fields freely; a breaking change is a new `SCHEMA_VERSION` with an upcaster.
"""

from typing import ClassVar

from pydantic import Field

from closedloop_shared.model import AwareDatetime, Contract
from closedloop_shared.vocabulary import (
    Category,
    Channel,
    CloseReason,
    EscalationLevel,
    FacilityKind,
    Stage,
)


class EventData(Contract):
    """A lifecycle fact about one complaint."""

    TYPE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int] = 1


class Location(Contract):
    """Where the problem is: structured fields parsed from the raw text, which is kept."""

    raw: str = Field(max_length=200)
    building: str | None = Field(default=None, max_length=40)
    unit: str | None = Field(default=None, max_length=40)


class IncidentLink(Contract):
    """The incident a complaint belongs to: one facility failure of one building."""

    incident_id: str
    lead_complaint_id: str = Field(
        description="The complaint staff act on; its fix and resolution apply to every member."
    )
    kind: FacilityKind


class ComplaintReceived(EventData):
    """Stage 1 done: the complaint is recorded and classified, and its clock started at contact."""

    TYPE: ClassVar[str] = "closedloop.complaint.received"

    location: Location
    channel: Channel
    reporter_ref: str = Field(description="Pseudonymous reporter reference; never a name/phone.")
    description: str
    category: Category
    urgent: bool
    confidence: float = Field(ge=0, le=1)
    needs_review: bool = False
    reported_at: AwareDatetime = Field(description="When the owner made contact (stage 1 start).")
    external_ref: str | None = None
    attachments: tuple[str, ...] = Field(
        default=(), description="Photo references (URLs or object keys) sent with the complaint."
    )
    incident: IncidentLink | None = Field(
        default=None,
        description="Set when the complaint joined an incident on receipt: it is dispatched to "
        "the incident's department, not on its own.",
    )


class ComplaintFollowedUp(EventData):
    """The owner chased this open complaint (催办): a new contact about the same unit and category.

    No complaint was created for the new contact; `follow_up_id` is the id it would have had.
    """

    TYPE: ClassVar[str] = "closedloop.complaint.followed_up"

    follow_up_id: str = Field(description="The new submission's own id (its idempotency anchor).")
    channel: Channel
    description: str
    reported_at: AwareDatetime = Field(description="When the owner made this contact.")
    external_ref: str | None = None
    attachments: tuple[str, ...] = ()


class IncidentOpened(EventData):
    """Several units of one building reported the same facility failure: this complaint leads it.

    Keyed by the lead complaint, so the incident's membership and the lead's own stages are in
    one order. The other members each get a ComplaintLinkedToIncident.
    """

    TYPE: ClassVar[str] = "closedloop.complaint.incident_opened"

    incident_id: str
    kind: FacilityKind
    building: str
    window_start: AwareDatetime = Field(
        description="The lead's contact time; reports within the incident window join it."
    )


class ComplaintLinkedToIncident(EventData):
    """This complaint is one report of an incident: fixed and resolved with the incident's lead."""

    TYPE: ClassVar[str] = "closedloop.complaint.linked_to_incident"

    incident_id: str
    lead_complaint_id: str
    kind: FacilityKind


class ComplaintCorrected(EventData):
    """A front-desk reviewer corrected the record; later stages use the corrected values."""

    TYPE: ClassVar[str] = "closedloop.complaint.corrected"

    actor: str
    reason: str
    category: Category | None = None
    urgent: bool | None = None
    location: Location | None = None


class ComplaintAssigned(EventData):
    """Stage 2 done (or a transfer): exactly one department owns the complaint now."""

    TYPE: ClassVar[str] = "closedloop.complaint.assigned"

    department: str
    rule: str = Field(description="Why this department: the routing rule or the transfer reason.")
    round: int = Field(ge=0, description="0 for the first dispatch, n after the n-th reopening.")
    transferred_from: str | None = None
    actor: str = "router"


class OnSiteFixReported(EventData):
    """Stage 3 done: staff were on site and the initial rectification is done."""

    TYPE: ClassVar[str] = "closedloop.complaint.on_site_fixed"

    actor: str
    note: str


class ComplaintResolved(EventData):
    """Stage 4 done: the solution was fed back to the owner."""

    TYPE: ClassVar[str] = "closedloop.complaint.resolved"

    actor: str
    resolution: str


class ComplaintSurveyed(EventData):
    """Stage 5 done: the owner answered the satisfaction follow-up."""

    TYPE: ClassVar[str] = "closedloop.complaint.surveyed"

    satisfied: bool
    score: int | None = Field(default=None, ge=1, le=5)
    comment: str = ""
    round: int = Field(ge=0)


class ComplaintReopened(EventData):
    """The owner did not accept the result: the complaint goes back to dispatch."""

    TYPE: ClassVar[str] = "closedloop.complaint.reopened"

    reason: str
    round: int = Field(ge=1, description="The new round: 1 after the first reopening.")


class ComplaintClosed(EventData):
    """The loop is closed: the owner was satisfied, or did not answer in time."""

    TYPE: ClassVar[str] = "closedloop.complaint.closed"

    reason: CloseReason


class ComplaintEscalated(EventData):
    """A stage's clock crossed a threshold: blue before the deadline, yellow at it, red later."""

    TYPE: ClassVar[str] = "closedloop.complaint.escalated"

    level: EscalationLevel
    stage: Stage
    round: int = Field(ge=0)
    due_at: AwareDatetime
    overdue_seconds: int = Field(description="Seconds past the deadline; negative for blue.")
    escalate_to: str = Field(description="Who is told: department, supervisor or site_manager.")


LIFECYCLE_EVENTS: tuple[type[EventData], ...] = (
    ComplaintReceived,
    ComplaintCorrected,
    ComplaintAssigned,
    OnSiteFixReported,
    ComplaintResolved,
    ComplaintSurveyed,
    ComplaintReopened,
    ComplaintClosed,
    ComplaintEscalated,
    ComplaintFollowedUp,
    IncidentOpened,
    ComplaintLinkedToIncident,
)
