"""Fixtures for the feedback unit tests: a fake clock, in-memory ports and lifecycle builders."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from closedloop_feedback.domain import Complaint, evolve, open_survey
from closedloop_feedback.ports import RecordingNotifier
from closedloop_feedback.service import Feedback
from closedloop_shared.commands import AnswerSurvey
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintReceived,
    ComplaintResolved,
    EventData,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, Channel

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
WINDOW = timedelta(days=3)
COMPLAINT = "c-1"
SITE = "site-a"
REPORTER = "rep-42"


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def received() -> ComplaintReceived:
    """A repair complaint as intake records it."""
    return ComplaintReceived(
        location=Location(raw="3栋2单元1202", building="3", unit="1202"),
        channel=Channel.APP,
        reporter_ref=REPORTER,
        description="卫生间漏水",
        category=Category.REPAIR,
        urgent=False,
        confidence=0.9,
        reported_at=T0,
    )


def lifecycle(round_: int = 0) -> list[EventData]:
    """The events that bring a complaint of `round_` from intake (or reopening) to resolved."""
    start: list[EventData] = [received()] if round_ == 0 else []
    return [
        *start,
        ComplaintAssigned(department="engineering", rule="default: repair", round=round_),
        OnSiteFixReported(actor="staff-1", note="valve replaced"),
        ComplaintResolved(actor="staff-1", resolution="leak fixed"),
    ]


class Scenario:
    """The feedback service on fakes, with helpers that feed it a complaint's lifecycle."""

    t0 = T0
    window = WINDOW
    received = staticmethod(received)
    lifecycle = staticmethod(lifecycle)

    def __init__(self) -> None:
        self.clock = FakeClock(T0)
        self.store: InMemoryRecordStore[Complaint] = InMemoryRecordStore()
        self.publisher = RecordingPublisher()
        self.notifier = RecordingNotifier()
        self.feedback = Feedback(
            store=self.store,
            publisher=self.publisher,
            notifier=self.notifier,
            clock=self.clock,
            response_window=WINDOW,
        )
        self._seq = 0

    def event(
        self, data: EventData, *, complaint_id: str = COMPLAINT, site_id: str = SITE
    ) -> CloudEvent:
        """`data` in an envelope with a fresh cause, timed by the clock."""
        self._seq += 1
        return new_event(
            data,
            complaint_id=complaint_id,
            site_id=site_id,
            source="/test",
            cause_id=f"cause-{self._seq}",
            correlation_id="corr-1",
            time=self.clock(),
        )

    async def feed(self, *events: EventData, complaint_id: str = COMPLAINT) -> list[CloudEvent]:
        """Deliver `events` to the service in order; the envelopes delivered."""
        sent = [self.event(data, complaint_id=complaint_id) for data in events]
        for envelope in sent:
            await self.feedback.on_event(envelope)
        return sent

    async def resolve(self, complaint_id: str = COMPLAINT, round_: int = 0) -> CloudEvent:
        """Bring the complaint to follow-up; the ComplaintResolved envelope."""
        sent = await self.feed(*lifecycle(round_), complaint_id=complaint_id)
        return sent[-1]

    def answer(self, *, satisfied: bool, command_id: str = "cmd-1", **fields: Any) -> AnswerSurvey:
        """The owner's answer to the survey of the default complaint."""
        values: dict[str, Any] = {
            "command_id": command_id,
            "complaint_id": COMPLAINT,
            "site_id": SITE,
            "actor": REPORTER,
            "issued_at": self.clock(),
            "satisfied": satisfied,
            **fields,
        }
        return AnswerSurvey.model_validate(values)

    def state(self, complaint_id: str = COMPLAINT) -> Complaint:
        """The stored state of the complaint."""
        return self.store.records[complaint_id].state


@pytest.fixture
def scenario() -> Scenario:
    """A fresh feedback service on in-memory fakes at T0."""
    return Scenario()


@pytest.fixture
def follow_up() -> Complaint:
    """A complaint whose round-0 survey was opened at T0 and is still unsent."""
    state: Complaint | None = None
    for data in lifecycle():
        state = evolve(state, data, complaint_id=COMPLAINT, site_id=SITE)
    assert state is not None
    return open_survey(
        state,
        resolved_event_id="ev-resolved",
        correlation_id="corr-1",
        resolved_at=T0,
        window=WINDOW,
    )


@pytest.fixture
def make_answer() -> Callable[..., AnswerSurvey]:
    """Builds an answer to the default complaint's survey."""

    def build(*, satisfied: bool, **fields: Any) -> AnswerSurvey:
        values: dict[str, Any] = {
            "command_id": "cmd-1",
            "complaint_id": COMPLAINT,
            "site_id": SITE,
            "actor": REPORTER,
            "issued_at": T0,
            "satisfied": satisfied,
            **fields,
        }
        return AnswerSurvey.model_validate(values)

    return build
