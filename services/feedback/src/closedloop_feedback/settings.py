"""Feedback settings (prefix `FEEDBACK_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings

THREE_DAYS = 3 * 24 * 3600


class FeedbackSettings(ServiceSettings):
    """The follow-up window, the deadline timer and the HTTP port."""

    model_config = SettingsConfigDict(env_prefix="FEEDBACK_", extra="ignore", frozen=True)

    http_port: int = 8004
    response_window_seconds: float = Field(
        default=THREE_DAYS, gt=0, description="How long after ComplaintResolved an answer counts."
    )
    tick_seconds: float = Field(
        default=30.0, gt=0, description="How often the timer sends owed requests and closes."
    )
    due_batch_size: int = Field(default=100, ge=1, description="Records the timer takes per tick.")
