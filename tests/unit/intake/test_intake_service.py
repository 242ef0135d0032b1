"""`Intake.accept`: once per complaint id, contact details kept apart, one ComplaintReceived."""

from collections.abc import Callable
from datetime import timedelta

import pytest

from closedloop_intake.domain import ImplausibleTime, Submission, reporter_ref
from closedloop_shared.envelope import derive_id
from closedloop_shared.events import ComplaintReceived
from closedloop_shared.inbound import Reporter

MakeSubmission = Callable[..., Submission]

PHONE = "+86 138-0013-8000"
NAME = "王小明"


async def test_accept_emits_one_complaint_received(
    scenario, make_submission: MakeSubmission
) -> None:
    """A new complaint is recorded and announced once, keyed by its id."""
    accepted = await scenario.intake.accept(
        make_submission(), complaint_id="c-1", correlation_id="req-1"
    )
    assert (accepted.complaint_id, accepted.created) == ("c-1", True)
    [event] = scenario.publisher.published
    assert event.type == ComplaintReceived.TYPE
    assert event.subject == "c-1"
    assert event.siteid == "site-a"
    assert event.correlationid == "req-1"
    assert event.causationid == "intake:c-1"
    assert event.id == derive_id("intake:c-1", ComplaintReceived.TYPE, "")
    assert event.source == "/closedloop/intake"
    assert event.time == scenario.clock()


async def test_event_carries_neither_phone_nor_name(
    scenario, make_submission: MakeSubmission, reporter_key: bytes
) -> None:
    """The serialized event holds a pseudonym only: no phone number, digits or name."""
    submission = make_submission(reporter=Reporter(name=NAME, phone=PHONE))
    await scenario.intake.accept(submission, complaint_id="c-1", correlation_id="c-1")
    [event] = scenario.publisher.published
    wire = event.model_dump_json()
    assert NAME not in wire
    assert PHONE not in wire
    assert "13800138000" not in wire
    assert event.payload().reporter_ref == reporter_ref(submission.reporter, reporter_key)


async def test_contact_details_go_to_the_restricted_store(
    scenario, make_submission: MakeSubmission
) -> None:
    """How to reach the owner is stored under the pseudonym the event carries."""
    submission = make_submission(reporter=Reporter(name=NAME, phone=PHONE))
    await scenario.intake.accept(submission, complaint_id="c-1", correlation_id="c-1")
    [event] = scenario.publisher.published
    assert scenario.contacts.contacts == {event.payload().reporter_ref: submission.reporter}


async def test_same_complaint_id_twice_is_created_once(
    scenario, make_submission: MakeSubmission
) -> None:
    """A retried submission answers the same id, created=False, and emits nothing new."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    again = await scenario.intake.accept(
        make_submission(description="重复提交：卫生间漏水"), complaint_id="c-1", correlation_id="x"
    )
    assert (again.complaint_id, again.created) == ("c-1", False)
    assert len(scenario.publisher.published) == 1
    assert scenario.store.records["c-1"].version == 1


async def test_accepted_record_remembers_the_received_event(
    scenario, make_submission: MakeSubmission
) -> None:
    """Intake's record anchors idempotence and points at the event it emitted."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    record = scenario.store.records["c-1"]
    [event] = scenario.publisher.published
    assert record.state.received_event_id == event.id
    assert record.state.site_id == "site-a"
    assert record.outbox == ()


async def test_future_contact_time_is_refused_and_nothing_is_stored(
    scenario, make_submission: MakeSubmission
) -> None:
    """An implausible submission leaves no record, no contact and no event."""
    submission = make_submission(reported_at=scenario.clock() + timedelta(days=1))
    with pytest.raises(ImplausibleTime):
        await scenario.intake.accept(submission, complaint_id="c-1", correlation_id="c-1")
    assert scenario.store.records == {}
    assert scenario.contacts.contacts == {}
    assert scenario.publisher.published == []


async def test_two_complaints_of_one_owner_share_the_reporter_ref(
    scenario, make_submission: MakeSubmission
) -> None:
    """Analytics can count repeat complainants without knowing who they are."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    # Another unit: about the same unit it would be a follow-up of c-1.
    second = make_submission(location="5栋1单元0801")
    await scenario.intake.accept(second, complaint_id="c-2", correlation_id="c-2")
    first, second = (e.payload().reporter_ref for e in scenario.publisher.published)
    assert first == second
    assert len(scenario.contacts.contacts) == 1
