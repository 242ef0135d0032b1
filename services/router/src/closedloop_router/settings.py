"""Router settings (prefix `ROUTER_`)."""

from pathlib import Path

from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings


class RouterSettings(ServiceSettings):
    """Where the routing rules come from, and the HTTP port."""

    model_config = SettingsConfigDict(env_prefix="ROUTER_", extra="ignore", frozen=True)

    http_port: int = 8002
    rules_file: Path | None = None
    """YAML routing rules loaded into MongoDB at start-up; default: the packaged rules."""
    rules_refresh_seconds: float = 30.0
