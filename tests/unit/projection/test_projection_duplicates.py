"""The view shows follow-ups (催办) and the incident a complaint belongs to."""

from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from closedloop_projection.domain import ComplaintView, FollowUp
from closedloop_projection.http import http_router
from closedloop_projection.service import Projector
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import (
    ComplaintFollowedUp,
    ComplaintLinkedToIncident,
    IncidentLink,
    IncidentOpened,
)
from closedloop_shared.vocabulary import Channel, FacilityKind, Stage
from tests.unit.projection.conftest import READER_KEYS, T0, FakeViewStore, received

Envelope = Callable[..., CloudEvent]

H = timedelta(hours=1)
INCIDENT = "i-1"


def chased(after: timedelta, follow_up_id: str) -> ComplaintFollowedUp:
    """The owner chasing the complaint `after` T0 through WeChat."""
    return ComplaintFollowedUp(
        follow_up_id=follow_up_id,
        channel=Channel.WECHAT,
        description="还没人来，催一下",
        reported_at=T0 + after,
    )


@pytest.fixture
def projector() -> Projector:
    """A projector over the fake view store."""
    return Projector(FakeViewStore())


async def test_follow_ups_are_counted_and_listed_with_their_times(
    projector: Projector, envelope: Envelope
) -> None:
    """Each follow-up adds one to the count and one entry with contact and receipt times."""
    await projector.on_event(envelope(received(), 10 * timedelta(minutes=1)))
    await projector.on_event(envelope(chased(2 * H, "f-1"), 2 * H))
    view = await projector.on_event(envelope(chased(5 * H, "f-2"), 5 * H + timedelta(minutes=1)))
    assert view is not None
    assert view.follow_ups == 2
    assert view.follow_up_log[-1] == FollowUp(
        follow_up_id="f-2",
        channel=Channel.WECHAT,
        description="还没人来，催一下",
        reported_at=T0 + 5 * H,
        at=T0 + 5 * H + timedelta(minutes=1),
    )
    assert view.stage is Stage.DISPATCH


async def test_a_redelivered_follow_up_counts_once(
    projector: Projector, envelope: Envelope
) -> None:
    """Replaying a ComplaintFollowedUp is a no-op."""
    await projector.on_event(envelope(received(), H))
    event = envelope(chased(2 * H, "f-1"), 2 * H)
    await projector.on_event(event)
    view = await projector.on_event(event)
    assert view is not None
    assert view.follow_ups == 1


async def test_a_member_that_joined_on_receipt_shows_its_incident(
    projector: Projector, envelope: Envelope
) -> None:
    """The incident named in ComplaintReceived appears on the view at once."""
    link = IncidentLink(incident_id=INCIDENT, lead_complaint_id="c-lead", kind=FacilityKind.LIFT)
    view = await projector.on_event(envelope(received().model_copy(update={"incident": link}), H))
    assert view is not None
    assert (view.incident_id, view.incident_lead, view.incident_kind) == (
        INCIDENT,
        "c-lead",
        FacilityKind.LIFT,
    )


async def test_the_lead_and_later_linked_members_show_the_incident(
    projector: Projector, envelope: Envelope
) -> None:
    """IncidentOpened marks the lead; ComplaintLinkedToIncident marks an earlier complaint."""
    await projector.on_event(envelope(received(), H, complaint_id="c-lead"))
    await projector.on_event(envelope(received(), H, complaint_id="c-2"))
    opened = IncidentOpened(
        incident_id=INCIDENT, kind=FacilityKind.WATER, building="3", window_start=T0
    )
    lead = await projector.on_event(envelope(opened, 2 * H, complaint_id="c-lead"))
    linked = ComplaintLinkedToIncident(
        incident_id=INCIDENT, lead_complaint_id="c-lead", kind=FacilityKind.WATER
    )
    member = await projector.on_event(envelope(linked, 2 * H, complaint_id="c-2"))
    assert lead is not None
    assert member is not None
    assert (lead.incident_id, lead.incident_lead) == (INCIDENT, "c-lead")
    assert (member.incident_id, member.incident_lead) == (INCIDENT, "c-lead")
    assert member.stage is Stage.DISPATCH


@pytest.fixture
async def client(projector: Projector, envelope: Envelope) -> AsyncIterator[httpx.AsyncClient]:
    """The query API over two complaints of incident i-1 and one outside it."""
    link = IncidentLink(incident_id=INCIDENT, lead_complaint_id="c-1", kind=FacilityKind.LIFT)
    await projector.on_event(envelope(received(), H, complaint_id="c-1"))
    opened = IncidentOpened(
        incident_id=INCIDENT, kind=FacilityKind.LIFT, building="3", window_start=T0
    )
    await projector.on_event(envelope(opened, 2 * H, complaint_id="c-1"))
    joined = received().model_copy(update={"incident": link})
    await projector.on_event(envelope(joined, 2 * H, complaint_id="c-2"))
    await projector.on_event(envelope(received(), 3 * H, complaint_id="c-3"))
    store = projector.store
    assert isinstance(store, FakeViewStore)
    app = FastAPI()
    app.include_router(http_router(store, max_page_size=10))
    app.state.api_keys = READER_KEYS
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://projection") as http:
        yield http


async def test_an_incidents_complaints_are_listed_by_incident_id(
    client: httpx.AsyncClient,
) -> None:
    """`GET /complaints?incident_id=` lists the lead and the members, nothing else."""
    response = await client.get(
        "/complaints", params={"incident_id": INCIDENT}, headers={"X-API-Key": "hq-key"}
    )
    assert response.status_code == 200
    assert sorted(v["complaint_id"] for v in response.json()) == ["c-1", "c-2"]
    assert {ComplaintView.model_validate(v).incident_lead for v in response.json()} == {"c-1"}
