"""What senders submit: the HTTP body of `POST /complaints` and the call-centre topic contract.

Sizes are bounded here so that an oversized message is refused with a reason, never truncated.
"""

from typing import Annotated

from pydantic import Field, model_validator

from closedloop_shared.model import AwareDatetime, Contract
from closedloop_shared.vocabulary import Channel

SiteId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
Description = Annotated[str, Field(min_length=2, max_length=2000)]
RawLocation = Annotated[str, Field(min_length=1, max_length=200)]
AttachmentRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        pattern=r"^([a-z][a-z0-9+.\-]*://[^\s]+|[A-Za-z0-9_.\-/]+)$",
        description="A URL or an object-store key of a photo; never the bytes themselves.",
    ),
]
Attachments = Annotated[list[AttachmentRef], Field(default_factory=list, max_length=10)]


class Reporter(Contract):
    """How to reach the owner. Kept in a restricted store; events carry only a pseudonym."""

    name: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 -]{4,23}$")
    app_user_id: str | None = Field(default=None, min_length=1, max_length=100)
    staff_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="Staff who found the problem."
    )

    @model_validator(mode="after")
    def _reachable(self) -> "Reporter":
        if self.phone is None and self.app_user_id is None and self.staff_id is None:
            raise ValueError("reporter needs a phone, an app_user_id or a staff_id")
        return self


class ComplaintSubmission(Contract):
    """`POST /complaints`: a complaint from the owner app, web, WeChat or staff on site."""

    site_id: SiteId
    location: RawLocation = Field(description="Building/unit as written, e.g. 3栋2单元1202.")
    channel: Channel
    reporter: Reporter
    description: Description
    reported_at: AwareDatetime | None = Field(
        default=None, description="When the owner made contact; defaults to receipt time."
    )
    external_ref: str | None = Field(default=None, min_length=1, max_length=100)
    attachments: Attachments


class InboundComplaint(Contract):
    """`complaints.inbound.v1`: a complaint recorded by a call-centre system."""

    source_system: str = Field(min_length=1, max_length=64)
    ticket_ref: str = Field(min_length=1, max_length=100, description="The call-centre's own id.")
    agent_id: str | None = Field(default=None, max_length=64)
    site_id: SiteId
    location: RawLocation
    caller: Reporter
    description: Description = Field(description="Transcript or agent notes.")
    called_at: AwareDatetime = Field(description="When the owner called: stage 1's clock starts.")


class Extracted(Contract):
    """A field the voice system extracted from speech, with its confidence."""

    value: str = Field(min_length=1, max_length=200)
    confidence: float = Field(ge=0, le=1)


class VoiceExtraction(Contract):
    """What the voice system understood beyond the words; every field optional."""

    location: Extracted | None = None
    category: Extracted | None = None
    urgent: bool | None = None


class VoiceTranscript(Contract):
    """`complaints.voice.v1`: a complaint spoken to the voice system, as text."""

    source_system: str = Field(min_length=1, max_length=64)
    call_id: str = Field(min_length=1, max_length=100, description="The voice system's call id.")
    site_id: SiteId
    caller: Reporter
    transcript: str = Field(min_length=2, max_length=4000)
    called_at: AwareDatetime = Field(description="When the owner called: stage 1's clock starts.")
    extracted: VoiceExtraction = Field(default_factory=VoiceExtraction)
