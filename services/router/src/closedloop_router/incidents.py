"""Incidents in the router: one facility failure of one building, dispatched and handled once.

Intake decides which complaints form an incident (IncidentOpened on the lead, and a
ComplaintLinkedToIncident on every other member). The router assigns a member that joined on
receipt to the lead's department (rule `incident <id>`), refuses staff fixes and resolutions of a
member in its first round (staff act on the lead), and carries the lead's progress to the
members: the lead's on-site fix fixes every member still on site, and the lead's resolution fixes
(if need be) and resolves every member not yet resolved, so each member's owner is surveyed
through the normal feedback path. A member linked after the lead moved on catches up at once.

An incident is a record of its own (`router_incidents`, keyed by incident id) holding the members
and the lead's progress. Every change to it is a version-checked save, so a member linked on one
partition and the lead resolved on another apply one after the other: no member misses a step
or gets one twice. A member reopened after the incident is handled on its own.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from closedloop_shared.events import ComplaintResolved, EventData, OnSiteFixReported
from closedloop_shared.model import AwareDatetime
from closedloop_shared.vocabulary import Stage

BEFORE_FIX = frozenset({Stage.DISPATCH, Stage.ON_SITE})
"""A member in these stages still needs the on-site fix."""

UNRESOLVED = frozenset({Stage.DISPATCH, Stage.ON_SITE, Stage.FEEDBACK})
"""A member in these stages still needs the resolution."""


class LeadStep(BaseModel):
    """The lead's on-site fix or resolution, as its members repeat it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str
    correlation_id: str
    actor: str
    text: str
    at: AwareDatetime


class Incident(BaseModel):
    """What the router keeps of one incident."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    incident_id: str
    site_id: str
    lead_id: str
    members: tuple[str, ...] = ()
    fixed: LeadStep | None = None
    resolved: LeadStep | None = None
    fixed_members: tuple[str, ...] = ()
    resolved_members: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberStep:
    """An event one member gets because of one step of the lead."""

    member: str
    data: EventData
    cause: LeadStep


def owed(incident: Incident, member: str, stage: Stage | None) -> tuple[Incident, list[MemberStep]]:
    """The steps `member` (now in `stage`) still needs to match the lead's progress."""
    fixed, resolved = set(incident.fixed_members), set(incident.resolved_members)
    needs_fix = member not in fixed and stage in BEFORE_FIX
    resolve = member not in resolved and stage in UNRESOLVED
    cause = incident.resolved if resolve else None
    if cause is None:
        resolve = False
        cause = incident.fixed if needs_fix else None
    if cause is None:
        return incident, []
    steps: list[MemberStep] = []
    if needs_fix:
        steps.append(
            MemberStep(member, OnSiteFixReported(actor=cause.actor, note=cause.text), cause)
        )
        fixed.add(member)
    if resolve:
        resolution = ComplaintResolved(actor=cause.actor, resolution=cause.text)
        steps.append(MemberStep(member, resolution, cause))
        resolved.add(member)
    updated = incident.model_copy(
        update={
            "fixed_members": tuple(m for m in incident.members if m in fixed),
            "resolved_members": tuple(m for m in incident.members if m in resolved),
        }
    )
    return updated, steps


def join(incident: Incident, member: str, stage: Stage | None) -> tuple[Incident, list[MemberStep]]:
    """Add `member`, and bring it level with the lead's progress."""
    if member == incident.lead_id or member in incident.members:
        return incident, []
    return owed(incident.model_copy(update={"members": (*incident.members, member)}), member, stage)


def lead_moved(
    incident: Incident, step: LeadStep, *, resolved: bool, stages: Mapping[str, Stage | None]
) -> tuple[Incident, list[MemberStep]]:
    """Record the lead's fix or resolution (the first of each) and what every member is owed."""
    field = "resolved" if resolved else "fixed"
    if getattr(incident, field) is None:
        incident = incident.model_copy(update={field: step})
    steps: list[MemberStep] = []
    for member in incident.members:
        incident, owed_steps = owed(incident, member, stages.get(member))
        steps += owed_steps
    return incident, steps
