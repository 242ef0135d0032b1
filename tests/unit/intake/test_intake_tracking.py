"""Intake's lifecycle subscriber keeps the duplicate index to open complaints and live reports."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_intake import lifecycle_handlers
from closedloop_intake.domain import Submission
from closedloop_intake.tracking import OpenComplaintsTracker
from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintReopened,
    ComplaintResolved,
    EventData,
)
from closedloop_shared.messaging import reliable_consumption
from closedloop_shared.settings import ServiceSettings
from closedloop_shared.vocabulary import CloseReason

MakeSubmission = Callable[..., Submission]

AT = datetime(2025, 3, 2, 9, 0, tzinfo=UTC)
KEY = "site-a|3|2-1202|repair"


def lifecycle(data: EventData, complaint_id: str = "c-1") -> CloudEvent:
    """A lifecycle event about `complaint_id`."""
    return new_event(
        data,
        complaint_id=complaint_id,
        site_id="site-a",
        source="/test",
        cause_id=f"test:{data.TYPE}",
        correlation_id="corr",
        time=AT,
    )


@pytest.fixture
async def lift_report(scenario: Any, make_submission: MakeSubmission) -> OpenComplaintsTracker:
    """c-1, a lift report, accepted; a tracker on the same store and index."""
    submission = make_submission(description="电梯坏了")
    await scenario.intake.accept(submission, complaint_id="c-1", correlation_id="c-1")
    return OpenComplaintsTracker(scenario.store, scenario.intake.index)


def open_ids(scenario: Any) -> set[str]:
    """Complaint ids in the open-complaints index, under any key."""
    return {cid for entries in scenario.intake.index.open.values() for cid in entries}


def report_ids(scenario: Any) -> set[str]:
    """Complaint ids among the facility reports, under any key."""
    return {cid for entries in scenario.intake.index.reports.values() for cid in entries}


async def test_an_accepted_complaint_is_open_and_a_facility_report(
    scenario, lift_report: OpenComplaintsTracker
) -> None:
    """Intake indexes a complaint when it accepts it, before the events go out."""
    assert open_ids(scenario) == {"c-1"}
    assert report_ids(scenario) == {"c-1"}
    assert any(key.startswith(KEY) for key in scenario.intake.index.open)


async def test_closed_takes_the_complaint_out_and_reopened_puts_it_back(
    scenario, lift_report: OpenComplaintsTracker
) -> None:
    """Closing ends follow-ups to the complaint; reopening restarts them."""
    await lift_report.on_event(lifecycle(ComplaintClosed(reason=CloseReason.NO_RESPONSE)))
    assert open_ids(scenario) == set()
    await lift_report.on_event(lifecycle(ComplaintReopened(reason="again", round=1)))
    assert open_ids(scenario) == {"c-1"}


async def test_resolved_takes_the_facility_report_out(
    scenario, lift_report: OpenComplaintsTracker
) -> None:
    """A resolved report can no longer lead or seed an incident; the complaint stays open."""
    await lift_report.on_event(lifecycle(ComplaintResolved(actor="s", resolution="fixed")))
    assert report_ids(scenario) == set()
    assert open_ids(scenario) == {"c-1"}


async def test_applying_an_event_twice_equals_once(
    scenario, lift_report: OpenComplaintsTracker
) -> None:
    """A redelivered ComplaintClosed is a no-op."""
    closed = lifecycle(ComplaintClosed(reason=CloseReason.SATISFIED))
    await lift_report.on_event(closed)
    await lift_report.on_event(closed)
    assert open_ids(scenario) == set()


async def test_other_events_and_unknown_complaints_change_nothing(
    scenario, lift_report: OpenComplaintsTracker
) -> None:
    """An assignment, or a close of a complaint intake never indexed, leaves the index alone."""
    await lift_report.on_event(
        lifecycle(ComplaintAssigned(department="engineering", rule="r", round=0))
    )
    await lift_report.on_event(lifecycle(ComplaintClosed(reason=CloseReason.SATISFIED), "c-9"))
    assert open_ids(scenario) == {"c-1"}


@pytest.fixture
async def broker(scenario: Any, make_submission: MakeSubmission) -> AsyncIterator[KafkaBroker]:
    """An in-memory broker wired like intake's app, with c-1 accepted."""
    await scenario.intake.accept(make_submission(), complaint_id="c-1", correlation_id="c-1")
    broker = KafkaBroker()
    settings = ServiceSettings(max_attempts=1, retry_backoff_seconds=0)
    broker.add_middleware(reliable_consumption(broker, "intake", settings))
    kafka = KafkaRouter()
    tracker = OpenComplaintsTracker(scenario.store, scenario.intake.index)
    lifecycle_handlers.register(kafka, tracker)
    broker.include_router(kafka)
    async with TestKafkaBroker(broker) as running:
        yield running


async def test_the_subscriber_applies_a_closed_complaint_from_the_topic(
    scenario, broker: KafkaBroker
) -> None:
    """ComplaintClosed on the lifecycle topic reaches the tracker through the middleware."""
    closed = lifecycle(ComplaintClosed(reason=CloseReason.SATISFIED))
    await broker.publish(closed.model_dump(mode="json"), topic=topics.LIFECYCLE, key=b"c-1")
    assert open_ids(scenario) == set()


def test_the_subscriber_has_a_consumer_group_of_its_own() -> None:
    """Replaying the lifecycle never holds up the inbound subscriber's group."""
    assert lifecycle_handlers.GROUP == "intake-lifecycle"
