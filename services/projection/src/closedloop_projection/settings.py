"""Projection settings (prefix `PROJECTION_`)."""

from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings


class ProjectionSettings(ServiceSettings):
    """The HTTP port and page size of the query API."""

    model_config = SettingsConfigDict(env_prefix="PROJECTION_", extra="ignore", frozen=True)

    http_port: int = 8005
    max_page_size: int = 200
