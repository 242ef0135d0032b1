"""The settings every service shares, read from the environment at start-up (never at import).

Infrastructure endpoints and API keys use un-prefixed names shared by all services
(`KAFKA_BOOTSTRAP_SERVERS`, `MONGODB_URI`, `MONGODB_DATABASE`, `CLOSEDLOOP_API_KEYS`); everything
else takes the service's prefix (`INTAKE_`, `ROUTER_`, `SLA_`, `FEEDBACK_`, `PROJECTION_`).
"""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from closedloop_shared.auth import ApiKey


class ServiceSettings(BaseSettings):
    """Base of each service's settings class, which sets `env_prefix`."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", validation_alias="KAFKA_BOOTSTRAP_SERVERS"
    )
    mongodb_uri: str = Field(default="mongodb://127.0.0.1:27017", validation_alias="MONGODB_URI")
    mongodb_database: str = Field(default="closedloop", validation_alias="MONGODB_DATABASE")
    topic_namespace: str = Field(
        default="",
        pattern=r"^([a-z0-9][a-z0-9_-]*\.)?$",
        validation_alias="CLOSEDLOOP_TOPIC_NAMESPACE",
        description="Prefix of every topic and consumer group, e.g. `staging.`; empty in prod.",
    )
    api_keys: list[ApiKey] = Field(default_factory=list, validation_alias="CLOSEDLOOP_API_KEYS")
    log_level: str = Field(default="INFO", validation_alias="LOG_LEVEL")
    log_json: bool | None = Field(
        default=None, validation_alias="LOG_JSON", description="Default: JSON unless a terminal."
    )

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    max_body_bytes: int = Field(default=64 * 1024, gt=0, description="Larger bodies get 413.")
    max_header_bytes: int = Field(default=16 * 1024, gt=0, description="Larger headers: 400.")
    max_attempts: int = Field(default=3, ge=1, description="Tries per message before dead-letter.")
    retry_backoff_seconds: float = Field(default=0.2, ge=0)
    outbox_relay_seconds: float = Field(
        default=60.0, gt=0, description="How often events a failed publish left behind are retried."
    )
