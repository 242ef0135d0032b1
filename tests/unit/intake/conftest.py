"""Fixtures for the intake unit tests: a fixed clock, fakes, a submission builder, HTTP."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from closedloop_intake.domain import AcceptedComplaint, Submission
from closedloop_intake.http import http_router
from closedloop_intake.service import InMemoryContacts, Intake
from closedloop_shared.auth import ApiKey, Role, hash_key
from closedloop_shared.inbound import Reporter
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Channel

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
REPORTER_KEY = b"test-reporter-key"


class FakeClock:
    """A clock that stands still unless a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Scenario:
    """Intake on fakes."""

    def __init__(self) -> None:
        self.clock = FakeClock(NOW)
        self.store: InMemoryRecordStore[AcceptedComplaint] = InMemoryRecordStore()
        self.publisher = RecordingPublisher()
        self.contacts = InMemoryContacts()
        self.intake = Intake(
            store=self.store,
            publisher=self.publisher,
            contacts=self.contacts,
            clock=self.clock,
            reporter_key=REPORTER_KEY,
            review_below=0.5,
        )


@pytest.fixture
def now() -> datetime:
    """The instant the fake clock shows."""
    return NOW


@pytest.fixture
def reporter_key() -> bytes:
    """The pseudonymisation key intake is configured with."""
    return REPORTER_KEY


@pytest.fixture
def scenario() -> Scenario:
    """A fresh intake on in-memory fakes."""
    return Scenario()


@pytest.fixture
def make_submission() -> Callable[..., Submission]:
    """Builds a complaint from owner Wang at site-a, overriding any field."""

    def build(**fields: Any) -> Submission:
        values: dict[str, Any] = {
            "site_id": "site-a",
            "location": "3栋2单元1202",
            "channel": Channel.APP,
            "reporter": Reporter(name="王小明", phone="+86 138-0013-8000"),
            "description": "卫生间天花板漏水，楼上在滴水",
            "reported_at": datetime(2025, 3, 1, 8, 30, tzinfo=UTC),
            "external_ref": None,
            **fields,
        }
        return Submission(**values)

    return build


@pytest.fixture
def body() -> dict[str, Any]:
    """A valid `POST /complaints` body (tests copy and change it)."""
    return {
        "site_id": "site-a",
        "location": "3栋2单元1202",
        "channel": "app",
        "reporter": {"name": "王小明", "phone": "13800138000"},
        "description": "电梯坏了，困了两天没人修",
        "reported_at": "2025-03-01T08:30:00Z",
    }


API_KEYS = [
    ApiKey(name="app-backend", sha256=hash_key("app-key"), role=Role.OWNER_APP),
    ApiKey(name="agent-a", sha256=hash_key("agent-a-key"), role=Role.AGENT, sites=("site-a",)),
    ApiKey(name="agent-b", sha256=hash_key("agent-b-key"), role=Role.AGENT, sites=("site-b",)),
    ApiKey(name="analyst", sha256=hash_key("viewer-key"), role=Role.VIEWER),
]


@pytest.fixture
async def client(scenario: Scenario) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on intake's `POST /complaints`, with four configured keys."""
    app = FastAPI()
    app.include_router(http_router(scenario.intake))
    app.state.api_keys = API_KEYS
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as http:
        yield http
