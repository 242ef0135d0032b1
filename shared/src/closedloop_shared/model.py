"""The base class of every message closedloop sends or receives."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _require_tz(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a time zone (use ISO 8601 with Z or an offset)")
    return value.astimezone(UTC)


AwareDatetime = Annotated[datetime, AfterValidator(_require_tz)]
"""A timestamp with a zone, normalised to UTC so equal instants serialise identically."""


class Contract(BaseModel):
    """Frozen and strict: a message is a fact, and an unknown field is a sender's mistake."""

    model_config = ConfigDict(frozen=True, extra="forbid")
