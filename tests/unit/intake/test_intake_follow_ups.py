"""Follow-ups (催办): a contact chasing the reporter's open complaint creates nothing new."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from closedloop_intake.domain import Review, Submission, UnknownComplaint
from closedloop_intake.settings import IntakeSettings
from closedloop_intake.tracking import OpenComplaintsTracker
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintClosed,
    ComplaintFollowedUp,
    ComplaintReceived,
    ComplaintReopened,
    EventData,
)
from closedloop_shared.inbound import Reporter
from closedloop_shared.vocabulary import Channel, CloseReason

MakeSubmission = Callable[..., Submission]

LATER = datetime(2025, 3, 2, 9, 0, tzinfo=UTC)


def lifecycle(data: EventData, complaint_id: str = "c-1") -> CloudEvent:
    """A lifecycle event about `complaint_id`, as another service emits it."""
    return new_event(
        data,
        complaint_id=complaint_id,
        site_id="site-a",
        source="/test",
        cause_id=f"test:{data.TYPE}:{complaint_id}",
        correlation_id="corr",
        time=LATER,
    )


async def first_then(
    scenario: Any, make_submission: MakeSubmission, **second: Any
) -> tuple[Any, Any]:
    """Accept c-1, then a second submission c-2 with `second` changed; both answers."""
    first = await scenario.intake.accept(
        make_submission(), complaint_id="c-1", correlation_id="c-1"
    )
    scenario.clock.now += timedelta(hours=1)
    changes = {"reported_at": scenario.clock.now, **second}
    again = await scenario.intake.accept(
        make_submission(**changes), complaint_id="c-2", correlation_id="c-2"
    )
    return first, again


def types(scenario: Any) -> list[str]:
    """The types of everything published, in order."""
    return [e.type for e in scenario.publisher.published]


async def test_same_reporter_unit_and_category_is_a_follow_up_of_the_open_complaint(
    scenario, make_submission: MakeSubmission
) -> None:
    """The second contact answers the first complaint's id and emits ComplaintFollowedUp on it."""
    _, again = await first_then(
        scenario, make_submission, channel=Channel.WECHAT, description="还在漏水，第二次催了"
    )
    assert (again.complaint_id, again.created, again.follow_up, again.duplicate) == (
        "c-1",
        False,
        True,
        False,
    )
    received, followed = scenario.publisher.published
    assert received.type == ComplaintReceived.TYPE
    assert followed.subject == "c-1"
    data = followed.payload()
    assert isinstance(data, ComplaintFollowedUp)
    assert data.follow_up_id == "c-2"
    assert data.channel is Channel.WECHAT
    assert data.description == "还在漏水，第二次催了"
    assert data.reported_at == scenario.clock.now
    assert followed.correlationid == "c-2"


async def test_a_follow_up_creates_no_complaint_but_anchors_its_own_id(
    scenario, make_submission: MakeSubmission
) -> None:
    """Intake remembers the follow-up's id (for retries), pointing at the complaint it chased."""
    await first_then(scenario, make_submission)
    anchor = scenario.store.records["c-2"].state
    assert anchor.follow_up_of == "c-1"
    assert types(scenario).count(ComplaintReceived.TYPE) == 1


async def test_a_retried_follow_up_answers_the_same_and_emits_nothing(
    scenario, make_submission: MakeSubmission
) -> None:
    """The same follow-up submitted twice is one follow-up."""
    await first_then(scenario, make_submission)
    again = await scenario.intake.accept(
        make_submission(reported_at=scenario.clock.now), complaint_id="c-2", correlation_id="x"
    )
    assert (again.complaint_id, again.follow_up, again.duplicate) == ("c-1", True, True)
    assert types(scenario) == [ComplaintReceived.TYPE, ComplaintFollowedUp.TYPE]


async def test_a_retried_original_is_not_its_own_follow_up(
    scenario, make_submission: MakeSubmission
) -> None:
    """Retrying the first submission answers it as a duplicate, not as a follow-up."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    again = await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="x")
    assert (again.complaint_id, again.follow_up, again.duplicate) == ("c-1", False, True)
    assert types(scenario) == [ComplaintReceived.TYPE]


@pytest.mark.parametrize(
    "change",
    [
        {"description": "楼上装修太吵了，天天晚上施工"},
        {"location": "3栋2单元1203"},
        {"reporter": Reporter(phone="+86 139-0013-9000")},
        {"site_id": "site-b"},
    ],
    ids=["other-category", "other-unit", "other-reporter", "other-site"],
)
async def test_anything_else_differing_is_a_new_complaint(
    scenario, make_submission: MakeSubmission, change: dict[str, Any]
) -> None:
    """Another category, unit, reporter or site makes a second complaint."""
    _, again = await first_then(scenario, make_submission, **change)
    assert (again.complaint_id, again.created, again.follow_up) == ("c-2", True, False)
    assert types(scenario) == [ComplaintReceived.TYPE, ComplaintReceived.TYPE]


async def test_a_contact_after_the_window_is_a_new_complaint(
    scenario, make_submission: MakeSubmission
) -> None:
    """Eight days after the open complaint's contact, the same words make a new complaint."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    scenario.clock.now += timedelta(days=8)
    again = await scenario.intake.accept(
        make_submission(reported_at=scenario.clock.now), complaint_id="c-2", correlation_id="c-2"
    )
    assert again.created


async def test_a_contact_after_the_complaint_closed_is_a_new_complaint(
    scenario, make_submission: MakeSubmission
) -> None:
    """Once intake learns the complaint closed, the next contact opens a new one."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    tracker = OpenComplaintsTracker(scenario.store, scenario.intake.index)
    await tracker.on_event(lifecycle(ComplaintClosed(reason=CloseReason.SATISFIED)))
    again = await scenario.intake.accept(make_submission(), complaint_id="c-2", correlation_id="c")
    assert (again.complaint_id, again.created) == ("c-2", True)


async def test_a_reopened_complaint_is_followed_up_again(
    scenario, make_submission: MakeSubmission
) -> None:
    """A reopened complaint is open again: chasing it is a follow-up."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    tracker = OpenComplaintsTracker(scenario.store, scenario.intake.index)
    await tracker.on_event(lifecycle(ComplaintClosed(reason=CloseReason.SATISFIED)))
    await tracker.on_event(lifecycle(ComplaintReopened(reason="not fixed", round=1)))
    again = await scenario.intake.accept(make_submission(), complaint_id="c-2", correlation_id="c")
    assert (again.complaint_id, again.follow_up) == ("c-1", True)


async def test_a_zero_window_turns_follow_ups_off(
    scenario, make_submission: MakeSubmission
) -> None:
    """With INTAKE_FOLLOW_UP_WINDOW_SECONDS=0 every submission is a complaint of its own."""
    scenario.intake.follow_up_window = timedelta(0)
    _, again = await first_then(scenario, make_submission)
    assert again.created


async def test_a_follow_up_id_is_not_a_complaint_to_review(
    scenario, make_submission: MakeSubmission
) -> None:
    """A reviewer cannot correct a follow-up's id: it names no complaint."""
    await first_then(scenario, make_submission)
    review = Review(correction_id="r-1", actor="desk", reason="x", urgent=True)
    with pytest.raises(UnknownComplaint):
        await scenario.intake.review("c-2", review, visible=lambda _site: True)


async def test_contact_details_of_a_follow_up_are_kept_without_reaching_the_event(
    scenario, make_submission: MakeSubmission
) -> None:
    """The follow-up event carries no phone or name, like ComplaintReceived."""
    submission = make_submission()
    await first_then(scenario, make_submission)
    wire = scenario.publisher.published[-1].model_dump_json()
    assert submission.reporter.phone is not None
    assert submission.reporter.phone not in wire
    assert "王小明" not in wire
    assert submission.reporter in scenario.contacts.contacts.values()


def test_windows_default_to_seven_days_and_two_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    """`INTAKE_FOLLOW_UP_WINDOW_SECONDS` and `INTAKE_INCIDENT_WINDOW_SECONDS` out of the box."""
    for name in ("FOLLOW_UP_WINDOW_SECONDS", "INCIDENT_WINDOW_SECONDS"):
        monkeypatch.delenv(f"INTAKE_{name}", raising=False)
    settings = IntakeSettings()
    assert settings.follow_up_window_seconds == 7 * 24 * 3600
    assert settings.incident_window_seconds == 2 * 3600
    monkeypatch.setenv("INTAKE_FOLLOW_UP_WINDOW_SECONDS", "60")
    assert IntakeSettings().follow_up_window_seconds == 60
