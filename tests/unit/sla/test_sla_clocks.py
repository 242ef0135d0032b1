"""The watcher's pure core: stage clocks start, stop and fire levels at injected instants."""

from datetime import UTC, datetime, timedelta

from closedloop_shared.vocabulary import EscalationLevel, Stage
from closedloop_sla.domain import ComplaintClocks, Decision, decide, due_escalations
from closedloop_sla.policy import SiteOverrides, SlaPolicy, TargetOverrides, Thresholds
from closedloop_sla.service import envelope

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
BLUE, YELLOW, RED = EscalationLevel.BLUE, EscalationLevel.YELLOW, EscalationLevel.RED


def fired(decision: Decision) -> list[tuple[Stage, int, EscalationLevel]]:
    """(stage, round, level) of each escalation, in order."""
    return [(e.data.stage, e.data.round, e.data.level) for e in decision.escalations]


def apply(state, event, policy, thresholds) -> Decision:
    """`decide` for an event the watcher can place."""
    decision = decide(state, event, event.payload(), policy, thresholds)
    assert decision is not None
    return decision


def dispatching(story, policy, thresholds, **received) -> ComplaintClocks:
    """The state right after the complaint was received at T0."""
    return apply(None, story.received(**received), policy, thresholds).state


def on_site(story, policy, thresholds, at=T0 + 10 * MINUTE) -> ComplaintClocks:
    """The state right after the complaint was dispatched at `at`."""
    state = dispatching(story, policy, thresholds)
    return apply(state, story.assigned(at), policy, thresholds).state


def test_received_starts_dispatch_clock_at_event_time(story, policy, thresholds):
    """Receipt ends stage 1 and starts the dispatch clock at the event's time, due 1 h later."""
    state = dispatching(story, policy, thresholds)

    assert state.stage is Stage.DISPATCH
    assert state.clock is not None
    assert state.clock.stage is Stage.DISPATCH
    assert state.clock.started_at == T0
    assert state.clock.due_at == T0 + HOUR


def test_each_stage_deadline_follows_the_default_policy(story, policy, thresholds):
    """Each stage's deadline is its DOMAIN.md target after the event that started it."""
    state = dispatching(story, policy, thresholds)
    steps = [
        (story.assigned(T0 + MINUTE), Stage.ON_SITE, 4 * HOUR),
        (story.fixed(T0 + 2 * MINUTE), Stage.FEEDBACK, 24 * HOUR),
        (story.resolved(T0 + 3 * MINUTE), Stage.FOLLOW_UP, timedelta(days=3)),
    ]
    for event, stage, target in steps:
        state = apply(state, event, policy, thresholds).state
        assert state.clock is not None
        assert (state.clock.stage, state.clock.due_at) == (stage, event.time + target)


def test_urgent_complaint_gets_the_urgent_deadlines(story, policy, thresholds):
    """An urgent complaint's dispatch clock is due after the urgent target (15 min)."""
    state = dispatching(story, policy, thresholds, urgent=True)

    assert state.clock is not None
    assert state.clock.due_at == T0 + 15 * MINUTE


def test_site_override_changes_only_its_site_and_stages(story, make_story, thresholds):
    """A site's override moves its own dispatch deadline; other sites keep the default."""
    policy = SlaPolicy(
        sites={"site-a": SiteOverrides(default=TargetOverrides(dispatch=timedelta(minutes=20)))}
    )
    here = dispatching(story, policy, thresholds)
    elsewhere = dispatching(make_story("c-2", "site-b"), policy, thresholds)

    assert here.clock is not None
    assert elsewhere.clock is not None
    assert here.clock.due_at == T0 + 20 * MINUTE
    assert elsewhere.clock.due_at == T0 + HOUR


def test_nothing_fires_before_the_blue_threshold(story, policy, thresholds):
    """Before 75% of the target has passed, no level fires."""
    state = dispatching(story, policy, thresholds)

    decision = due_escalations(state, T0 + 44 * MINUTE)

    assert decision.escalations == ()
    assert decision.state == state


def test_blue_fires_at_three_quarters_of_the_target_to_the_department(story, policy, thresholds):
    """Blue fires at 75% of the target, before the deadline, and tells the department."""
    state = dispatching(story, policy, thresholds)

    [blue] = due_escalations(state, T0 + 45 * MINUTE).escalations

    assert blue.data.level is BLUE
    assert blue.data.stage is Stage.DISPATCH
    assert blue.data.escalate_to == "department"
    assert blue.data.due_at == T0 + HOUR
    assert blue.data.overdue_seconds == -15 * 60
    assert blue.at == T0 + 45 * MINUTE


def test_yellow_fires_at_the_deadline_to_the_supervisor(story, policy, thresholds):
    """Yellow fires at the deadline with zero seconds overdue and tells the supervisor."""
    state = due_escalations(dispatching(story, policy, thresholds), T0 + 45 * MINUTE).state

    [yellow] = due_escalations(state, T0 + HOUR).escalations

    assert (yellow.data.level, yellow.data.escalate_to) == (YELLOW, "supervisor")
    assert yellow.data.overdue_seconds == 0


def test_red_fires_one_target_past_the_deadline_to_the_site_manager(story, policy, thresholds):
    """Red fires one whole target after the deadline and tells the site manager."""
    state = due_escalations(dispatching(story, policy, thresholds), T0 + HOUR).state

    assert due_escalations(state, T0 + 2 * HOUR - MINUTE).escalations == ()
    [red] = due_escalations(state, T0 + 2 * HOUR).escalations

    assert (red.data.level, red.data.escalate_to) == (RED, "site_manager")
    assert red.data.overdue_seconds == 3600


def test_red_comes_sooner_for_urgent_complaints(story, policy, thresholds):
    """An urgent complaint goes red half a target past its deadline."""
    state = dispatching(story, policy, thresholds, urgent=True)
    state = due_escalations(state, T0 + 15 * MINUTE).state

    [red] = due_escalations(state, T0 + 22 * MINUTE + timedelta(seconds=30)).escalations

    assert red.data.level is RED
    assert red.data.overdue_seconds == 450


def test_a_late_tick_fires_every_passed_level_in_order(story, policy, thresholds):
    """A tick long after the thresholds fires blue, yellow and red at once, in that order."""
    state = dispatching(story, policy, thresholds)

    decision = due_escalations(state, T0 + 5 * HOUR)

    assert [level for _, _, level in fired(decision)] == [BLUE, YELLOW, RED]
    assert [e.at for e in decision.escalations] == [T0 + 45 * MINUTE, T0 + HOUR, T0 + 2 * HOUR]


def test_each_level_fires_at_most_once(story, policy, thresholds):
    """A level that fired does not fire again at a later tick."""
    state = due_escalations(dispatching(story, policy, thresholds), T0 + HOUR).state

    decision = due_escalations(state, T0 + HOUR + MINUTE)

    assert decision.escalations == ()


def test_next_due_is_the_next_pending_level(story, policy, thresholds):
    """The record's due instant is the next level to fire, and None once all have fired."""
    state = dispatching(story, policy, thresholds)
    assert state.next_due() == T0 + 45 * MINUTE

    state = due_escalations(state, T0 + 45 * MINUTE).state
    assert state.next_due() == T0 + HOUR

    state = due_escalations(state, T0 + 2 * HOUR).state
    assert state.next_due() is None


def test_a_stage_that_ends_in_time_stops_its_clock(story, policy, thresholds):
    """Dispatch done in time: its levels are dropped and only the on-site clock runs."""
    state = on_site(story, policy, thresholds, at=T0 + 10 * MINUTE)

    decision = due_escalations(state, T0 + 2 * HOUR)

    assert fired(decision) == []
    assert state.clock is not None
    assert state.clock.stage is Stage.ON_SITE
    assert state.next_due() == T0 + 10 * MINUTE + 3 * HOUR


def test_stage_end_catches_up_levels_the_ticker_had_not_fired(story, policy, thresholds):
    """Dispatch ended past its deadline: blue and yellow fire when that is seen; red is dropped."""
    state = dispatching(story, policy, thresholds)

    decision = apply(state, story.assigned(T0 + 70 * MINUTE), policy, thresholds)

    assert fired(decision) == [(Stage.DISPATCH, 0, BLUE), (Stage.DISPATCH, 0, YELLOW)]
    assert decision.state.clock is not None
    assert decision.state.clock.stage is Stage.ON_SITE


def test_catch_up_does_not_repeat_levels_already_fired(story, policy, thresholds):
    """Levels the ticker fired are not fired again when the stage ends."""
    state = due_escalations(dispatching(story, policy, thresholds), T0 + 50 * MINUTE).state

    decision = apply(state, story.assigned(T0 + 70 * MINUTE), policy, thresholds)

    assert fired(decision) == [(Stage.DISPATCH, 0, YELLOW)]


def test_a_stage_ending_exactly_at_its_deadline_is_on_time(story, policy, thresholds):
    """Ending at the deadline itself is not a breach: blue catches up, yellow does not fire."""
    state = dispatching(story, policy, thresholds)

    decision = apply(state, story.assigned(T0 + HOUR), policy, thresholds)

    assert fired(decision) == [(Stage.DISPATCH, 0, BLUE)]


def test_accept_stage_on_time_fires_nothing(story, policy, thresholds):
    """A complaint recorded 5 min after contact is within the 30 min accept target."""
    decision = apply(None, story.received(contact=5 * MINUTE), policy, thresholds)

    assert decision.escalations == ()


def test_late_acceptance_fires_the_passed_accept_levels_at_receipt(story, policy, thresholds):
    """Recorded 40 min after contact: accept blue and yellow fire at once; red is dropped."""
    decision = apply(None, story.received(contact=40 * MINUTE), policy, thresholds)

    assert fired(decision) == [(Stage.ACCEPT, 0, BLUE), (Stage.ACCEPT, 0, YELLOW)]
    blue, yellow = decision.escalations
    assert blue.at == T0 - 40 * MINUTE + timedelta(minutes=22, seconds=30)
    assert yellow.data.due_at == T0 - 10 * MINUTE
    assert yellow.data.overdue_seconds == 0


def test_very_late_acceptance_goes_red(story, policy, thresholds):
    """Recorded more than two targets after contact: accept goes blue, yellow and red."""
    decision = apply(None, story.received(contact=2 * HOUR), policy, thresholds)

    assert [e.data.level for e in decision.escalations] == [BLUE, YELLOW, RED]
    assert decision.state.clock is not None
    assert decision.state.clock.stage is Stage.DISPATCH


def test_transfer_keeps_the_stage_and_its_clock(story, policy, thresholds):
    """A transfer to another department neither restarts nor stops the on-site clock."""
    state = on_site(story, policy, thresholds)

    decision = apply(state, story.transferred(T0 + 2 * HOUR), policy, thresholds)

    assert decision.escalations == ()
    assert decision.state == state


def test_survey_keeps_the_follow_up_clock(story, policy, thresholds):
    """The survey answer alone does not stop the follow-up clock; close or reopen does."""
    state = on_site(story, policy, thresholds)
    for event in (story.fixed(T0 + HOUR), story.resolved(T0 + 2 * HOUR)):
        state = apply(state, event, policy, thresholds).state

    decision = apply(state, story.surveyed(T0 + 3 * HOUR, satisfied=True), policy, thresholds)

    assert decision.state == state


def test_closing_stops_the_last_clock(story, policy, thresholds):
    """A closed complaint has no clock and nothing due."""
    state = on_site(story, policy, thresholds)

    state = apply(state, story.closed(T0 + HOUR), policy, thresholds).state

    assert state.stage is Stage.CLOSED
    assert state.clock is None
    assert state.next_due() is None


def test_reopening_starts_round_one_dispatch_clock(story, policy, thresholds):
    """A reopened complaint gets a new dispatch clock of round 1 from the reopening."""
    state = on_site(story, policy, thresholds)
    for event in (story.fixed(T0 + HOUR), story.resolved(T0 + 2 * HOUR)):
        state = apply(state, event, policy, thresholds).state
    reopen_at = T0 + 5 * HOUR

    state = apply(state, story.reopened(reopen_at), policy, thresholds).state

    assert (state.stage, state.round) == (Stage.DISPATCH, 1)
    assert state.clock is not None
    assert (state.clock.round, state.clock.due_at) == (1, reopen_at + HOUR)


def test_a_reopened_round_fires_its_own_levels(story, policy, thresholds):
    """Levels fired in round 0 fire again in round 1, with round 1 and a new event id."""
    state = dispatching(story, policy, thresholds)
    first = due_escalations(state, T0 + 45 * MINUTE)
    state = first.state
    for event in (
        story.assigned(T0 + 50 * MINUTE),
        story.fixed(T0 + HOUR),
        story.resolved(T0 + 2 * HOUR),
        story.reopened(T0 + 5 * HOUR),
    ):
        state = apply(state, event, policy, thresholds).state

    again = due_escalations(state, T0 + 5 * HOUR + 45 * MINUTE)

    assert fired(again) == [(Stage.DISPATCH, 1, BLUE)]
    [before], [after] = first.escalations, again.escalations
    assert envelope(state, before).id != envelope(state, after).id


def test_reopened_complaints_go_red_sooner(story, policy, thresholds):
    """A repeated complaint is severe: red comes half a target past the deadline."""
    state = on_site(story, policy, thresholds)
    for event in (story.fixed(T0 + HOUR), story.resolved(T0 + 2 * HOUR)):
        state = apply(state, event, policy, thresholds).state
    state = apply(state, story.reopened(T0 + 5 * HOUR), policy, thresholds).state

    assert state.clock is not None
    assert state.clock.pending[RED] == T0 + 5 * HOUR + 90 * MINUTE


def test_escalation_ids_are_fixed_by_complaint_stage_round_and_level(story, policy, thresholds):
    """Deciding the same escalation twice gives the same event id, and levels differ."""
    state = dispatching(story, policy, thresholds)

    once = due_escalations(state, T0 + 3 * HOUR)
    twice = due_escalations(state, T0 + 3 * HOUR)

    ids = [envelope(once.state, e).id for e in once.escalations]
    assert ids == [envelope(twice.state, e).id for e in twice.escalations]
    assert len(set(ids)) == 3


def test_escalation_envelope_carries_cause_and_instant(story, policy, thresholds):
    """The event names the complaint and site, is caused by the stage's start, at its instant."""
    received = story.received()
    state = apply(None, received, policy, thresholds).state
    [blue] = due_escalations(state, T0 + 45 * MINUTE).escalations

    event = envelope(state, blue)

    assert (event.subject, event.siteid, event.time) == ("c-1", "site-a", T0 + 45 * MINUTE)
    assert (event.causationid, event.correlationid) == (received.id, received.correlationid)
    assert event.source == "/closedloop/sla-watcher"


def test_turned_off_blue_and_red_leave_only_yellow(story, policy):
    """With blue and red off, a stage only ever goes yellow."""
    quiet = Thresholds(blue_fraction=None, red_factor=None, severe_red_factor=None)
    state = dispatching(story, policy, quiet)

    assert [e.data.level for e in due_escalations(state, T0 + 9 * HOUR).escalations] == [YELLOW]


def test_a_running_clock_keeps_its_deadline_when_the_policy_changes(story, thresholds):
    """Deadlines are fixed at a stage's start; a new policy applies to later stages."""
    state = dispatching(story, SlaPolicy(), thresholds)
    faster = SlaPolicy(default=SlaPolicy().default.over(TargetOverrides(dispatch=MINUTE)))

    decision = apply(state, story.transferred(T0 + 2 * MINUTE), faster, thresholds)

    assert decision.state.clock is not None
    assert decision.state.clock.due_at == T0 + HOUR


def test_events_before_receipt_are_not_placed(story, policy, thresholds):
    """An event of a complaint the watcher has not seen received gives no decision."""
    event = story.assigned(T0)

    assert decide(None, event, event.payload(), policy, thresholds) is None


def test_a_second_receipt_changes_nothing(story, policy, thresholds):
    """A repeated ComplaintReceived (other id) does not restart the clocks."""
    state = on_site(story, policy, thresholds)
    again = story.event(story.received(T0 + HOUR).payload(), T0 + HOUR, "received-again")

    assert apply(state, again, policy, thresholds) == Decision(state)
