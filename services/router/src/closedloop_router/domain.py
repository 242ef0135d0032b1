"""The router's pure core: routing rules, the workflow state it keeps, and its decisions.

Errors (all `Rejected`, so a command on the topic is dead-lettered with the reason):
- `UnknownComplaint`: no ComplaintReceived seen for this id (HTTP 404).
- `IllegalAction`: the action is not allowed in the complaint's current stage, or staff must act
  on the complaint's incident lead instead (HTTP 409).
- `UnknownDepartment`: a transfer names a department the rules do not know (HTTP 422).
"""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closedloop_shared.commands import (
    AnswerSurvey,
    Command,
    ReportOnSiteFix,
    ResolveComplaint,
    TransferComplaint,
)
from closedloop_shared.errors import Rejected
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintCorrected,
    ComplaintLinkedToIncident,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    EventData,
    IncidentLink,
    IncidentOpened,
    OnSiteFixReported,
)
from closedloop_shared.lifecycle import stage_after
from closedloop_shared.vocabulary import Category, Stage


class UnknownComplaint(Rejected):
    """The router has not seen this complaint."""


class IllegalAction(Rejected):
    """The action is not allowed in the complaint's current stage."""


class UnknownDepartment(Rejected):
    """The department is not one the routing rules know."""


class RoutingRules(BaseModel):
    """Category -> department, with per-site overrides."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = 1
    departments: frozenset[str]
    default: dict[Category, str]
    sites: dict[str, dict[Category, str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> "RoutingRules":
        missing = set(Category) - set(self.default)
        if missing:
            raise ValueError(f"default rules lack categories: {sorted(c.value for c in missing)}")
        named = set(self.default.values()) | {d for s in self.sites.values() for d in s.values()}
        unknown = named - self.departments
        if unknown:
            raise ValueError(f"rules name unknown departments: {sorted(unknown)}")
        return self

    def department_for(self, site_id: str, category: Category) -> tuple[str, str]:
        """The owning department and the rule that chose it."""
        override = self.sites.get(site_id, {}).get(category)
        if override is not None:
            return override, f"site {site_id}: {category} -> {override}"
        department = self.default[category]
        return department, f"default: {category} -> {department}"


class Workflow(BaseModel):
    """What the router knows of one complaint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    complaint_id: str
    site_id: str
    stage: Stage
    category: Category
    urgent: bool
    department: str | None = None
    round: int = 0
    incident_id: str | None = None
    incident_lead: str | None = None
    """The incident's lead complaint (this complaint's own id when it leads)."""


ACTION_STAGES: dict[type[Command], frozenset[Stage]] = {
    ReportOnSiteFix: frozenset({Stage.ON_SITE}),
    ResolveComplaint: frozenset({Stage.FEEDBACK}),
    TransferComplaint: frozenset({Stage.ON_SITE, Stage.FEEDBACK}),
}
"""In which stages staff may take each action."""


def evolve(
    state: Workflow | None, event: EventData, *, complaint_id: str, site_id: str
) -> Workflow | None:
    """The workflow after `event`."""
    if isinstance(event, ComplaintReceived):
        if state is not None:
            return state  # a complaint is received once; a stray second Received changes nothing
        return Workflow(
            complaint_id=complaint_id,
            site_id=site_id,
            stage=Stage.DISPATCH,
            category=event.category,
            urgent=event.urgent,
            incident_id=event.incident.incident_id if event.incident else None,
            incident_lead=event.incident.lead_complaint_id if event.incident else None,
        )
    if state is None:
        return None
    stage = stage_after(state.stage, event) or state.stage
    changes: dict[str, object] = {"stage": stage}
    if isinstance(event, ComplaintCorrected):
        if event.category is not None:
            changes["category"] = event.category
        if event.urgent is not None:
            changes["urgent"] = event.urgent
    if isinstance(event, ComplaintAssigned):
        changes["department"] = event.department
    if isinstance(event, ComplaintReopened):
        changes["round"] = event.round
    if isinstance(event, IncidentOpened):
        changes |= {"incident_id": event.incident_id, "incident_lead": complaint_id}
    if isinstance(event, ComplaintLinkedToIncident):
        changes |= {"incident_id": event.incident_id, "incident_lead": event.lead_complaint_id}
    return state.model_copy(update=changes)


def assign(state: Workflow, rules: RoutingRules) -> ComplaintAssigned:
    """Dispatch a received or reopened complaint to its department."""
    department, rule = rules.department_for(state.site_id, state.category)
    return ComplaintAssigned(department=department, rule=rule, round=state.round)


def assign_to_incident(
    state: Workflow, link: IncidentLink, lead: Workflow | None, rules: RoutingRules
) -> ComplaintAssigned:
    """Dispatch a complaint that joined an incident on receipt: to the lead's department.

    Until the router has the lead's own assignment, the rules name the department the lead gets.
    """
    department = lead.department if lead is not None else None
    if department is None:
        department, _ = rules.department_for(state.site_id, state.category)
    return ComplaintAssigned(
        department=department, rule=f"incident {link.incident_id}", round=state.round
    )


def reroute(state: Workflow, rules: RoutingRules, reason: str) -> ComplaintAssigned | None:
    """After a corrected category: hand an owned complaint to the department the rules now name."""
    if state.stage not in ACTION_STAGES[TransferComplaint] or state.department is None:
        return None  # not owned yet (the next dispatch uses the corrected category) or finished
    department, rule = rules.department_for(state.site_id, state.category)
    if department == state.department:
        return None
    return ComplaintAssigned(
        department=department,
        rule=f"correction ({reason}); {rule}",
        round=state.round,
        transferred_from=state.department,
        actor="router",
    )


def _follows_lead(state: Workflow) -> bool:
    """A member of an incident in its first round: it moves with the incident's lead."""
    lead = state.incident_lead
    return lead is not None and lead != state.complaint_id and state.round == 0


def decide(state: Workflow | None, command: Command, rules: RoutingRules) -> EventData:
    """The event a staff action produces, or the reason it is refused."""
    if state is None:
        raise UnknownComplaint(f"complaint {command.complaint_id} is unknown to the router")
    if isinstance(command, AnswerSurvey):
        raise IllegalAction("survey answers are handled by the feedback service")
    lead = state.incident_lead
    if isinstance(command, ReportOnSiteFix | ResolveComplaint) and _follows_lead(state):
        raise IllegalAction(
            f"complaint {state.complaint_id} is part of incident {state.incident_id}: staff act "
            f"on its lead {lead}, whose fix and resolution apply to every member"
        )
    allowed = ACTION_STAGES[type(command)]
    if state.stage not in allowed:
        wanted = ", ".join(sorted(allowed))
        raise IllegalAction(
            f"complaint {state.complaint_id} is in stage {state.stage}; "
            f"{command.type} is allowed only in {wanted}"
        )
    match command:
        case ReportOnSiteFix():
            return OnSiteFixReported(actor=command.actor, note=command.note)
        case ResolveComplaint():
            return ComplaintResolved(actor=command.actor, resolution=command.resolution)
        case TransferComplaint():
            if command.department not in rules.departments:
                raise UnknownDepartment(
                    f"department {command.department!r} is not one of {sorted(rules.departments)}"
                )
            if command.department == state.department:
                raise IllegalAction(
                    f"complaint {state.complaint_id} is already owned by {state.department}"
                )
            return ComplaintAssigned(
                department=command.department,
                rule=f"transfer: {command.reason}",
                round=state.round,
                transferred_from=state.department,
                actor=command.actor,
            )
    raise IllegalAction(f"unsupported command {command.type}")  # pragma: no cover
