"""Fixtures for the projection unit tests: timed lifecycle envelopes, a view-store fake, HTTP."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from closedloop_projection.domain import ComplaintView
from closedloop_projection.http import http_router
from closedloop_projection.service import Projector
from closedloop_shared.auth import ApiKey, Role, hash_key
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintResolved,
    ComplaintSurveyed,
    EventData,
    Location,
    OnSiteFixReported,
)
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, Channel, CloseReason, Stage

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
"""When the owner called."""


def received() -> ComplaintReceived:
    """A repair complaint reported at T0."""
    return ComplaintReceived(
        location=Location(raw="3栋2单元1202", building="3", unit="2-1202"),
        channel=Channel.PHONE,
        reporter_ref="r-42",
        description="卫生间漏水",
        category=Category.REPAIR,
        urgent=False,
        confidence=0.9,
        needs_review=False,
        reported_at=T0,
    )


FULL_LOOP: list[tuple[timedelta, EventData]] = [
    (timedelta(minutes=10), received()),
    (
        timedelta(minutes=30),
        ComplaintAssigned(department="engineering", rule="default: repair", round=0),
    ),
    (timedelta(hours=3), OnSiteFixReported(actor="staff-7", note="valve replaced")),
    (timedelta(hours=20), ComplaintResolved(actor="staff-7", resolution="leak fixed")),
    (timedelta(days=2), ComplaintSurveyed(satisfied=True, score=5, comment="好", round=0)),
    (timedelta(days=2), ComplaintClosed(reason=CloseReason.SATISFIED)),
]
"""A complaint through all five stages, each event at T0 + its offset."""


@pytest.fixture
def t0() -> datetime:
    """When the owner called."""
    return T0


@pytest.fixture
def envelope() -> Callable[..., CloudEvent]:
    """Wraps `data` for complaint c-1 of site-a at T0 + `after`, with a cause unique to it."""

    def build(
        data: EventData, after: timedelta, *, cause: str | None = None, complaint_id: str = "c-1"
    ) -> CloudEvent:
        return new_event(
            data,
            complaint_id=complaint_id,
            site_id="site-a",
            source="/test",
            cause_id=cause or f"{data.TYPE}@{after}",
            correlation_id="corr-1",
            time=T0 + after,
        )

    return build


@pytest.fixture
def full_loop(envelope: Callable[..., CloudEvent]) -> list[CloudEvent]:
    """The envelopes of a complaint closed satisfied after one round."""
    return [envelope(data, after) for after, data in FULL_LOOP]


class FakeViewStore(InMemoryRecordStore[ComplaintView]):
    """The view store's fake: records in a dict, and the site/stage query over them."""

    async def search(
        self,
        sites: tuple[str, ...],
        stage: Stage | None,
        limit: int,
        *,
        needs_review: bool | None = None,
        incident_id: str | None = None,
    ) -> list[ComplaintView]:
        """The most recently changed views of `sites` (`*` = all), optionally filtered."""
        views = [
            r.state
            for r in self.records.values()
            if ("*" in sites or r.state.site_id in sites)
            and stage in (None, r.state.stage)
            and needs_review in (None, r.state.needs_review)
            and incident_id in (None, r.state.incident_id)
        ]
        return sorted(views, key=lambda v: v.last_event_at, reverse=True)[:limit]


READER_KEYS = [
    ApiKey(name="viewer-a", sha256=hash_key("viewer-a-key"), role=Role.VIEWER, sites=("site-a",)),
    ApiKey(name="viewer-b", sha256=hash_key("viewer-b-key"), role=Role.VIEWER, sites=("site-b",)),
    ApiKey(name="hq", sha256=hash_key("hq-key"), role=Role.VIEWER),
]


@pytest.fixture
async def views(full_loop: list[CloudEvent], envelope: Callable[..., CloudEvent]) -> FakeViewStore:
    """Three projected complaints: c-1 closed and c-2 in dispatch at site-a, c-3 at site-b."""
    store = FakeViewStore()
    projector = Projector(store)
    for event in full_loop:
        await projector.on_event(event)
    await projector.on_event(envelope(received(), timedelta(hours=5), complaint_id="c-2"))
    site_b = new_event(
        received(),
        complaint_id="c-3",
        site_id="site-b",
        source="/test",
        cause_id="c-3",
        correlation_id="c-3",
        time=T0 + timedelta(hours=6),
    )
    await projector.on_event(site_b)
    return store


@pytest.fixture
async def client(views: FakeViewStore) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the query API over `views`, pages capped at 2."""
    app = FastAPI()
    app.include_router(http_router(views, max_page_size=2))
    app.state.api_keys = READER_KEYS
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://projection") as http:
        yield http
