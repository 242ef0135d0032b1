"""Dead letters on `complaints.deadletter.v1`: what could not be applied, why, and the bytes."""

from pydantic import Field

from closedloop_shared.model import AwareDatetime, Contract


class DeadLetter(Contract):
    """A message no handler could apply after its retries, kept whole for a human or a replay."""

    service: str
    topic: str
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    reason: str = Field(description="What was wrong, in words a sender can act on.")
    error_type: str
    attempts: int
    failed_at: AwareDatetime
    original: str = Field(description="The original bytes, UTF-8 decoded with replacement.")
    original_b64: str = Field(description="The original bytes, base64, for an exact replay.")
