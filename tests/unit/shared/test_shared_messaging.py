"""`describe`: the reason a dead letter gives, in words a sender can act on."""

import json

import pytest
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from closedloop_shared.errors import Rejected
from closedloop_shared.inbound import InboundComplaint
from closedloop_shared.messaging import PERMANENT, describe, subscriber_options


def _validation_error(payload: dict[str, object]) -> ValidationError:
    try:
        InboundComplaint.model_validate(payload)
    except ValidationError as error:
        return error
    raise AssertionError("payload was expected to be invalid")  # pragma: no cover


VALID = {
    "source_system": "crm",
    "ticket_ref": "T-1",
    "site_id": "site-a",
    "location": "3栋2单元1202",
    "caller": {"phone": "13800138000"},
    "description": "卫生间漏水",
    "called_at": "2025-03-01T08:00:00Z",
}


def test_describe_names_the_nested_field_path_of_a_validation_error() -> None:
    """A bad nested field is named by its dotted path."""
    error = _validation_error({**VALID, "caller": {"phone": "call me"}})
    assert describe(error).startswith("caller.phone: ")


def test_describe_lists_every_invalid_field() -> None:
    """Each problem is reported, separated by semicolons."""
    reason = describe(_validation_error({**VALID, "site_id": "bad site!", "description": ""}))
    parts = reason.split("; ")
    assert len(parts) == 2
    assert {p.split(":")[0] for p in parts} == {"site_id", "description"}


def test_describe_names_a_missing_field() -> None:
    """A missing required field is named with pydantic's message."""
    payload = {k: v for k, v in VALID.items() if k != "called_at"}
    assert describe(_validation_error(payload)) == "called_at: Field required"


def test_describe_uses_message_for_a_whole_model_error() -> None:
    """An error about the message as a whole (no field) still reads sensibly."""
    error = _validation_error({**VALID, "caller": {"name": "Wang"}})
    assert (
        describe(error)
        == "caller: Value error, reporter needs a phone, an app_user_id or a staff_id"
    )


def test_describe_strips_body_from_request_validation_paths() -> None:
    """HTTP validation errors read like message errors: no leading `body`."""
    error = RequestValidationError(
        [{"loc": ("body", "reporter", "phone"), "msg": "String should match pattern"}]
    )
    assert describe(error) == "reporter.phone: String should match pattern"


def test_describe_of_an_error_on_the_body_itself_says_message() -> None:
    """An error located at the body as a whole is reported against `message`."""
    error = RequestValidationError([{"loc": ("body",), "msg": "Field required"}])
    assert describe(error) == "message: Field required"


def test_describe_of_other_errors_is_their_text() -> None:
    """A domain refusal keeps its own words."""
    assert describe(Rejected("complaint c-1 is in stage closed")) == (
        "complaint c-1 is in stage closed"
    )


def test_describe_of_an_error_without_text_is_its_type() -> None:
    """An error with no message is at least named."""
    assert describe(TimeoutError()) == "TimeoutError"


@pytest.mark.parametrize(
    "error",
    [
        Rejected("x"),
        json.JSONDecodeError("x", "{", 0),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "x"),
    ],
    ids=["rejected", "json", "unicode"],
)
def test_content_errors_are_permanent(error: Exception) -> None:
    """Errors in the message itself are never retried."""
    assert isinstance(error, PERMANENT)


def test_transient_errors_are_not_permanent() -> None:
    """Infrastructure errors are retried."""
    assert not isinstance(ConnectionError("broker down"), PERMANENT)


def test_subscriber_options_are_at_least_once_per_service_group() -> None:
    """Each service consumes in its own group from the earliest offset."""
    options = subscriber_options("router")
    assert options["group_id"] == "closedloop-router"
    assert options["auto_offset_reset"] == "earliest"
