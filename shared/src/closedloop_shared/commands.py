"""Commands from staff and owners on `complaints.commands.v1` (also accepted over HTTP).

A command asks; the owning service decides and answers with lifecycle events or a refusal.
`command_id` is the sender's idempotency key: the same id twice is applied once.
"""

from typing import Annotated, Literal

from pydantic import Field, RootModel

from closedloop_shared.model import AwareDatetime, Contract

Text = Annotated[str, Field(min_length=1, max_length=2000)]


class CommandBase(Contract):
    """What every command carries."""

    command_id: str = Field(min_length=1, max_length=100)
    complaint_id: str = Field(min_length=1, max_length=100)
    site_id: str = Field(min_length=1, max_length=64)
    actor: str = Field(min_length=1, max_length=100, description="Staff id or owner reference.")
    issued_at: AwareDatetime

    @property
    def cause(self) -> str:
        """The cause id of what this command produces: unique per complaint and command id."""
        return f"command:{self.complaint_id}:{self.command_id}"


class ReportOnSiteFix(CommandBase):
    """Staff report that they were on site and the initial fix is done (ends stage 3)."""

    type: Literal["report_on_site_fix"] = "report_on_site_fix"
    note: Text


class ResolveComplaint(CommandBase):
    """Staff report the solution given to the owner (ends stage 4)."""

    type: Literal["resolve"] = "resolve"
    resolution: Text


class TransferComplaint(CommandBase):
    """Hand the complaint to another department (it keeps its stage)."""

    type: Literal["transfer"] = "transfer"
    department: str = Field(min_length=1, max_length=64)
    reason: Text


class AnswerSurvey(CommandBase):
    """The owner's answer to the satisfaction follow-up (ends stage 5)."""

    type: Literal["answer_survey"] = "answer_survey"
    satisfied: bool
    score: int | None = Field(default=None, ge=1, le=5)
    comment: str = Field(default="", max_length=2000)


Command = Annotated[
    ReportOnSiteFix | ResolveComplaint | TransferComplaint | AnswerSurvey,
    Field(discriminator="type"),
]


class CommandMessage(RootModel[Command]):
    """A command as it travels on the topic: one of the above, told apart by `type`."""
