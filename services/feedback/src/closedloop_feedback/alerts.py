"""Urgent complaints are flagged to the site's duty manager the moment they are known urgent.

Stateless: the alert is derived from one lifecycle event (received urgent, or marked urgent by a
reviewer) and its id from that event's id, so a redelivered event re-sends a recognisable copy.
"""

from closedloop_shared.envelope import CloudEvent, derive_id
from closedloop_shared.events import ComplaintCorrected, ComplaintReceived
from closedloop_shared.notifications import UrgentComplaintAlert


def alert_for(event: CloudEvent) -> UrgentComplaintAlert | None:
    """The duty-manager alert `event` calls for, if any."""
    payload = event.payload()
    if isinstance(payload, ComplaintReceived) and payload.urgent:
        details = {
            "reason": "received as urgent",
            "category": payload.category,
            "location": payload.location,
            "description": payload.description,
            "reported_at": payload.reported_at,
        }
    elif isinstance(payload, ComplaintCorrected) and payload.urgent:
        details = {
            "reason": f"marked urgent by review: {payload.reason}",
            "category": payload.category,
            "location": payload.location,
        }
    else:
        return None
    return UrgentComplaintAlert.model_validate(
        {
            "notification_id": derive_id(event.id, "urgent_alert"),
            "complaint_id": event.subject,
            "site_id": event.siteid,
            **details,
        }
    )
