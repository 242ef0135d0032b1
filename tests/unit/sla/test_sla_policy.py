"""SLA policy: targets by site and urgency, duration formats, thresholds and their settings."""

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from closedloop_shared.vocabulary import EscalationLevel, Stage
from closedloop_sla.adapters.policy import from_document, read_policy_file, to_document
from closedloop_sla.app import configured_policy
from closedloop_sla.policy import (
    DEFAULT_TARGETS,
    URGENT_TARGETS,
    PolicyFile,
    SiteOverrides,
    SlaPolicy,
    TargetOverrides,
    Thresholds,
)
from closedloop_sla.settings import SlaSettings

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BLUE, YELLOW, RED = EscalationLevel.BLUE, EscalationLevel.YELLOW, EscalationLevel.RED

POLICY_YAML = """
default:
  on_site: PT3H
urgent:
  accept: 300
sites:
  site.north:
    default: {dispatch: PT20M}
    urgent: {on_site: PT30M}
"""


def test_default_targets_are_the_five_stage_targets_of_the_domain():
    """30 min, 1 h, 4 h, 24 h and 3 days, in loop order."""
    assert [DEFAULT_TARGETS.of(s) for s in Stage if s is not Stage.CLOSED] == [
        timedelta(minutes=30),
        timedelta(hours=1),
        timedelta(hours=4),
        timedelta(hours=24),
        timedelta(days=3),
    ]


def test_urgent_targets_are_shorter_at_every_stage():
    """Every urgent target is shorter than the default one."""
    stages = [s for s in Stage if s is not Stage.CLOSED]

    assert all(URGENT_TARGETS.of(s) < DEFAULT_TARGETS.of(s) for s in stages)


def test_site_override_replaces_only_the_stages_it_names():
    """A site's partial override keeps the group's other targets."""
    policy = SlaPolicy(
        sites={"site-a": SiteOverrides(default=TargetOverrides(on_site=timedelta(hours=2)))}
    )

    targets = policy.targets("site-a", urgent=False)

    assert targets.on_site == timedelta(hours=2)
    assert targets.dispatch == DEFAULT_TARGETS.dispatch
    assert policy.targets("site-a", urgent=True) == URGENT_TARGETS


def test_unknown_site_gets_the_group_targets():
    """A site without overrides uses the default and urgent targets."""
    policy = SlaPolicy(sites={"site-a": SiteOverrides(urgent=TargetOverrides(accept=60))})

    assert policy.targets("site-z", urgent=False) == DEFAULT_TARGETS
    assert policy.targets("site-z", urgent=True) == URGENT_TARGETS


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (90, timedelta(seconds=90)),
        (0.5, timedelta(milliseconds=500)),
        ("PT30M", timedelta(minutes=30)),
        ("P3D", timedelta(days=3)),
    ],
)
def test_durations_are_seconds_or_iso_8601(given, expected):
    """A target may be written in seconds or as an ISO 8601 duration."""
    assert TargetOverrides.model_validate({"accept": given}).accept == expected


@pytest.mark.parametrize("given", [0, -5, "PT0S"])
def test_targets_must_be_positive(given):
    """A zero or negative target is refused."""
    with pytest.raises(ValidationError, match="longer than zero"):
        TargetOverrides.model_validate({"feedback": given})


def test_unknown_stage_names_are_refused():
    """A typo in a stage name is an error, not a silently ignored key."""
    with pytest.raises(ValidationError):
        TargetOverrides.model_validate({"onsite": 60})


def test_policy_file_is_laid_over_the_built_in_targets(tmp_path):
    """The YAML file's default, urgent and site overrides replace only what they name."""
    path = tmp_path / "sla.yaml"
    path.write_text(POLICY_YAML, encoding="utf-8")

    policy = SlaPolicy.resolve(read_policy_file(path))

    assert policy.default.on_site == timedelta(hours=3)
    assert policy.default.dispatch == timedelta(hours=1)
    assert policy.urgent.accept == timedelta(minutes=5)
    assert policy.targets("site.north", urgent=False).dispatch == timedelta(minutes=20)
    assert policy.targets("site.north", urgent=True).on_site == timedelta(minutes=30)


def test_no_policy_file_means_the_built_in_policy():
    """Without a file the policy is DOMAIN.md's."""
    assert SlaPolicy.resolve(read_policy_file(None)) == SlaPolicy()


def test_environment_policy_overrides_the_file(tmp_path, monkeypatch):
    """`SLA_DEFAULT_POLICY` (JSON seconds) wins over the file, which wins over the built-in."""
    path = tmp_path / "sla.yaml"
    path.write_text(POLICY_YAML, encoding="utf-8")
    monkeypatch.setenv("SLA_POLICY_FILE", str(path))
    monkeypatch.setenv("SLA_DEFAULT_POLICY", '{"accept": 2, "dispatch": 2}')
    monkeypatch.setenv("SLA_URGENT_POLICY", '{"dispatch": 1}')

    policy = configured_policy(SlaSettings())

    assert policy.default.accept == timedelta(seconds=2)
    assert policy.default.dispatch == timedelta(seconds=2)
    assert policy.default.on_site == timedelta(hours=3)
    assert policy.urgent.dispatch == timedelta(seconds=1)
    assert policy.urgent.accept == timedelta(minutes=5)


def test_stored_policy_document_round_trips():
    """The MongoDB document reads back as the same policy, site ids with dots included."""
    overrides = {"sites": {"a.b": {"default": {"feedback": "PT12H"}}}}
    policy = SlaPolicy.resolve(PolicyFile.model_validate(overrides))

    doc = to_document(policy)

    assert [s["site_id"] for s in doc["sites"]] == ["a.b"]
    assert from_document(doc) == policy


def test_thresholds_schedule_blue_yellow_red():
    """Blue at 75% of the target, yellow at the deadline, red one target later."""
    schedule = Thresholds().schedule(T0, timedelta(hours=4), severe=False)

    assert schedule == {
        BLUE: T0 + timedelta(hours=3),
        YELLOW: T0 + timedelta(hours=4),
        RED: T0 + timedelta(hours=8),
    }


def test_severe_complaints_go_red_after_the_severe_factor():
    """Urgent or reopened complaints use `severe_red_factor` for red."""
    schedule = Thresholds(severe_red_factor=0.25).schedule(T0, timedelta(hours=4), severe=True)

    assert schedule[RED] == T0 + timedelta(hours=5)


def test_schedule_instants_are_whole_milliseconds():
    """Instants are cut to milliseconds, as MongoDB stores them, so stored and computed agree."""
    schedule = Thresholds().schedule(
        T0 + timedelta(microseconds=123_456), timedelta(seconds=1), severe=False
    )

    assert all(at.microsecond % 1000 == 0 for at in schedule.values())


@pytest.mark.parametrize("fraction", [0, 1, 1.5])
def test_blue_fraction_lies_strictly_between_zero_and_one(fraction):
    """Blue must come after the start and before the deadline."""
    with pytest.raises(ValidationError):
        Thresholds(blue_fraction=fraction)


def test_red_is_turned_off_as_a_whole():
    """Turning off red for normal but not for severe complaints is refused."""
    with pytest.raises(ValidationError, match="together"):
        Thresholds(red_factor=None)


def test_settings_defaults(monkeypatch):
    """Port 8003, a 5 s tick, and blue 75% / red 1x (0.5x severe)."""
    for name in ("SLA_TICK_SECONDS", "SLA_BLUE_FRACTION", "SLA_RED_FACTOR", "SLA_HTTP_PORT"):
        monkeypatch.delenv(name, raising=False)

    settings = SlaSettings()

    assert (settings.http_port, settings.tick_seconds) == (8003, 15.0)
    assert settings.thresholds() == Thresholds()


def test_settings_turn_blue_and_red_off(monkeypatch):
    """`SLA_BLUE_ENABLED=false` and `SLA_RED_ENABLED=false` leave only yellow."""
    monkeypatch.setenv("SLA_BLUE_ENABLED", "false")
    monkeypatch.setenv("SLA_RED_ENABLED", "false")

    schedule = SlaSettings().thresholds().schedule(T0, timedelta(seconds=2), severe=True)

    assert list(schedule) == [YELLOW]


def test_settings_tune_the_thresholds(monkeypatch):
    """`SLA_BLUE_FRACTION`, `SLA_RED_FACTOR` and `SLA_TICK_SECONDS` come from the environment."""
    monkeypatch.setenv("SLA_BLUE_FRACTION", "0.5")
    monkeypatch.setenv("SLA_RED_FACTOR", "100")
    monkeypatch.setenv("SLA_TICK_SECONDS", "0.2")

    settings = SlaSettings()

    assert settings.tick_seconds == 0.2
    assert settings.thresholds() == Thresholds(blue_fraction=0.5, red_factor=100)
