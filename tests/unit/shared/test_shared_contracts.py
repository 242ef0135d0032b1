"""Inbound and command contracts: what senders may submit, refused with reasons otherwise."""

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from closedloop_shared.commands import (
    AnswerSurvey,
    CommandMessage,
    ReportOnSiteFix,
    TransferComplaint,
)
from closedloop_shared.inbound import ComplaintSubmission, InboundComplaint, Reporter

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

COMMAND: dict[str, Any] = {
    "command_id": "cmd-1",
    "complaint_id": "c-1",
    "site_id": "site-a",
    "actor": "staff-7",
    "issued_at": "2025-03-01T08:00:00Z",
}


@pytest.mark.parametrize(
    ("fields", "cls"),
    [
        ({"type": "report_on_site_fix", "note": "n"}, ReportOnSiteFix),
        ({"type": "transfer", "department": "legal", "reason": "r"}, TransferComplaint),
        ({"type": "answer_survey", "satisfied": False, "score": 2}, AnswerSurvey),
    ],
)
def test_command_message_is_told_apart_by_type(fields: dict[str, Any], cls: type) -> None:
    """The `type` field picks the command class."""
    message = CommandMessage.model_validate({**COMMAND, **fields})
    assert type(message.root) is cls
    assert message.root.issued_at == T0


def test_command_of_an_unknown_type_is_refused() -> None:
    """Only the four commands exist."""
    with pytest.raises(ValidationError, match="close"):
        CommandMessage.model_validate({**COMMAND, "type": "close"})


def test_command_texts_are_bounded() -> None:
    """Notes are neither empty nor longer than 2000 characters."""
    for note in ("", "x" * 2001):
        with pytest.raises(ValidationError, match="note"):
            ReportOnSiteFix.model_validate({**COMMAND, "note": note})


def test_survey_score_is_one_to_five() -> None:
    """A score outside the scale is refused."""
    with pytest.raises(ValidationError, match="score"):
        AnswerSurvey.model_validate({**COMMAND, "satisfied": True, "score": 6})


def test_reporter_must_be_reachable() -> None:
    """A reporter with only a name cannot be surveyed, so it is refused."""
    with pytest.raises(
        ValidationError, match="reporter needs a phone, an app_user_id or a staff_id"
    ):
        Reporter(name="王小明")


@pytest.mark.parametrize("phone", ["13800138000", "+86 138-0013-8000", "+852 2345 6789"])
def test_reporter_accepts_usual_phone_formats(phone: str) -> None:
    """Digits with an optional plus, spaces and dashes."""
    assert Reporter(phone=phone).phone == phone


@pytest.mark.parametrize("phone", ["call me", "123", "+86 138 0013 8000 ext 5"])
def test_reporter_refuses_what_is_not_a_phone_number(phone: str) -> None:
    """Free text in the phone field is refused."""
    with pytest.raises(ValidationError, match="phone"):
        Reporter(phone=phone)


INBOUND: dict[str, Any] = {
    "source_system": "crm",
    "ticket_ref": "T-1",
    "site_id": "site-a",
    "location": "B-1504",
    "caller": {"phone": "13800138000"},
    "description": "lift broken",
    "called_at": "2025-03-01T08:00:00Z",
}


def test_call_centre_message_requires_the_call_time() -> None:
    """Stage 1's clock starts at the call, so its time is required."""
    payload = {k: v for k, v in INBOUND.items() if k != "called_at"}
    with pytest.raises(ValidationError, match="called_at"):
        InboundComplaint.model_validate(payload)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "x" * 2001),
        ("location", "x" * 201),
        ("site_id", "site a"),
        ("ticket_ref", ""),
    ],
)
def test_oversized_or_malformed_inbound_fields_are_refused(field: str, value: str) -> None:
    """Sizes are bounded so an oversized message is refused with a reason, never truncated."""
    with pytest.raises(ValidationError, match=field):
        InboundComplaint.model_validate({**INBOUND, field: value})


def test_submission_time_is_optional() -> None:
    """Without reported_at intake uses the receipt time."""
    submission = ComplaintSubmission.model_validate(
        {
            "site_id": "site-a",
            "location": "B-1504",
            "channel": "wechat",
            "reporter": {"app_user_id": "wx-1"},
            "description": "lift broken",
        }
    )
    assert submission.reported_at is None
