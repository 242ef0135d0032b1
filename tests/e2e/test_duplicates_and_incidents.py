"""Follow-ups (催办) and incidents end to end: five services, real Kafka, real MongoDB server."""

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from closedloop_intake.handlers import call_centre_complaint_id
from closedloop_shared import topics
from closedloop_shared.inbound import InboundComplaint, Reporter
from tests.e2e.conftest import System
from tests.e2e.test_closed_loop import act, answer, reach, view
from tools.harness import eventually, producer

pytestmark = pytest.mark.e2e

INCIDENT_OPENED = "closedloop.complaint.incident_opened"
LINKED = "closedloop.complaint.linked_to_incident"
RECEIVED = "closedloop.complaint.received"


def phone() -> str:
    """A phone number of a reporter of their own."""
    return f"137{random.randrange(10**8):08d}"


def body(location: str, reporter_phone: str, description: str) -> dict[str, Any]:
    """A complaint from the owner app at site-a."""
    return {
        "site_id": "site-a",
        "location": location,
        "channel": "app",
        "reporter": {"phone": reporter_phone},
        "description": description,
    }


async def post(system: System, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """`POST /complaints` to intake; status and answer."""
    async with system.client("intake") as client:
        response = await client.post("/complaints", json=payload)
    return response.status_code, response.json()


async def view_where(system: System, complaint_id: str, what: str, check: Any) -> dict[str, Any]:
    """The complaint's view once `check(view)` holds."""

    async def probe() -> dict[str, Any] | None:
        current = await view(system, complaint_id)
        return current if current and check(current) else None

    return await eventually(probe, timeout=60, what=f"{complaint_id}: {what}")


async def open_in_intake(system: System, complaint_id: str) -> bool:
    """Whether intake's open-complaints index still lists the complaint."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(system.mongodb)
    try:
        docs = client[system.database]["intake_open_complaints"].find({})
        return any([complaint_id in doc.get("entries", {}) async for doc in docs])
    finally:
        await client.close()


async def test_a_follow_up_returns_the_existing_complaint_and_creates_nothing(system: System):
    """Chasing over HTTP and by phone answers the open complaint's id; it counts two follow-ups."""
    owner = phone()
    first = body("12栋1单元0101", owner, "卫生间漏水，楼下天花板也湿了")
    status, created = await post(system, first)
    assert status == 201, created
    complaint_id = created["complaint_id"]
    await reach(system, complaint_id, "on_site")

    status, chased = await post(
        system, {**first, "description": "卫生间还在漏水，天花板一直在滴水"}
    )
    assert status == 200, chased
    assert chased == {
        "complaint_id": complaint_id,
        "status_url": f"/complaints/{complaint_id}",
        "duplicate": False,
        "follow_up": True,
    }
    call = InboundComplaint(
        source_system="cc-north",
        ticket_ref=f"T-chase-{complaint_id[:8]}",
        site_id="site-a",
        location="12号楼1单元0101室",
        caller=Reporter(phone=owner),
        description="业主来电催促：卫生间漏水一直没修",
        called_at=datetime.now(UTC),
    )
    kafka = await producer(system.bootstrap)
    try:
        await kafka.send_and_wait(
            system.topic(topics.INBOUND), call.model_dump_json().encode(), key=b"chase"
        )
    finally:
        await kafka.stop()

    current = await view_where(
        system, complaint_id, "two follow-ups", lambda v: v["follow_ups"] == 2
    )
    assert [f["channel"] for f in current["follow_up_log"]] == ["app", "phone"]
    assert current["stage"] == "on_site"
    reporter = current["reporter_ref"]
    received = [
        e
        for e in system.watcher.lifecycle()
        if e["type"] == RECEIVED and e["data"]["reporter_ref"] == reporter
    ]
    assert [e["subject"] for e in received] == [complaint_id]
    assert await view(system, call_centre_complaint_id(call)) is None


async def test_after_the_complaint_closed_the_same_words_are_a_new_complaint(system: System):
    """Once the loop closed, the owner's next contact about the unit opens a new complaint."""
    first = body("12栋1单元0202", phone(), "厨房水管漏水")
    status, created = await post(system, first)
    assert status == 201, created
    complaint_id = created["complaint_id"]
    await reach(system, complaint_id, "on_site")
    await act(system, complaint_id, "on-site-fix", {"note": "换了水管"})
    await reach(system, complaint_id, "feedback")
    await act(system, complaint_id, "resolve", {"resolution": "已修复"})
    await reach(system, complaint_id, "follow_up")
    await eventually(
        lambda: [n for n in system.watcher.notifications() if n["complaint_id"] == complaint_id],
        what="survey request",
    )
    await answer(system, complaint_id, satisfied=True)
    await reach(system, complaint_id, "closed")

    async def forgotten() -> bool:
        return not await open_in_intake(system, complaint_id)

    await eventually(forgotten, timeout=60, what="intake learnt the complaint closed")

    status, again = await post(system, first)
    assert status == 201, again
    assert again["complaint_id"] != complaint_id
    assert again["follow_up"] is False


async def test_a_lift_failure_in_two_units_is_one_incident_dispatched_and_resolved_once(
    system: System,
):
    """Two units report the lift: one incident, one owning department, staff act on the lead,
    and resolving the lead resolves the member; both owners are asked for a survey."""
    status, first = await post(system, body("21栋1单元0101", phone(), "电梯坏了，一直停在一楼"))
    assert status == 201, first
    lead = first["complaint_id"]
    await reach(system, lead, "on_site")
    status, second = await post(system, body("21栋2单元0202", phone(), "The lift is not working"))
    assert status == 201, second
    member = second["complaint_id"]

    joined = await view_where(system, member, "joined the incident", lambda v: v["incident_id"])
    incident_id = joined["incident_id"]
    assert joined["incident_lead"] == lead
    assert joined["incident_kind"] == "lift"
    led = await view_where(system, lead, "leads the incident", lambda v: v["incident_id"])
    assert (led["incident_id"], led["incident_lead"]) == (incident_id, lead)
    await reach(system, member, "on_site")
    assert [(a["department"], a["rule"]) for a in led["assignments"]] == [
        ("engineering", "default: repair -> engineering")
    ]
    member_view = await view(system, member)
    assert member_view is not None
    assert [(a["department"], a["rule"]) for a in member_view["assignments"]] == [
        ("engineering", f"incident {incident_id}")
    ]

    async with system.client("router") as client:
        refused = await client.post(f"/complaints/{member}/on-site-fix", json={"note": "x"})
    assert refused.status_code == 409, refused.text
    await act(system, lead, "on-site-fix", {"note": "更换了电梯控制板"})
    await reach(system, member, "feedback")
    await act(system, lead, "resolve", {"resolution": "电梯已恢复运行"})
    await view_where(
        system, member, "resolved with its lead", lambda v: v["stage"] in {"follow_up", "closed"}
    )
    await eventually(
        lambda: {n["complaint_id"] for n in system.watcher.notifications()} >= {lead, member},
        timeout=60,
        what="survey requests for the lead and the member",
    )

    opened = [e for e in system.watcher.lifecycle() if e["type"] == INCIDENT_OPENED]
    assert [e["subject"] for e in {e["id"]: e for e in opened}.values()] == [lead]
    links = {e["id"]: e for e in system.watcher.lifecycle(member) if e["type"] == LINKED}
    assert len(links) == 1
    async with system.client("projection") as client:
        listed = await client.get("/complaints", params={"incident_id": incident_id})
    assert sorted(v["complaint_id"] for v in listed.json()) == sorted([lead, member])
