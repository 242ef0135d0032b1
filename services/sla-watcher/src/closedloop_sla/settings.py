"""SLA watcher settings (prefix `SLA_`).

Targets come from the built-in DOMAIN.md policy, overridden by `SLA_POLICY_FILE` (YAML),
overridden by `SLA_DEFAULT_POLICY` / `SLA_URGENT_POLICY` (JSON in seconds, e.g.
`{"accept": 2, "dispatch": 2}`), which is how tests shorten every clock.
"""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from closedloop_shared.settings import ServiceSettings
from closedloop_sla.policy import TargetOverrides, Thresholds


class SlaSettings(ServiceSettings):
    """Where the policy comes from, the escalation thresholds, and the ticker's pace."""

    model_config = SettingsConfigDict(env_prefix="SLA_", extra="ignore", frozen=True)

    http_port: int = 8003
    policy_file: Path | None = None
    """YAML policy (`default:`, `urgent:`, `sites:`) loaded into MongoDB at start-up."""
    default_policy: TargetOverrides | None = None
    urgent_policy: TargetOverrides | None = None
    policy_refresh_seconds: float = Field(default=30.0, gt=0)

    # Each tick is one query for due clocks; on FerretDB v1 that query scans the collection, so
    # a tick well under the targets' minutes scale costs CPU for no earlier escalation.
    tick_seconds: float = Field(default=15.0, gt=0)
    tick_batch: int = Field(default=100, ge=1, description="Complaints fired per database query.")

    blue_fraction: float = Field(default=0.75, gt=0, lt=1)
    """Blue fires when this fraction of a stage's target has passed."""
    red_factor: float = Field(default=1.0, ge=0)
    """Red fires this many targets after the deadline."""
    severe_red_factor: float = Field(default=0.5, ge=0)
    """The same for urgent or reopened complaints: red comes sooner."""
    blue_enabled: bool = True
    red_enabled: bool = True
    repeated_follow_ups: int = Field(default=2, ge=0)
    """After this many follow-ups (催办) red comes sooner, as for urgent complaints; 0: never."""

    def thresholds(self) -> Thresholds:
        """The escalation thresholds these settings ask for."""
        return Thresholds(
            blue_fraction=self.blue_fraction if self.blue_enabled else None,
            red_factor=self.red_factor if self.red_enabled else None,
            severe_red_factor=self.severe_red_factor if self.red_enabled else None,
            repeated_follow_ups=self.repeated_follow_ups or None,
        )
