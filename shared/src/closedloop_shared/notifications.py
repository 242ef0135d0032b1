"""Outbound messages on `complaints.notifications.v1`, for SMS/app gateways and duty managers."""

from typing import Literal

from closedloop_shared.events import Location
from closedloop_shared.model import AwareDatetime, Contract
from closedloop_shared.vocabulary import Category


class SurveyRequested(Contract):
    """Ask the owner whether the result is accepted; the gateway looks the contact up by ref."""

    type: Literal["survey_requested"] = "survey_requested"
    notification_id: str
    complaint_id: str
    site_id: str
    reporter_ref: str
    round: int
    respond_by: AwareDatetime


class UrgentComplaintAlert(Contract):
    """Tell the site's duty manager at once: a complaint is urgent (danger or spreading damage)."""

    type: Literal["urgent_complaint"] = "urgent_complaint"
    notification_id: str
    complaint_id: str
    site_id: str
    reason: str
    category: Category | None = None
    location: Location | None = None
    description: str | None = None
    reported_at: AwareDatetime | None = None


Notification = SurveyRequested | UrgentComplaintAlert
"""Every message on `complaints.notifications.v1`, told apart by `type`."""
