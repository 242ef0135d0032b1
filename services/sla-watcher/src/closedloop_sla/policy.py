"""SLA policy: per-stage targets (group defaults, urgent, per-site overrides) and thresholds.

Durations are seconds (int or float) or ISO 8601 durations (`PT30M`, `PT4H`, `P3D`), as pydantic
reads a `timedelta`. Every level of the policy is partial and laid over the one below it: built-in
(DOMAIN.md) < policy file < environment, and a site's override < nothing (it wins for its site).

Red reads DOMAIN.md's "severe (long overdue, urgent, or repeated)" as: red fires `red_factor` x
target past the deadline, and sooner (`severe_red_factor`) when the complaint is urgent, was
reopened at least once, or was chased by its owner (follow-ups, 催办) `repeated_follow_ups` times;
the follow-up that reaches that count also brings the running stage's red forward.
"""

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from closedloop_shared.vocabulary import EscalationLevel, Stage


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError("a stage target must be longer than zero")
    return value


Duration = Annotated[timedelta, AfterValidator(_positive)]
"""A positive duration: seconds, or an ISO 8601 duration such as `PT30M`."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TargetOverrides(_Frozen):
    """Some stages' targets; the stages left out keep the targets underneath."""

    accept: Duration | None = None
    dispatch: Duration | None = None
    on_site: Duration | None = None
    feedback: Duration | None = None
    follow_up: Duration | None = None


class Targets(_Frozen):
    """How long each of the five stages may take."""

    accept: Duration
    dispatch: Duration
    on_site: Duration
    feedback: Duration
    follow_up: Duration

    def of(self, stage: Stage) -> timedelta:
        """The target of `stage` (which must be one of the five clocked stages)."""
        target: timedelta = getattr(self, stage.value)
        return target

    def over(self, overrides: TargetOverrides | None) -> "Targets":
        """These targets with `overrides`' stages replaced."""
        if overrides is None:
            return self
        return self.model_copy(update=overrides.model_dump(exclude_none=True))


DEFAULT_TARGETS = Targets(
    accept=timedelta(minutes=30),
    dispatch=timedelta(hours=1),
    on_site=timedelta(hours=4),
    feedback=timedelta(hours=24),
    follow_up=timedelta(days=3),
)
"""DOMAIN.md's five-stage targets."""

URGENT_TARGETS = Targets(
    accept=timedelta(minutes=10),
    dispatch=timedelta(minutes=15),
    on_site=timedelta(hours=1),
    feedback=timedelta(hours=4),
    follow_up=timedelta(days=1),
)
"""Shorter clocks for danger to people or property."""


class SiteOverrides(_Frozen):
    """One site's departures from the group's targets."""

    default: TargetOverrides = TargetOverrides()
    urgent: TargetOverrides = TargetOverrides()


class PolicyFile(_Frozen):
    """The YAML policy file: every part optional, laid over the built-in targets."""

    default: TargetOverrides = TargetOverrides()
    urgent: TargetOverrides = TargetOverrides()
    sites: dict[str, SiteOverrides] = Field(default_factory=dict)


class SlaPolicy(_Frozen):
    """The targets in force: group defaults, urgent targets, and per-site overrides."""

    default: Targets = DEFAULT_TARGETS
    urgent: Targets = URGENT_TARGETS
    sites: dict[str, SiteOverrides] = Field(default_factory=dict)

    def targets(self, site_id: str, *, urgent: bool) -> Targets:
        """The targets for a complaint at `site_id`."""
        site = self.sites.get(site_id)
        if urgent:
            return self.urgent.over(site.urgent if site else None)
        return self.default.over(site.default if site else None)

    @classmethod
    def resolve(
        cls,
        file: PolicyFile,
        *,
        default: TargetOverrides | None = None,
        urgent: TargetOverrides | None = None,
    ) -> "SlaPolicy":
        """Built-in targets, overridden by `file`, overridden by `default`/`urgent`."""
        return cls(
            default=DEFAULT_TARGETS.over(file.default).over(default),
            urgent=URGENT_TARGETS.over(file.urgent).over(urgent),
            sites=file.sites,
        )


ESCALATE_TO: dict[EscalationLevel, str] = {
    EscalationLevel.BLUE: "department",
    EscalationLevel.YELLOW: "supervisor",
    EscalationLevel.RED: "site_manager",
}
"""Who each level tells."""


class Thresholds(_Frozen):
    """When each level fires, relative to a stage's start, deadline and target; None = off."""

    blue_fraction: float | None = Field(default=0.75, gt=0, lt=1)
    red_factor: float | None = Field(default=1.0, ge=0)
    severe_red_factor: float | None = Field(default=0.5, ge=0)
    repeated_follow_ups: int | None = Field(default=2, ge=1)

    def chased(self, follow_ups: int) -> bool:
        """True when the owner chased a complaint often enough for red to come sooner."""
        return self.repeated_follow_ups is not None and follow_ups >= self.repeated_follow_ups

    @model_validator(mode="after")
    def _red_together(self) -> "Thresholds":
        if (self.red_factor is None) != (self.severe_red_factor is None):
            raise ValueError("red_factor and severe_red_factor are turned off together")
        return self

    def schedule(
        self, started_at: datetime, target: timedelta, *, severe: bool
    ) -> dict[EscalationLevel, datetime]:
        """The instant each enabled level fires for a clock started at `started_at`."""
        due = started_at + target
        levels = {EscalationLevel.YELLOW: due}
        if self.blue_fraction is not None:
            levels[EscalationLevel.BLUE] = started_at + target * self.blue_fraction
        factor = self.severe_red_factor if severe else self.red_factor
        if factor is not None:
            levels[EscalationLevel.RED] = due + target * factor
        return {level: _to_millis(levels[level]) for level in EscalationLevel if level in levels}


def _to_millis(instant: datetime) -> datetime:
    # MongoDB keeps milliseconds: instants compared with the stored `due_at` must not have more.
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)
