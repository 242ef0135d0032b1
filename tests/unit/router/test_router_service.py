"""The router use cases on fakes: dispatch exactly once, track the stage, apply commands once."""

from datetime import timedelta

import pytest

from closedloop_router.domain import IllegalAction, RoutingRules, UnknownComplaint
from closedloop_router.service import Router
from closedloop_shared.envelope import CloudEvent, derive_id
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintResolved,
    ComplaintSurveyed,
    OnSiteFixReported,
)
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, CloseReason, Stage

SITE = "site-a"


class BrokenPublisher:
    """A publisher whose broker is down."""

    async def publish(self, event: CloudEvent) -> None:
        raise ConnectionError("broker unavailable")


# --- dispatch -----------------------------------------------------------------------------------


async def test_received_complaint_is_assigned_exactly_once(scenario) -> None:
    """One ComplaintReceived produces one ComplaintAssigned to the default department."""
    received = await scenario.receive(Category.BILLING)
    [event] = scenario.publisher.published
    assert event.type == ComplaintAssigned.TYPE
    assert event.payload() == ComplaintAssigned(
        department="finance", rule="default: billing -> finance", round=0
    )
    assert event.subject == received.subject
    assert event.siteid == SITE
    assert event.causationid == received.id
    assert event.correlationid == received.correlationid
    assert event.source == "/closedloop/router"
    assert event.time == scenario.clock()


async def test_assigned_id_is_derived_from_the_received_event(scenario) -> None:
    """The assignment's id is a function of its cause, so a re-emission is the same event."""
    received = await scenario.receive()
    [event] = scenario.publisher.published
    assert event.id == derive_id(received.id, ComplaintAssigned.TYPE, "")


async def test_received_delivered_twice_is_assigned_once(scenario) -> None:
    """A redelivered ComplaintReceived is a no-op: still one assignment."""
    received = await scenario.receive()
    assert await scenario.router.on_event(received) == []
    assert len(scenario.publisher.published) == 1
    assert scenario.store.records["c-1"].version == 1


async def test_two_routers_assign_the_same_received_with_the_same_id(
    scenario, rules: RoutingRules
) -> None:
    """Dispatch is deterministic: another instance given the same input emits the same event."""
    received = await scenario.receive()
    other = RecordingPublisher()
    twin = Router(
        InMemoryRecordStore(), other, lambda: rules, scenario.clock, InMemoryRecordStore()
    )
    await twin.on_event(received)
    assert [e.model_dump_json() for e in other.published] == [
        e.model_dump_json() for e in scenario.publisher.published
    ]


async def test_own_assignment_consumed_back_is_a_no_op(scenario) -> None:
    """The router reads its own ComplaintAssigned from the topic and changes nothing."""
    await scenario.receive()
    [assigned] = scenario.publisher.published
    before = scenario.store.records["c-1"]
    assert await scenario.router.on_event(assigned) == []
    assert scenario.publisher.published == [assigned]
    assert scenario.store.records["c-1"] == before


async def test_received_complaint_waits_on_site_with_its_department(scenario) -> None:
    """After dispatch the workflow is on-site and owned by the assigned department."""
    await scenario.receive(Category.LANDSCAPING)
    state = scenario.state()
    assert state.stage is Stage.ON_SITE
    assert state.department == "environment"
    assert state.round == 0
    assert scenario.store.records["c-1"].outbox == ()


async def test_site_override_routes_that_site_differently(scenario, rules: RoutingRules) -> None:
    """A site's override applies to its own complaints only."""
    scenario.rules = rules.model_copy(update={"sites": {SITE: {Category.NOISE: "security"}}})
    await scenario.receive(Category.NOISE, complaint_id="c-1", site_id=SITE)
    await scenario.receive(Category.NOISE, complaint_id="c-2", site_id="site-b")
    first, second = (e.payload() for e in scenario.publisher.published)
    assert first == ComplaintAssigned(
        department="security", rule="site site-a: noise -> security", round=0
    )
    assert second == ComplaintAssigned(
        department="customer_service", rule="default: noise -> customer_service", round=0
    )


async def test_rules_are_read_at_each_dispatch(scenario, rules: RoutingRules) -> None:
    """Rules changed at run time apply to the next complaint without a restart."""
    await scenario.receive(Category.PARKING, complaint_id="c-1")
    scenario.rules = rules.model_copy(update={"sites": {SITE: {Category.PARKING: "legal"}}})
    await scenario.receive(Category.PARKING, complaint_id="c-2")
    departments = [e.payload().department for e in scenario.publisher.published]
    assert departments == ["security", "legal"]


async def test_events_before_received_are_ignored(scenario) -> None:
    """An event for a complaint the router never saw stores and emits nothing."""
    event = scenario.envelope(OnSiteFixReported(actor="s", note="n"), complaint_id="c-9")
    assert await scenario.router.on_event(event) == []
    assert scenario.publisher.published == []
    assert "c-9" not in scenario.store.records


async def test_unknown_event_types_are_skipped(scenario) -> None:
    """A newer event type this router does not know is not an error and changes nothing."""
    await scenario.receive()
    before = scenario.store.records["c-1"]
    unknown = scenario.envelope(OnSiteFixReported(actor="s", note="n")).model_copy(
        update={"type": "closedloop.complaint.merged", "data": {"into": "c-0"}}
    )
    assert await scenario.router.on_event(unknown) == []
    assert scenario.store.records["c-1"] == before
    assert len(scenario.publisher.published) == 1


async def test_redelivery_publishes_what_a_crash_left_in_the_outbox(scenario) -> None:
    """If publishing failed after the save, the redelivered cause sends the pending event once."""
    received = scenario.received()
    scenario.router.publisher = BrokenPublisher()
    with pytest.raises(ConnectionError):
        await scenario.router.on_event(received)
    assert len(scenario.store.records["c-1"].outbox) == 1
    scenario.router.publisher = scenario.publisher
    await scenario.router.on_event(received)
    [assigned] = scenario.publisher.published
    assert assigned.id == derive_id(received.id, ComplaintAssigned.TYPE, "")
    assert scenario.store.records["c-1"].outbox == ()


async def test_own_assignment_seen_on_the_topic_is_not_sent_again(scenario) -> None:
    """An assignment still pending when it is read back from the topic is cleared, not re-sent."""
    received = scenario.received()
    scenario.router.publisher = BrokenPublisher()
    with pytest.raises(ConnectionError):
        await scenario.router.on_event(received)
    [pending] = scenario.store.records["c-1"].outbox
    scenario.router.publisher = scenario.publisher
    await scenario.router.on_event(pending)
    assert scenario.publisher.published == []
    assert scenario.store.records["c-1"].outbox == ()


# --- reopening ----------------------------------------------------------------------------------


async def test_reopened_complaint_is_dispatched_again_in_its_round(scenario) -> None:
    """ComplaintReopened of round n produces a new ComplaintAssigned of round n."""
    await scenario.to_follow_up()
    scenario.publisher.published.clear()
    reopened = await scenario.reopen(1)
    [event] = scenario.publisher.published
    assert event.payload() == ComplaintAssigned(
        department="engineering", rule="default: repair -> engineering", round=1
    )
    assert event.causationid == reopened.id
    assert event.id == derive_id(reopened.id, ComplaintAssigned.TYPE, "")
    state = scenario.state()
    assert (state.stage, state.round) == (Stage.ON_SITE, 1)


async def test_second_reopening_dispatches_round_two(scenario) -> None:
    """Each reopening counts: the second one is round 2."""
    await scenario.to_follow_up()
    await scenario.reopen(1)
    await scenario.router.on_command(scenario.command("fix", command_id="fix-2"))
    await scenario.router.on_command(scenario.command("resolve", command_id="resolve-2"))
    scenario.publisher.published.clear()
    await scenario.reopen(2)
    [event] = scenario.publisher.published
    assert event.payload().round == 2
    assert scenario.state().round == 2


async def test_reopening_delivered_twice_dispatches_once(scenario) -> None:
    """A redelivered ComplaintReopened is a no-op."""
    await scenario.to_follow_up()
    reopened = await scenario.reopen(1)
    count = len(scenario.publisher.published)
    assert await scenario.router.on_event(reopened) == []
    assert len(scenario.publisher.published) == count


async def test_surveys_and_closing_are_tracked_without_emitting(scenario) -> None:
    """The router follows the feedback service's events to closed, and says nothing itself."""
    await scenario.to_follow_up()
    count = len(scenario.publisher.published)
    for data in (
        ComplaintSurveyed(satisfied=True, score=5, round=0),
        ComplaintClosed(reason=CloseReason.SATISFIED),
    ):
        assert await scenario.router.on_event(scenario.envelope(data)) == []
    assert scenario.state().stage is Stage.CLOSED
    assert len(scenario.publisher.published) == count


# --- staff commands -----------------------------------------------------------------------------


async def test_on_site_fix_command_emits_the_event_and_moves_to_feedback(scenario) -> None:
    """A legal command yields its event, keyed by the command, at the clock's time."""
    await scenario.receive()
    scenario.publisher.published.clear()
    scenario.clock.advance(timedelta(hours=1))
    state, emitted = await scenario.router.on_command(scenario.command("fix", note="new valve"))
    [event] = scenario.publisher.published
    assert emitted == [event]
    assert event.payload() == OnSiteFixReported(actor="staff-7", note="new valve")
    assert event.id == derive_id("cmd-1", OnSiteFixReported.TYPE, "c-1")
    assert event.causationid == "cmd-1"
    assert event.correlationid == "cmd-1"
    assert event.subject == "c-1"
    assert event.siteid == SITE
    assert event.time == scenario.clock()
    assert state.stage is Stage.FEEDBACK
    assert scenario.state() == state


async def test_resolve_command_moves_to_follow_up(scenario) -> None:
    """Resolving after the on-site fix ends stage 4."""
    await scenario.receive()
    await scenario.router.on_command(scenario.command("fix", command_id="cmd-fix"))
    state, [event] = await scenario.router.on_command(scenario.command("resolve"))
    assert event.payload() == ComplaintResolved(
        actor="staff-7", resolution="leak fixed, ceiling dried"
    )
    assert state.stage is Stage.FOLLOW_UP


async def test_transfer_command_changes_owner_and_keeps_stage(scenario) -> None:
    """A transfer emits an assignment naming the previous owner; the stage stays."""
    await scenario.receive()
    state, [event] = await scenario.router.on_command(scenario.command("transfer"))
    assert event.payload() == ComplaintAssigned(
        department="security",
        rule="transfer: a break-in, not a repair",
        round=0,
        transferred_from="engineering",
        actor="staff-7",
    )
    assert (state.stage, state.department) == (Stage.ON_SITE, "security")


async def test_command_applied_twice_emits_once(scenario) -> None:
    """The same command_id again is answered with the current state and no event."""
    await scenario.receive()
    first_state, [event] = await scenario.router.on_command(scenario.command("fix"))
    version = scenario.store.records["c-1"].version
    again_state, again = await scenario.router.on_command(scenario.command("fix"))
    assert again == []
    assert again_state == first_state
    assert scenario.publisher.published[-1] == event
    assert scenario.publisher.published.count(event) == 1
    assert scenario.store.records["c-1"].version == version


async def test_repeated_command_is_not_refused_after_the_stage_moved_on(scenario) -> None:
    """A retried command whose first attempt moved the stage is still a no-op, not a 409."""
    await scenario.receive()
    await scenario.router.on_command(scenario.command("fix"))
    state, again = await scenario.router.on_command(scenario.command("fix"))
    assert (state.stage, again) == (Stage.FEEDBACK, [])


async def test_command_events_consumed_back_are_no_ops(scenario) -> None:
    """The router reads its own command events from the topic without applying them twice."""
    await scenario.receive()
    _, [event] = await scenario.router.on_command(scenario.command("fix"))
    before = scenario.store.records["c-1"]
    assert await scenario.router.on_event(event) == []
    assert scenario.store.records["c-1"] == before


async def test_command_for_another_site_is_refused_as_unknown(scenario) -> None:
    """A command naming the wrong site cannot reach the complaint, and does not reveal it."""
    await scenario.receive()
    before = scenario.store.records["c-1"]
    with pytest.raises(UnknownComplaint, match="c-1"):
        await scenario.router.on_command(scenario.command("fix", site_id="site-b"))
    assert scenario.store.records["c-1"] == before
    assert len(scenario.publisher.published) == 1


async def test_command_for_an_unknown_complaint_is_refused(scenario) -> None:
    """A command for a complaint the router never saw is refused and stores nothing."""
    with pytest.raises(UnknownComplaint, match="complaint c-1 is unknown"):
        await scenario.router.on_command(scenario.command("fix"))
    assert scenario.store.records == {}
    assert scenario.publisher.published == []


async def test_illegal_command_changes_nothing(scenario) -> None:
    """Resolving before the on-site fix is refused; state and topic are untouched."""
    await scenario.receive()
    before = scenario.store.records["c-1"]
    with pytest.raises(IllegalAction, match="complaint c-1 is in stage on_site"):
        await scenario.router.on_command(scenario.command("resolve"))
    assert scenario.store.records["c-1"] == before
    assert len(scenario.publisher.published) == 1


async def test_refused_command_can_be_retried_once_legal(scenario) -> None:
    """A refusal is not remembered as applied: the same command id works once the stage allows."""
    await scenario.receive()
    with pytest.raises(IllegalAction):
        await scenario.router.on_command(scenario.command("resolve", command_id="cmd-r"))
    await scenario.router.on_command(scenario.command("fix", command_id="cmd-f"))
    state, [event] = await scenario.router.on_command(
        scenario.command("resolve", command_id="cmd-r")
    )
    assert event.type == ComplaintResolved.TYPE
    assert state.stage is Stage.FOLLOW_UP


async def test_same_command_id_on_two_complaints_gives_distinct_event_ids(scenario) -> None:
    """CloudEvents requires source+id unique per event; two complaints' fixes are two events."""
    await scenario.receive(complaint_id="c-1")
    await scenario.receive(complaint_id="c-2")
    _, [first] = await scenario.router.on_command(scenario.command("fix", command_id="req-1"))
    second_fix = scenario.command("fix", command_id="req-1", complaint_id="c-2")
    _, [second] = await scenario.router.on_command(second_fix)
    assert (first.subject, second.subject) == ("c-1", "c-2")
    assert first.id != second.id


async def test_second_received_for_a_known_complaint_does_not_reset_it(scenario) -> None:
    """Like the projection, the router keeps a known complaint's workflow and assigns nothing."""
    await scenario.to_follow_up()
    before = scenario.state()
    count = len(scenario.publisher.published)
    await scenario.receive()
    assert scenario.state() == before
    assert len(scenario.publisher.published) == count
