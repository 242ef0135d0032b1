"""Intake settings (prefix `INTAKE_`)."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    """Pseudonymisation key, review threshold, duplicate windows and the HTTP port."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore", frozen=True)

    http_port: int = 8001
    reporter_key: SecretStr = Field(
        default=SecretStr("closedloop-dev-only-reporter-key"),
        description="HMAC key that turns contact details into pseudonymous reporter references.",
    )
    review_below_confidence: float = Field(default=0.5, ge=0, le=1)
    follow_up_window_seconds: float = Field(
        default=7 * 24 * 3600,
        ge=0,
        description="A contact this soon after the reporter's open complaint about the same unit "
        "and category is its follow-up (催办); 0 turns follow-ups off.",
    )
    incident_window_seconds: float = Field(
        default=2 * 3600,
        ge=0,
        description="Facility reports from other units of one building this close together form "
        "one incident; 0 turns incidents off.",
    )
