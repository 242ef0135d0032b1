"""Fixtures for the SLA watcher unit tests: a fake clock, in-memory ports, lifecycle builders."""

from datetime import UTC, datetime, timedelta

import pytest

from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintSurveyed,
    EventData,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, Channel, CloseReason
from closedloop_sla.domain import ComplaintClocks
from closedloop_sla.policy import SlaPolicy, Thresholds
from closedloop_sla.service import SlaWatcher

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""When the complaint in every test is received."""


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def at(self, instant: datetime) -> None:
        """Jump to `instant`."""
        self.now = instant


class Story:
    """Lifecycle events of one complaint, with ids fixed by their names."""

    def __init__(self, complaint_id: str = "c-1", site_id: str = "site-a") -> None:
        self.complaint_id = complaint_id
        self.site_id = site_id

    def event(self, data: EventData, at: datetime, name: str) -> CloudEvent:
        """`data` as an envelope of this complaint, occurring at `at`."""
        return new_event(
            data,
            complaint_id=self.complaint_id,
            site_id=self.site_id,
            source="/tests",
            cause_id=f"{self.complaint_id}:{name}",
            correlation_id=f"corr-{self.complaint_id}",
            time=at,
        )

    def received(
        self, at: datetime = T0, *, contact: timedelta = timedelta(minutes=5), urgent: bool = False
    ) -> CloudEvent:
        """Stage 1 done at `at`, `contact` after the owner called."""
        data = ComplaintReceived(
            location=Location(raw="3栋2单元1202", building="3", unit="1202"),
            channel=Channel.PHONE,
            reporter_ref="rep-42",
            description="卫生间漏水",
            category=Category.REPAIR,
            urgent=urgent,
            confidence=0.9,
            reported_at=at - contact,
        )
        return self.event(data, at, "received")

    def assigned(self, at: datetime, round_: int = 0) -> CloudEvent:
        """Stage 2 done."""
        data = ComplaintAssigned(department="engineering", rule="default", round=round_)
        return self.event(data, at, f"assigned:{round_}")

    def transferred(self, at: datetime, round_: int = 0) -> CloudEvent:
        """A transfer to another department; the stage stays."""
        data = ComplaintAssigned(
            department="security",
            rule="transfer: not a repair",
            round=round_,
            transferred_from="engineering",
            actor="staff-1",
        )
        return self.event(data, at, f"transferred:{round_}")

    def fixed(self, at: datetime, round_: int = 0) -> CloudEvent:
        """Stage 3 done."""
        return self.event(
            OnSiteFixReported(actor="staff-1", note="阀门已换"), at, f"fixed:{round_}"
        )

    def resolved(self, at: datetime, round_: int = 0) -> CloudEvent:
        """Stage 4 done."""
        data = ComplaintResolved(actor="staff-1", resolution="已修复")
        return self.event(data, at, f"resolved:{round_}")

    def surveyed(self, at: datetime, *, satisfied: bool, round_: int = 0) -> CloudEvent:
        """The owner answered the follow-up."""
        data = ComplaintSurveyed(satisfied=satisfied, score=5 if satisfied else 2, round=round_)
        return self.event(data, at, f"surveyed:{round_}")

    def reopened(self, at: datetime, round_: int = 1) -> CloudEvent:
        """The owner rejected the result: back to dispatch in round `round_`."""
        data = ComplaintReopened(reason="还在漏", round=round_)
        return self.event(data, at, f"reopened:{round_}")

    def closed(self, at: datetime) -> CloudEvent:
        """The loop is closed."""
        return self.event(ComplaintClosed(reason=CloseReason.SATISFIED), at, "closed")


@pytest.fixture
def story() -> Story:
    """The events of complaint c-1 at site-a."""
    return Story()


@pytest.fixture
def make_story() -> type[Story]:
    """Builds the events of another complaint: `make_story("c-2", "site-b")`."""
    return Story


@pytest.fixture
def policy() -> SlaPolicy:
    """DOMAIN.md's targets, no site overrides."""
    return SlaPolicy()


@pytest.fixture
def thresholds() -> Thresholds:
    """Blue at 75%, red one target late (half for urgent or reopened complaints)."""
    return Thresholds()


@pytest.fixture
def clock() -> FakeClock:
    """Stands at T0 until a test moves it."""
    return FakeClock(T0)


@pytest.fixture
def store() -> InMemoryRecordStore[ComplaintClocks]:
    """The in-memory clock records."""
    return InMemoryRecordStore()


@pytest.fixture
def publisher() -> RecordingPublisher:
    """Keeps what the watcher published."""
    return RecordingPublisher()


@pytest.fixture
def watcher(
    store: InMemoryRecordStore[ComplaintClocks],
    publisher: RecordingPublisher,
    policy: SlaPolicy,
    thresholds: Thresholds,
    clock: FakeClock,
) -> SlaWatcher:
    """The watcher over fakes, with the default policy and thresholds."""
    return SlaWatcher(
        store=store,
        publisher=publisher,
        policy=lambda: policy,
        thresholds=thresholds,
        clock=clock,
    )
