"""Router use cases: apply a lifecycle event, handle a staff command. Short and idempotent.

Incidents (see `incidents`) are coordinated on their own record: the router folds each lifecycle
event into the complaint's workflow, then lets the incident record act on incident events and on
a lead's fix or resolution, whose member events that record's outbox publishes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from closedloop_router.domain import (
    RoutingRules,
    Workflow,
    assign,
    assign_to_incident,
    decide,
    evolve,
    reroute,
)
from closedloop_router.incidents import Incident, LeadStep, MemberStep, join, lead_moved
from closedloop_shared.commands import Command
from closedloop_shared.envelope import CloudEvent, follow, new_event
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
from closedloop_shared.ports import EventPublisher, flush_outbox
from closedloop_shared.store import RecordStore
from closedloop_shared.vocabulary import Stage

SOURCE = "/closedloop/router"

log = structlog.get_logger("closedloop.router")


@dataclass
class Router:
    """The router's dependencies, injected so tests pass fakes and a fixed clock."""

    store: RecordStore[Workflow]
    publisher: EventPublisher
    rules: Callable[[], RoutingRules]
    clock: Callable[[], datetime]
    incidents: RecordStore[Incident]

    async def on_event(self, event: CloudEvent) -> list[CloudEvent]:
        """Fold a lifecycle event into the workflow; dispatch what was received or reopened."""
        structlog.contextvars.bind_contextvars(complaint_id=event.subject, event_id=event.id)
        payload = event.payload()
        record = await self.store.load(event.subject)
        if payload is None or (record is not None and record.has_applied(event.id)):
            if record is not None:
                await flush_outbox(self.store, self.publisher, record, seen_on_topic=event.id)
            log.debug("event_skipped", type=event.type)
            if record is None or payload is None:
                return []
            # The lead's own fix or resolution (applied by its command), or a retry after the
            # incident record's save conflicted: the incident record decides once.
            return await self._coordinate(event, payload, record.state)
        state = evolve(
            record.state if record else None,
            payload,
            complaint_id=event.subject,
            site_id=event.siteid,
        )
        if state is None:
            log.warning("event_before_received", type=event.type)
            return []
        emitted: list[CloudEvent] = []
        first_receipt = isinstance(payload, ComplaintReceived) and record is None
        if first_receipt or isinstance(payload, ComplaintReopened):
            joined = payload.incident if isinstance(payload, ComplaintReceived) else None
            assigned = await self._assignment(state, joined)
            emitted.append(follow(event, assigned, source=SOURCE, time=self.clock()))
            state = evolve(state, assigned, complaint_id=event.subject, site_id=event.siteid)
            assert state is not None  # noqa: S101 - evolve keeps a known complaint known
            log.info(
                "complaint_assigned",
                department=assigned.department,
                round=assigned.round,
                rule=assigned.rule,
            )
        elif isinstance(payload, ComplaintCorrected) and payload.category is not None:
            moved = reroute(state, self.rules(), payload.reason)
            if moved is not None:
                emitted.append(follow(event, moved, source=SOURCE, time=self.clock()))
                state = evolve(state, moved, complaint_id=event.subject, site_id=event.siteid)
                assert state is not None  # noqa: S101
                log.info("complaint_rerouted", department=moved.department)
        saved = await self.store.save(record, event.subject, state, cause=event.id, events=emitted)
        sent = await flush_outbox(self.store, self.publisher, saved)
        return [*sent, *await self._coordinate(event, payload, state)]

    async def _assignment(self, state: Workflow, joined: IncidentLink | None) -> ComplaintAssigned:
        """By the rules; or, for a complaint that joined an incident on receipt, with its lead."""
        if joined is None:
            return assign(state, self.rules())
        lead = await self.store.load(joined.lead_complaint_id)
        return assign_to_incident(state, joined, lead.state if lead else None, self.rules())

    async def _coordinate(
        self, event: CloudEvent, payload: EventData, state: Workflow
    ) -> list[CloudEvent]:
        """Apply an incident event, or the lead's fix or resolution, to the incident record."""
        incident_id = state.incident_id
        leads = incident_id is not None and state.incident_lead == state.complaint_id
        if not isinstance(payload, IncidentOpened | ComplaintLinkedToIncident) and not (
            leads and isinstance(payload, OnSiteFixReported | ComplaintResolved)
        ):
            return []
        assert incident_id is not None  # noqa: S101 - incident events set it on the workflow
        assert state.incident_lead is not None  # noqa: S101
        record = await self.incidents.load(incident_id)
        if record is not None and record.has_applied(event.id):
            return await flush_outbox(self.incidents, self.publisher, record)
        incident = (
            record.state
            if record
            else Incident(
                incident_id=incident_id, site_id=state.site_id, lead_id=state.incident_lead
            )
        )
        incident, steps = await self._steps(incident, event, payload, state)
        events = [self._member_event(incident, step) for step in steps]
        saved = await self.incidents.save(
            record, incident_id, incident, cause=event.id, events=events
        )
        for step in steps:
            log.info("incident_member_moved", member=step.member, type=step.data.TYPE)
        return await flush_outbox(self.incidents, self.publisher, saved)

    async def _steps(
        self, incident: Incident, event: CloudEvent, payload: EventData, state: Workflow
    ) -> tuple[Incident, list[MemberStep]]:
        if isinstance(payload, ComplaintLinkedToIncident):
            return join(incident, state.complaint_id, state.stage)
        step = LeadStep(
            event_id=event.id,
            correlation_id=event.correlationid,
            actor=getattr(payload, "actor", "router"),
            text=_lead_text(payload, incident),
            at=event.time,
        )
        if isinstance(payload, IncidentOpened):
            if state.stage not in {Stage.FOLLOW_UP, Stage.CLOSED}:
                return incident, []
            # Resolved before the incident opened: members joining now are resolved with it.
            return lead_moved(incident, step, resolved=True, stages={})
        stages: dict[str, Stage | None] = {}
        for member in incident.members:
            loaded = await self.store.load(member)
            stages[member] = loaded.state.stage if loaded else None
        resolved = isinstance(payload, ComplaintResolved)
        return lead_moved(incident, step, resolved=resolved, stages=stages)

    def _member_event(self, incident: Incident, step: MemberStep) -> CloudEvent:
        """One member's copy of a lead step; its id is fixed by the lead's event and the member."""
        return new_event(
            step.data,
            complaint_id=step.member,
            site_id=incident.site_id,
            source=SOURCE,
            cause_id=step.cause.event_id,
            correlation_id=step.cause.correlation_id,
            time=self.clock(),
            discriminator=step.member,
        )

    async def on_command(self, command: Command) -> tuple[Workflow, list[CloudEvent]]:
        """Apply a staff action if the complaint's stage allows it, else raise the reason."""
        structlog.contextvars.bind_contextvars(
            complaint_id=command.complaint_id, command_id=command.command_id
        )
        cause = command.cause
        record = await self.store.load(command.complaint_id)
        if record is not None and record.has_applied(cause):
            log.info("command_already_applied", type=command.type)
            await flush_outbox(self.store, self.publisher, record)
            return record.state, []
        state = record.state if record else None
        if state is not None and state.site_id != command.site_id:
            state = None  # a command naming another site must not reach this complaint
        decided = decide(state, command, self.rules())
        # decide() refused unknown complaints, so both are known here.
        assert record is not None  # noqa: S101
        assert state is not None  # noqa: S101
        event = new_event(
            decided,
            complaint_id=command.complaint_id,
            site_id=state.site_id,
            source=SOURCE,
            cause_id=command.command_id,
            correlation_id=command.command_id,
            time=self.clock(),
            discriminator=command.complaint_id,  # one command id may be reused on two complaints
        )
        new_state = evolve(state, decided, complaint_id=state.complaint_id, site_id=state.site_id)
        assert new_state is not None  # noqa: S101
        saved = await self.store.save(record, record.id, new_state, cause=cause, events=[event])
        log.info("command_applied", type=command.type, stage=new_state.stage)
        return new_state, await flush_outbox(self.store, self.publisher, saved)


def _lead_text(payload: EventData, incident: Incident) -> str:
    match payload:
        case OnSiteFixReported():
            return payload.note
        case ComplaintResolved():
            return payload.resolution
    return (
        f"resolved with complaint {incident.lead_id}, the lead of incident {incident.incident_id}"
    )
