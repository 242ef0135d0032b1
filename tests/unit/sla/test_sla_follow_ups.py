"""Repeated follow-ups (催办) make red come sooner: DOMAIN.md's red is for the "repeated" too."""

from datetime import UTC, datetime, timedelta

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import ComplaintFollowedUp
from closedloop_shared.vocabulary import Channel, EscalationLevel, Stage
from closedloop_sla.domain import ComplaintClocks, Decision, decide
from closedloop_sla.policy import SlaPolicy, Thresholds
from closedloop_sla.settings import SlaSettings

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
RED = EscalationLevel.RED


def apply(state, event: CloudEvent, policy: SlaPolicy, thresholds: Thresholds) -> Decision:
    """`decide` for an event the watcher can place."""
    decision = decide(state, event, event.payload(), policy, thresholds)
    assert decision is not None
    return decision


def chase(story, at: datetime, n: int) -> CloudEvent:
    """The owner's n-th follow-up, at `at`."""
    data = ComplaintFollowedUp(
        follow_up_id=f"f-{n}", channel=Channel.PHONE, description="还没修好", reported_at=at
    )
    return story.event(data, at, f"followed_up:{n}")


def on_site(story, policy: SlaPolicy, thresholds: Thresholds) -> ComplaintClocks:
    """The complaint received at T0 and dispatched ten minutes later (on-site clock: 4 h)."""
    state = apply(None, story.received(), policy, thresholds).state
    return apply(state, story.assigned(T0 + 10 * timedelta(minutes=1)), policy, thresholds).state


def red_at(state: ComplaintClocks) -> datetime:
    """When the running clock's red fires."""
    assert state.clock is not None
    return state.clock.pending[RED]


def test_follow_ups_are_counted_and_keep_the_stage(story, policy, thresholds) -> None:
    """A follow-up moves no clock; the watcher counts it."""
    state = on_site(story, policy, thresholds)
    after = apply(state, chase(story, T0 + HOUR, 1), policy, thresholds).state
    assert after.follow_ups == 1
    assert after.stage is Stage.ON_SITE
    assert after.clock == state.clock


def test_the_second_follow_up_brings_the_running_stages_red_forward(
    story, policy, thresholds
) -> None:
    """Chased twice, the on-site red comes half a target after the deadline, not a whole one."""
    state = on_site(story, policy, thresholds)
    started = T0 + 10 * timedelta(minutes=1)
    assert red_at(state) == started + 8 * HOUR
    once = apply(state, chase(story, T0 + HOUR, 1), policy, thresholds).state
    twice = apply(once, chase(story, T0 + 2 * HOUR, 2), policy, thresholds).state
    assert red_at(twice) == started + 6 * HOUR
    assert twice.next_due() is not None


def test_later_stages_of_a_chased_complaint_are_severe_too(story, policy, thresholds) -> None:
    """After two follow-ups the feedback stage's red is scheduled at the severe factor."""
    state = on_site(story, policy, thresholds)
    for n in (1, 2):
        state = apply(state, chase(story, T0 + n * HOUR, n), policy, thresholds).state
    fixed_at = T0 + 3 * HOUR
    state = apply(state, story.fixed(fixed_at), policy, thresholds).state
    assert red_at(state) == fixed_at + 24 * HOUR + 12 * HOUR


def test_without_red_or_with_the_rule_off_follow_ups_change_no_clock(story, policy) -> None:
    """Red turned off, or `SLA_REPEATED_FOLLOW_UPS` unset: only the count changes."""
    for thresholds in (
        Thresholds(red_factor=None, severe_red_factor=None),
        Thresholds(repeated_follow_ups=None),
    ):
        state = on_site(story, policy, thresholds)
        for n in (1, 2, 3):
            state = apply(state, chase(story, T0 + n * HOUR, n), policy, thresholds).state
        assert state.follow_ups == 3
        assert state.clock == on_site(story, policy, thresholds).clock


def test_the_setting_defaults_to_two_follow_ups_and_zero_turns_it_off(monkeypatch) -> None:
    """`SLA_REPEATED_FOLLOW_UPS`: 2 out of the box; 0 means follow-ups never hasten red."""
    monkeypatch.delenv("SLA_REPEATED_FOLLOW_UPS", raising=False)
    assert SlaSettings().thresholds().repeated_follow_ups == 2
    monkeypatch.setenv("SLA_REPEATED_FOLLOW_UPS", "0")
    assert SlaSettings().thresholds().repeated_follow_ups is None
