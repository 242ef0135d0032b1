"""Fixtures for the router unit tests: packaged rules, a fake clock, fakes, event builders."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from closedloop_router.adapters.rules import read_rules_file
from closedloop_router.domain import RoutingRules, Workflow
from closedloop_router.http import http_router
from closedloop_router.incidents import Incident
from closedloop_router.service import Router
from closedloop_shared.auth import ApiKey, Role, hash_key
from closedloop_shared.commands import (
    Command,
    ReportOnSiteFix,
    ResolveComplaint,
    TransferComplaint,
)
from closedloop_shared.envelope import CloudEvent, new_event
from closedloop_shared.events import (
    ComplaintReceived,
    ComplaintReopened,
    EventData,
    Location,
)
from closedloop_shared.ports import RecordingPublisher
from closedloop_shared.store import InMemoryRecordStore
from closedloop_shared.vocabulary import Category, Channel

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SITE = "site-a"
OTHER_SITE = "site-b"
COMPLAINT = "c-1"


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def received_data(
    category: Category = Category.REPAIR, *, urgent: bool = False
) -> ComplaintReceived:
    """A complaint of `category` as intake records it."""
    return ComplaintReceived(
        location=Location(raw="3栋2单元1202", building="3", unit="2-1202"),
        channel=Channel.APP,
        reporter_ref="r-42",
        description="卫生间漏水",
        category=category,
        urgent=urgent,
        confidence=0.9,
        reported_at=T0 - timedelta(minutes=10),
    )


class Scenario:
    """The router on fakes, with helpers that bring a complaint to a given stage."""

    def __init__(self, rules: RoutingRules) -> None:
        self.clock = FakeClock(T0)
        self.store: InMemoryRecordStore[Workflow] = InMemoryRecordStore()
        self.incidents: InMemoryRecordStore[Incident] = InMemoryRecordStore()
        self.publisher = RecordingPublisher()
        self.rules = rules
        self.router = Router(
            store=self.store,
            publisher=self.publisher,
            rules=lambda: self.rules,
            clock=self.clock,
            incidents=self.incidents,
        )
        self._seq = 0

    def envelope(
        self,
        data: EventData,
        *,
        complaint_id: str = COMPLAINT,
        site_id: str = SITE,
        cause: str | None = None,
    ) -> CloudEvent:
        """`data` in an envelope as another service would emit it, timed by the clock."""
        self._seq += 1
        return new_event(
            data,
            complaint_id=complaint_id,
            site_id=site_id,
            source="/test",
            cause_id=cause or f"upstream-{self._seq}",
            correlation_id="corr-1",
            time=self.clock(),
        )

    def received(
        self,
        category: Category = Category.REPAIR,
        *,
        complaint_id: str = COMPLAINT,
        site_id: str = SITE,
    ) -> CloudEvent:
        """A ComplaintReceived envelope of `category`, not yet delivered."""
        return self.envelope(received_data(category), complaint_id=complaint_id, site_id=site_id)

    async def receive(
        self,
        category: Category = Category.REPAIR,
        *,
        complaint_id: str = COMPLAINT,
        site_id: str = SITE,
    ) -> CloudEvent:
        """Deliver a ComplaintReceived; the envelope delivered (the router assigns it)."""
        event = self.received(category, complaint_id=complaint_id, site_id=site_id)
        await self.router.on_event(event)
        return event

    def command(self, kind: str, *, command_id: str = "cmd-1", **fields: Any) -> Command:
        """A staff command of `kind` for the default complaint, issued now."""
        classes: dict[str, type[Command]] = {
            "fix": ReportOnSiteFix,
            "resolve": ResolveComplaint,
            "transfer": TransferComplaint,
        }
        defaults: dict[str, dict[str, Any]] = {
            "fix": {"note": "valve replaced"},
            "resolve": {"resolution": "leak fixed, ceiling dried"},
            "transfer": {"department": "security", "reason": "a break-in, not a repair"},
        }
        values: dict[str, Any] = {
            "command_id": command_id,
            "complaint_id": COMPLAINT,
            "site_id": SITE,
            "actor": "staff-7",
            "issued_at": self.clock(),
            **defaults[kind],
            **fields,
        }
        return classes[kind].model_validate(values)

    async def to_follow_up(self) -> None:
        """Bring the default complaint through dispatch, on-site fix and resolution."""
        await self.receive()
        await self.router.on_command(self.command("fix", command_id="cmd-fix"))
        await self.router.on_command(self.command("resolve", command_id="cmd-resolve"))

    async def reopen(self, round_: int) -> CloudEvent:
        """Deliver the feedback service's ComplaintReopened for `round_`."""
        event = self.envelope(ComplaintReopened(reason="still leaking", round=round_))
        await self.router.on_event(event)
        return event

    def state(self, complaint_id: str = COMPLAINT) -> Workflow:
        """The stored workflow of the complaint."""
        return self.store.records[complaint_id].state


@pytest.fixture
def rules() -> RoutingRules:
    """The packaged default rules of DOMAIN.md."""
    return read_rules_file(None)


@pytest.fixture
def scenario(rules: RoutingRules) -> Scenario:
    """A fresh router on in-memory fakes at T0."""
    return Scenario(rules)


STAFF_KEY = "staff-key"
ADMIN_KEY = "admin-key"
VIEWER_KEY = "viewer-key"
OTHER_SITE_KEY = "other-site-key"

API_KEYS = [
    ApiKey(name="staff-7", sha256=hash_key(STAFF_KEY), role=Role.STAFF, sites=(SITE,)),
    ApiKey(name="ops", sha256=hash_key(ADMIN_KEY), role=Role.ADMIN),
    ApiKey(name="analyst", sha256=hash_key(VIEWER_KEY), role=Role.VIEWER),
    ApiKey(name="staff-b", sha256=hash_key(OTHER_SITE_KEY), role=Role.STAFF, sites=(OTHER_SITE,)),
]


@pytest.fixture
async def client(scenario: Scenario) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the router's staff-action endpoints, with four configured keys."""
    app = FastAPI()
    app.include_router(http_router(scenario.router))
    app.state.api_keys = API_KEYS
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as http:
        yield http
