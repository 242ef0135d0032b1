"""The whole loop on real Kafka and a real MongoDB-compatible server, five services running."""

import asyncio
import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from bson.raw_bson import RawBSONDocument
from pymongo import AsyncMongoClient

from closedloop_intake.handlers import call_centre_complaint_id
from closedloop_projection.domain import ComplaintView
from closedloop_projection.service import Projector
from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.inbound import InboundComplaint
from closedloop_shared.store import MongoRecordStore
from tests.e2e.conftest import OTHER_SITE_KEY, STAFF_KEY, STAGE_SECONDS, System
from tools.harness import eventually, producer

pytestmark = pytest.mark.e2e

LEAK = "卫生间漏水，楼下天花板也湿了，麻烦尽快来修"


def _body(**overrides: Any) -> dict[str, Any]:
    # A phone of its own: the same owner about the same unit again would be a follow-up (催办).
    body = {
        "site_id": "site-a",
        "location": "3栋2单元1202",
        "channel": "app",
        "reporter": {"phone": f"138{random.randrange(10**8):08d}", "name": "张三"},
        "description": LEAK,
    }
    return {**body, **overrides}


async def submit(system: System, **overrides: Any) -> str:
    async with system.client("intake") as client:
        response = await client.post("/complaints", json=_body(**overrides))
    assert response.status_code == 201, response.text
    return str(response.json()["complaint_id"])


async def view(system: System, complaint_id: str) -> dict[str, Any] | None:
    async with system.client("projection") as client:
        response = await client.get(f"/complaints/{complaint_id}")
    return response.json() if response.status_code == 200 else None


async def reach(
    system: System, complaint_id: str, stage: str, timeout: float = 30
) -> dict[str, Any]:
    async def probe() -> dict[str, Any] | None:
        current = await view(system, complaint_id)
        return current if current and current["stage"] == stage else None

    return await eventually(probe, timeout=timeout, what=f"{complaint_id} in stage {stage}")


async def act(system: System, complaint_id: str, action: str, body: dict[str, Any]) -> None:
    async with system.client("router") as client:
        response = await client.post(f"/complaints/{complaint_id}/{action}", json=body)
    assert response.status_code == 202, response.text


async def answer(system: System, complaint_id: str, *, satisfied: bool) -> None:
    async with system.client("feedback") as client:
        response = await client.post(
            f"/complaints/{complaint_id}/survey",
            json={"satisfied": satisfied, "score": 5 if satisfied else 1, "comment": "ok"},
        )
    assert response.status_code == 202, response.text


async def walk_to_follow_up(system: System, complaint_id: str) -> None:
    await reach(system, complaint_id, "on_site")
    await act(system, complaint_id, "on-site-fix", {"note": "换了角阀"})
    await reach(system, complaint_id, "feedback")
    await act(system, complaint_id, "resolve", {"resolution": "已修复，已告知业主"})
    await reach(system, complaint_id, "follow_up")
    await eventually(
        lambda: [n for n in system.watcher.notifications() if n["complaint_id"] == complaint_id],
        what="survey request",
    )


async def test_complaint_walks_all_five_stages(system: System):
    """A complaint submitted over HTTP is dispatched, fixed, resolved, surveyed and closed."""
    complaint_id = await submit(system)
    await walk_to_follow_up(system, complaint_id)
    await answer(system, complaint_id, satisfied=True)
    final = await reach(system, complaint_id, "closed")

    assert final["department"] == "engineering"
    assert final["category"] == "repair"
    assert final["location"] == {"raw": "3栋2单元1202", "building": "3", "unit": "2-1202"}
    stages = {s["stage"]: s for s in final["stages"]}
    assert list(stages) == ["accept", "dispatch", "on_site", "feedback", "follow_up"]
    assert all(s["started_at"] and s["ended_at"] for s in stages.values())
    assert final["closed_reason"] == "satisfied"
    assert [s["satisfied"] for s in final["surveys"]] == [True]


async def test_lifecycle_topic_carries_no_contact_details(system: System):
    """The reporter's phone and name appear neither on the lifecycle topic nor in any log."""
    complaint_id = await submit(system, reporter={"phone": "13912345678", "name": "李四"})
    await reach(system, complaint_id, "on_site")
    await eventually(lambda: len(system.watcher.lifecycle(complaint_id)) >= 2, what="events")
    raw = b"".join(v for _, v in system.watcher.messages[topics.LIFECYCLE])
    assert complaint_id.encode() in raw
    assert b"13912345678" not in raw
    assert "李四".encode() not in raw
    logs = "".join(s.log_path.read_text(errors="replace") for s in system.services.values())
    assert complaint_id in logs
    assert "13912345678" not in logs
    assert "李四" not in logs


async def test_overdue_complaint_yields_exactly_one_yellow_per_stage(system: System):
    """Each stage left past its deadline escalates yellow exactly once; a prompt stage never."""
    late_contact = datetime.now(UTC) - timedelta(seconds=STAGE_SECONDS * 4)
    complaint_id = await submit(system, reported_at=late_contact.isoformat())

    def yellows() -> Counter[str]:
        escalated = [
            e
            for e in system.watcher.lifecycle(complaint_id)
            if e["type"] == "closedloop.complaint.escalated" and e["data"]["level"] == "yellow"
        ]
        return Counter(e["data"]["stage"] for e in {e["id"]: e for e in escalated}.values())

    await reach(system, complaint_id, "on_site")
    await eventually(lambda: yellows()["on_site"], timeout=STAGE_SECONDS * 5, what="on_site yellow")
    await act(system, complaint_id, "on-site-fix", {"note": "到场处理"})
    await eventually(
        lambda: yellows()["feedback"], timeout=STAGE_SECONDS * 5, what="feedback yellow"
    )
    await act(system, complaint_id, "resolve", {"resolution": "已处理"})
    await eventually(
        lambda: yellows()["follow_up"], timeout=STAGE_SECONDS * 5, what="follow_up yellow"
    )
    await answer(system, complaint_id, satisfied=True)
    await reach(system, complaint_id, "closed")
    await asyncio.sleep(STAGE_SECONDS)  # time for a wrongly repeated escalation to show up

    assert yellows() == Counter({"accept": 1, "on_site": 1, "feedback": 1, "follow_up": 1})
    final = await view(system, complaint_id)
    assert final is not None
    projected = Counter(e["stage"] for e in final["escalations"] if e["level"] == "yellow")
    assert projected == yellows()


async def test_poison_message_is_dead_lettered_and_the_next_one_processed(system: System):
    """Garbage on the inbound topic lands in the dead-letter topic; the next valid call counts."""
    kafka = await producer(system.bootstrap)
    valid = InboundComplaint(
        source_system="cc-north",
        ticket_ref="T-e2e-poison-1",
        agent_id="agent-7",
        site_id="site-a",
        location="B-1504",
        caller={"phone": "13700000000"},
        description="楼道灯坏了好几天了",
        called_at=datetime.now(UTC),
    )
    try:
        await kafka.send_and_wait(system.topic(topics.INBOUND), b"{not json", key=b"poison")
        await kafka.send_and_wait(
            system.topic(topics.INBOUND),
            valid.model_dump_json().encode(),
            key=valid.ticket_ref.encode(),
        )
    finally:
        await kafka.stop()

    [letter] = await eventually(
        lambda: [d for d in system.watcher.dead_letters() if d["key"] == "poison"],
        what="dead letter",
    )
    assert letter["original"] == "{not json"
    assert letter["service"] == "intake"
    assert letter["reason"]
    complaint = await reach(system, call_centre_complaint_id(valid), "on_site")
    assert complaint["channel"] == "phone"
    assert complaint["location"]["unit"] == "1504"


async def test_invalid_inbound_message_is_dead_lettered_with_field_reasons(system: System):
    """A well-formed but invalid call-centre message is dead-lettered naming the bad fields."""
    kafka = await producer(system.bootstrap)
    bad = {"source_system": "cc", "ticket_ref": "T-bad", "site_id": "site-a", "location": "x"}
    try:
        await kafka.send_and_wait(
            system.topic(topics.INBOUND), json.dumps(bad).encode(), key=b"T-bad"
        )
    finally:
        await kafka.stop()
    [letter] = await eventually(
        lambda: [d for d in system.watcher.dead_letters() if d["key"] == "T-bad"],
        what="dead letter",
    )
    assert "caller" in letter["reason"]
    assert "called_at" in letter["reason"]


async def test_restarted_services_lose_and_duplicate_nothing(system: System):
    """Router stopped, projection crashed mid-flow: after restart each event is in the view once."""
    router, projection = system.services["router"], system.services["projection"]
    assert router.stop() == 0
    complaint_id = await submit(system, description="电梯按钮坏了")
    await eventually(lambda: system.watcher.lifecycle(complaint_id), what="received event")
    router.start()
    await router.wait_healthy()
    await reach(system, complaint_id, "on_site", timeout=60)

    projection.kill()
    await act(system, complaint_id, "on-site-fix", {"note": "已更换按钮"})
    await act(system, complaint_id, "resolve", {"resolution": "已修复"})
    projection.start()
    await projection.wait_healthy()

    async def caught_up() -> dict[str, Any] | None:
        # The survey window may close the complaint meanwhile; what matters is every event once.
        current = await view(system, complaint_id)
        distinct = {e["id"] for e in system.watcher.lifecycle(complaint_id)}
        resolved = "closedloop.complaint.resolved" in {
            e["type"] for e in system.watcher.lifecycle(complaint_id)
        }
        return current if current and resolved and current["events"] == len(distinct) else None

    final = await eventually(caught_up, timeout=90, what="projection caught up after restart")
    assert final["stage"] in {"follow_up", "closed"}
    assert [a["department"] for a in final["assignments"]] == ["engineering"]
    assert [s["stage"] for s in final["stages"]][:5] == [
        "accept",
        "dispatch",
        "on_site",
        "feedback",
        "follow_up",
    ]


async def test_dissatisfied_owner_reopens_and_complaint_is_dispatched_again(system: System):
    """A dissatisfied answer reopens the complaint (round 1) and the router dispatches it again."""
    complaint_id = await submit(system, description="水管又漏了")
    await walk_to_follow_up(system, complaint_id)
    await answer(system, complaint_id, satisfied=False)

    async def redispatched() -> dict[str, Any] | None:
        current = await view(system, complaint_id)
        return (
            current if current and current["round"] == 1 and current["stage"] == "on_site" else None
        )

    final = await eventually(redispatched, what="re-dispatch in round 1")
    assert [a["round"] for a in final["assignments"]] == [0, 1]
    assert [s["satisfied"] for s in final["surveys"]] == [False]
    types = [e["type"] for e in system.watcher.lifecycle(complaint_id)]
    assert "closedloop.complaint.reopened" in types


async def test_unanswered_survey_closes_as_no_response(system: System):
    """No answer by the follow-up deadline closes the complaint as no-response."""
    complaint_id = await submit(system, description="小区垃圾没人清理")
    await walk_to_follow_up(system, complaint_id)
    final = await reach(system, complaint_id, "closed", timeout=60)
    assert final["closed_reason"] == "no_response"
    assert final["surveys"] == []


async def test_queries_are_scoped_to_the_callers_sites(system: System):
    """Another site's key gets 404 for this site's complaint; this site's staff key sees it."""
    complaint_id = await submit(system)
    await reach(system, complaint_id, "on_site")
    async with system.client("projection", OTHER_SITE_KEY) as other:
        assert (await other.get(f"/complaints/{complaint_id}")).status_code == 404
    async with system.client("projection", STAFF_KEY) as staff:
        assert (await staff.get(f"/complaints/{complaint_id}")).status_code == 200


async def test_replaying_the_lifecycle_twice_leaves_byte_identical_views(system: System):
    """Rebuilding views from the topic twice gives the live documents, byte for byte."""
    complaint_id = await submit(system, description="门禁卡刷不开")
    await walk_to_follow_up(system, complaint_id)
    await answer(system, complaint_id, satisfied=True)
    await reach(system, complaint_id, "closed")
    await asyncio.sleep(1)  # let the live projection apply anything still in flight

    client: AsyncMongoClient[RawBSONDocument] = AsyncMongoClient(
        system.mongodb, tz_aware=True, document_class=RawBSONDocument
    )
    typed: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(system.mongodb, tz_aware=True)
    try:
        replay = typed[system.database]["replay_views"]
        await replay.drop()
        projector = Projector(MongoRecordStore(replay, ComplaintView))
        events = [CloudEvent.model_validate(e) for e in system.watcher.lifecycle(complaint_id)]

        async def snapshot(collection: str) -> bytes:
            doc = await client[system.database][collection].find_one({"_id": complaint_id})
            assert doc is not None
            return bytes(doc.raw)

        for event in events:
            await projector.on_event(event)
        first = await snapshot("replay_views")
        for event in events:
            await projector.on_event(event)
        second = await snapshot("replay_views")
        live = await snapshot("complaints")
    finally:
        await client.close()
        await typed.close()
    assert first == second
    assert first == live


async def test_reviewer_correction_reroutes_and_later_stages_use_it(system: System):
    """A front-desk correction of the category moves an owned complaint to the right department."""
    complaint_id = await submit(system, description="楼上天天晚上很吵")
    first = await reach(system, complaint_id, "on_site")
    assert first["department"] == "customer_service"
    async with system.client("intake") as client:
        response = await client.post(
            f"/complaints/{complaint_id}/review",
            json={"reason": "owner clarified: water dripping from above", "category": "repair"},
        )
    assert response.status_code == 202, response.text

    async def rerouted() -> dict[str, Any] | None:
        current = await view(system, complaint_id)
        return current if current and current["department"] == "engineering" else None

    final = await eventually(rerouted, what="re-route to engineering")
    assert final["category"] == "repair"
    assert final["stage"] == "on_site"
    assert [a["transferred_from"] for a in final["assignments"]] == [None, "customer_service"]
    assert [c["reason"] for c in final["corrections"]] == [
        "owner clarified: water dripping from above"
    ]


async def test_staff_on_site_report_keeps_photo_references(system: System):
    """A staff member's report from site is received with its photo references."""
    complaint_id = await submit(
        system,
        channel="on_site_staff",
        reporter={"staff_id": "eng-204"},
        description="巡检发现5栋地下车库水管渗水",
        location="5栋",
        attachments=["s3://inspections/2026/11/27/pipe-1.jpg", "https://cdn.example/p/2.jpg"],
    )
    current = await reach(system, complaint_id, "on_site")
    assert current["channel"] == "on_site_staff"
    assert current["attachments"] == [
        "s3://inspections/2026/11/27/pipe-1.jpg",
        "https://cdn.example/p/2.jpg",
    ]
