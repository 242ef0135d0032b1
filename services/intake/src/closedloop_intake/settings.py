"""Intake settings (prefix `INTAKE_`)."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    """Pseudonymisation key, review threshold and the HTTP port."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore", frozen=True)

    http_port: int = 8001
    reporter_key: SecretStr = Field(
        default=SecretStr("closedloop-dev-only-reporter-key"),
        description="HMAC key that turns contact details into pseudonymous reporter references.",
    )
    review_below_confidence: float = Field(default=0.5, ge=0, le=1)
