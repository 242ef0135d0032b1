"""Outbound messages on `complaints.notifications.v1`, for SMS/app gateways and duty managers."""

from typing import Literal

from closedloop_shared.model import AwareDatetime, Contract


class SurveyRequested(Contract):
    """Ask the owner whether the result is accepted; the gateway looks the contact up by ref."""

    type: Literal["survey_requested"] = "survey_requested"
    notification_id: str
    complaint_id: str
    site_id: str
    reporter_ref: str
    round: int
    respond_by: AwareDatetime
