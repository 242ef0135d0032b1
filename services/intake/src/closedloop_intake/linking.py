"""The lifecycle events an incident placement calls for, with ids whoever decides it derives alike.

The new complaint gets a ComplaintLinkedToIncident right after its ComplaintReceived (which names
the incident too, so the router assigns it with the incident at once). When the new report opens
the incident, the lead gets IncidentOpened and every other earlier member a
ComplaintLinkedToIncident. Each event is keyed by its own complaint, so per-complaint order holds;
its id derives from the incident id and the member, so two intake instances that open the same
incident emit the same events.
"""

from closedloop_intake.duplicates import FacilityReport, Placement
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import ComplaintLinkedToIncident, EventData, IncidentOpened


def incident_events(
    placement: Placement | None,
    report: FacilityReport | None,
    received: CloudEvent,
    *,
    source: str,
) -> list[CloudEvent]:
    """The incident events that follow `received` (the new complaint's ComplaintReceived)."""
    link = placement.link if placement else None
    if placement is None or report is None or link is None:
        return []
    linked = ComplaintLinkedToIncident(
        incident_id=link.incident_id, lead_complaint_id=link.lead_complaint_id, kind=link.kind
    )
    facts: list[tuple[str, EventData]] = [(received.subject, linked)]
    opening = placement.opening
    if opening is not None:
        opened = IncidentOpened(
            incident_id=opening.incident_id,
            kind=link.kind,
            building=report.building,
            window_start=opening.window_start,
        )
        facts += [(opening.lead, opened), *((member, linked) for member in opening.linked)]
    return [
        new_event(
            data,
            complaint_id=member,
            site_id=received.siteid,
            source=source,
            cause_id=link.incident_id,
            correlation_id=received.correlationid,
            time=received.time,
            discriminator=member,
        )
        for member, data in facts
    ]
