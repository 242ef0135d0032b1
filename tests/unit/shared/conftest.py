"""Fixtures for the shared-contract unit tests: a fixed instant and an envelope builder."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import ComplaintResolved, EventData

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def t0() -> datetime:
    """The fixed instant every shared test runs at."""
    return T0


@pytest.fixture
def make_event() -> Callable[..., CloudEvent]:
    """Builds an envelope for complaint c-1 at site-a whose cause is `cause`."""

    def build(cause: str = "cause-1", data: EventData | None = None) -> CloudEvent:
        return new_event(
            data or ComplaintResolved(actor="staff-1", resolution=f"fixed after {cause}"),
            complaint_id="c-1",
            site_id="site-a",
            source="/test",
            cause_id=cause,
            correlation_id="corr-1",
            time=T0,
        )

    return build
