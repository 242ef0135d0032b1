"""The router's pure core: how events move the workflow, and which actions each stage allows."""

from datetime import UTC, datetime
from typing import Any

import pytest

from closedloop_router.domain import (
    IllegalAction,
    RoutingRules,
    UnknownComplaint,
    UnknownDepartment,
    Workflow,
    assign,
    decide,
    evolve,
)
from closedloop_shared.commands import (
    AnswerSurvey,
    Command,
    ReportOnSiteFix,
    ResolveComplaint,
    TransferComplaint,
)
from closedloop_shared.errors import Rejected
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintEscalated,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    EventData,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.vocabulary import Category, Channel, CloseReason, EscalationLevel, Stage

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def received(category: Category = Category.REPAIR, *, urgent: bool = False) -> ComplaintReceived:
    """A ComplaintReceived of `category`."""
    return ComplaintReceived(
        location=Location(raw="B-1504", building="B", unit="1504"),
        channel=Channel.PHONE,
        reporter_ref="r-1",
        description="lift broken",
        category=category,
        urgent=urgent,
        confidence=0.9,
        reported_at=T0,
    )


def at(stage: Stage, *, department: str | None = "engineering", round_: int = 0) -> Workflow:
    """A repair complaint of site-a at `stage`."""
    return Workflow(
        complaint_id="c-1",
        site_id="site-a",
        stage=stage,
        category=Category.REPAIR,
        urgent=False,
        department=department,
        round=round_,
    )


def step(state: Workflow | None, event: EventData) -> Workflow | None:
    """`evolve` for complaint c-1 of site-a."""
    return evolve(state, event, complaint_id="c-1", site_id="site-a")


def command(cls: type[Command], **fields: Any) -> Command:
    """A command of `cls` for c-1 with sensible defaults."""
    defaults: dict[type[Command], dict[str, Any]] = {
        ReportOnSiteFix: {"note": "valve replaced"},
        ResolveComplaint: {"resolution": "leak fixed"},
        TransferComplaint: {"department": "security", "reason": "it is a break-in"},
        AnswerSurvey: {"satisfied": True},
    }
    values = {
        "command_id": "cmd-1",
        "complaint_id": "c-1",
        "site_id": "site-a",
        "actor": "staff-7",
        "issued_at": T0,
        **defaults[cls],
        **fields,
    }
    return cls.model_validate(values)


ASSIGNED = ComplaintAssigned(department="engineering", rule="default: repair", round=0)
FIXED = OnSiteFixReported(actor="staff-7", note="valve replaced")
RESOLVED = ComplaintResolved(actor="staff-7", resolution="leak fixed")


# --- evolve -------------------------------------------------------------------------------------


def test_received_starts_the_workflow_in_dispatch() -> None:
    """A received complaint waits for dispatch, with its category and urgency, owned by no one."""
    state = step(None, received(Category.SECURITY, urgent=True))
    assert state == Workflow(
        complaint_id="c-1",
        site_id="site-a",
        stage=Stage.DISPATCH,
        category=Category.SECURITY,
        urgent=True,
        department=None,
        round=0,
    )


def test_assigned_moves_to_on_site_with_the_owning_department() -> None:
    """Dispatch ends when one department owns the complaint."""
    state = step(at(Stage.DISPATCH, department=None), ASSIGNED)
    assert state == at(Stage.ON_SITE, department="engineering")


def test_transfer_keeps_the_stage_and_changes_the_owner() -> None:
    """A transfer hands the complaint over without restarting its stage."""
    transfer = ComplaintAssigned(
        department="security", rule="transfer: x", round=0, transferred_from="engineering"
    )
    for stage in (Stage.ON_SITE, Stage.FEEDBACK):
        assert step(at(stage), transfer) == at(stage, department="security")


def test_on_site_fix_moves_to_feedback() -> None:
    """Reporting the initial fix ends stage 3."""
    assert step(at(Stage.ON_SITE), FIXED) == at(Stage.FEEDBACK)


def test_resolved_moves_to_follow_up() -> None:
    """Feeding the solution back ends stage 4."""
    assert step(at(Stage.FEEDBACK), RESOLVED) == at(Stage.FOLLOW_UP)


def test_survey_answer_keeps_follow_up() -> None:
    """The survey itself does not move the stage; closed or reopened follows."""
    assert step(at(Stage.FOLLOW_UP), ComplaintSurveyed(satisfied=False, round=0)) == at(
        Stage.FOLLOW_UP
    )


def test_reopened_goes_back_to_dispatch_in_the_new_round() -> None:
    """An unaccepted result is dispatched again, counting the round."""
    state = step(at(Stage.FOLLOW_UP), ComplaintReopened(reason="still leaking", round=2))
    assert state == at(Stage.DISPATCH, round_=2)


def test_closed_ends_the_loop() -> None:
    """The loop is closed; the owner is remembered."""
    state = step(at(Stage.FOLLOW_UP), ComplaintClosed(reason=CloseReason.SATISFIED))
    assert state == at(Stage.CLOSED)


def test_escalation_keeps_the_stage() -> None:
    """The watcher's warnings do not move the complaint."""
    escalated = ComplaintEscalated(
        level=EscalationLevel.RED,
        stage=Stage.ON_SITE,
        round=0,
        due_at=T0,
        overdue_seconds=3600,
        escalate_to="site_manager",
    )
    assert step(at(Stage.ON_SITE), escalated) == at(Stage.ON_SITE)


@pytest.mark.parametrize("event", [ASSIGNED, FIXED, RESOLVED], ids=["assigned", "fix", "resolved"])
def test_events_before_received_leave_the_complaint_unknown(event: EventData) -> None:
    """Without a ComplaintReceived there is nothing to track."""
    assert step(None, event) is None


def test_full_loop_folds_to_closed() -> None:
    """Received, assigned, fixed, resolved, surveyed and closed: the whole loop in order."""
    events: list[EventData] = [
        received(),
        ASSIGNED,
        FIXED,
        RESOLVED,
        ComplaintSurveyed(satisfied=True, score=5, round=0),
        ComplaintClosed(reason=CloseReason.SATISFIED),
    ]
    stages = []
    state: Workflow | None = None
    for event in events:
        state = step(state, event)
        assert state is not None
        stages.append(state.stage)
    assert stages == [
        Stage.DISPATCH,
        Stage.ON_SITE,
        Stage.FEEDBACK,
        Stage.FOLLOW_UP,
        Stage.FOLLOW_UP,
        Stage.CLOSED,
    ]


# --- assign -------------------------------------------------------------------------------------


def test_assign_names_the_department_and_rule_for_the_round(rules: RoutingRules) -> None:
    """Dispatch follows the rules and carries the workflow's round."""
    state = at(Stage.DISPATCH, department=None, round_=1)
    assert assign(state, rules) == ComplaintAssigned(
        department="engineering", rule="default: repair -> engineering", round=1
    )


# --- decide: legal actions ----------------------------------------------------------------------


def test_on_site_fix_is_reported_in_on_site(rules: RoutingRules) -> None:
    """Staff on site report the initial fix with their note."""
    event = decide(at(Stage.ON_SITE), command(ReportOnSiteFix, note="pipe clamped"), rules)
    assert event == OnSiteFixReported(actor="staff-7", note="pipe clamped")


def test_resolution_is_reported_in_feedback(rules: RoutingRules) -> None:
    """The solution given to the owner ends stage 4."""
    event = decide(at(Stage.FEEDBACK), command(ResolveComplaint, resolution="dried"), rules)
    assert event == ComplaintResolved(actor="staff-7", resolution="dried")


@pytest.mark.parametrize("stage", [Stage.ON_SITE, Stage.FEEDBACK])
def test_transfer_hands_over_in_on_site_and_feedback(rules: RoutingRules, stage: Stage) -> None:
    """A transfer names the new owner, the old one, the reason and who asked."""
    event = decide(at(stage, round_=1), command(TransferComplaint, reason="break-in"), rules)
    assert event == ComplaintAssigned(
        department="security",
        rule="transfer: break-in",
        round=1,
        transferred_from="engineering",
        actor="staff-7",
    )


# --- decide: refusals ---------------------------------------------------------------------------

ILLEGAL = [
    (ReportOnSiteFix, Stage.DISPATCH),
    (ReportOnSiteFix, Stage.FEEDBACK),
    (ReportOnSiteFix, Stage.FOLLOW_UP),
    (ReportOnSiteFix, Stage.CLOSED),
    (ResolveComplaint, Stage.DISPATCH),
    (ResolveComplaint, Stage.ON_SITE),
    (ResolveComplaint, Stage.FOLLOW_UP),
    (ResolveComplaint, Stage.CLOSED),
    (TransferComplaint, Stage.DISPATCH),
    (TransferComplaint, Stage.FOLLOW_UP),
    (TransferComplaint, Stage.CLOSED),
]


@pytest.mark.parametrize(("cls", "stage"), ILLEGAL, ids=[f"{c.__name__}-{s}" for c, s in ILLEGAL])
def test_action_outside_its_stages_is_illegal_naming_complaint_and_stage(
    rules: RoutingRules, cls: type[Command], stage: Stage
) -> None:
    """An action the stage does not allow is refused with the complaint, stage and action named."""
    cmd = command(cls)
    with pytest.raises(IllegalAction) as refused:
        decide(at(stage), cmd, rules)
    message = str(refused.value)
    assert f"complaint c-1 is in stage {stage}" in message
    assert f"{cmd.type} is allowed only in" in message


def test_illegal_transfer_lists_the_stages_it_is_allowed_in(rules: RoutingRules) -> None:
    """The refusal tells the caller when the action would be accepted."""
    with pytest.raises(IllegalAction, match="transfer is allowed only in feedback, on_site"):
        decide(at(Stage.CLOSED), command(TransferComplaint), rules)


def test_action_on_an_unknown_complaint_is_refused_naming_it(rules: RoutingRules) -> None:
    """A complaint the router has not seen cannot be acted on."""
    with pytest.raises(UnknownComplaint, match="complaint c-1 is unknown to the router"):
        decide(None, command(ReportOnSiteFix), rules)


def test_survey_answer_is_not_the_router_s_to_decide(rules: RoutingRules) -> None:
    """The feedback service owns survey answers."""
    with pytest.raises(IllegalAction, match="feedback service"):
        decide(at(Stage.FOLLOW_UP), command(AnswerSurvey), rules)


def test_transfer_to_an_unknown_department_is_refused_naming_it(rules: RoutingRules) -> None:
    """Only departments of the rules may own a complaint."""
    with pytest.raises(UnknownDepartment, match="department 'plumbers' is not one of"):
        decide(at(Stage.ON_SITE), command(TransferComplaint, department="plumbers"), rules)


def test_transfer_to_the_current_owner_is_illegal(rules: RoutingRules) -> None:
    """Transferring to the department that already owns it changes nothing and is refused."""
    with pytest.raises(IllegalAction, match="complaint c-1 is already owned by engineering"):
        decide(at(Stage.ON_SITE), command(TransferComplaint, department="engineering"), rules)


@pytest.mark.parametrize("error", [UnknownComplaint, IllegalAction, UnknownDepartment])
def test_router_refusals_are_rejections(error: type[Exception]) -> None:
    """Every refusal is permanent: a command on the topic is dead-lettered with the reason."""
    assert issubclass(error, Rejected)
