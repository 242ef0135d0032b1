"""`make demo`: the five services on the local infrastructure, driven through a short scenario.

Clocks are shortened (every stage 4 s) so escalations show within the demo. Three complaints:
an owner-app leak walked through all five stages to a satisfied close, an urgent call-centre gas
smell left alone until it escalates, and a noise complaint whose owner is not satisfied, so it is
reopened and dispatched again. The timeline printed is read back from the lifecycle topic.
"""

import asyncio
import json
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from closedloop_intake.handlers import call_centre_complaint_id
from closedloop_shared import topics
from closedloop_shared.auth import hash_key
from closedloop_shared.inbound import InboundComplaint, Reporter
from tools.harness import (
    TopicWatcher,
    environment,
    eventually,
    producer,
    running_services,
)

ROOT = Path(__file__).resolve().parent.parent
KEY = "demo-admin-key"
STAGE_SECONDS = 4


def infra_endpoints() -> tuple[str, str]:
    """Kafka and MongoDB endpoints written by `make infra-up`."""
    text = (ROOT / ".infra" / "env").read_text()
    pairs = dict(re.findall(r"^export (\w+)=(\S+)$", text, flags=re.MULTILINE))
    return pairs["KAFKA_BOOTSTRAP_SERVERS"], pairs["MONGODB_URI"]


class Timeline:
    """Prints each new lifecycle event once, as it appears on the topic."""

    def __init__(self, watcher: TopicWatcher, names: dict[str, str]) -> None:
        self.watcher, self.names, self.seen = watcher, names, set[str]()
        self.start = time.monotonic()

    def show(self) -> None:
        for event in self.watcher.lifecycle():
            if event["id"] in self.seen or event["subject"] not in self.names:
                continue
            self.seen.add(event["id"])
            kind = event["type"].removeprefix("closedloop.complaint.")
            data = event["data"]
            detail = {
                "received": lambda d: f"category={d['category']} urgent={d['urgent']}",
                "assigned": lambda d: f"department={d['department']} round={d['round']}",
                "escalated": lambda d: (
                    f"{d['level'].upper()} stage={d['stage']} -> {d['escalate_to']}"
                ),
                "surveyed": lambda d: f"satisfied={d['satisfied']}",
                "reopened": lambda d: f"round={d['round']}",
                "closed": lambda d: f"reason={d['reason']}",
            }.get(kind, lambda d: "")(data)
            elapsed = time.monotonic() - self.start
            print(f"  +{elapsed:5.1f}s  {self.names[event['subject']]:<10} {kind:<15} {detail}")


async def main() -> None:  # noqa: PLR0915 - a scenario reads best top to bottom
    """Run the scenario and print the timeline and each complaint's final view."""
    kafka, mongodb = infra_endpoints()
    run = uuid.uuid4().hex[:6]
    namespace = f"demo{run}."
    base = environment(
        kafka=kafka,
        mongodb=mongodb,
        namespace=namespace,
        database=f"demo_{run}",
        api_keys=[{"name": "demo", "sha256": hash_key(KEY), "role": "admin"}],
        stage_seconds=STAGE_SECONDS,
        response_window_seconds=30,
    )
    logs = ROOT / ".infra" / "logs" / f"demo-{run}"
    print(f"closedloop demo: starting five services (logs in {logs.relative_to(ROOT)}) ...")
    async with running_services(base, logs) as services:
        watcher = TopicWatcher(kafka, namespace)
        await watcher.start()
        http = {
            name: httpx.AsyncClient(base_url=s.url, headers={"X-API-Key": KEY}, timeout=15)
            for name, s in services.items()
        }
        names: dict[str, str] = {}
        timeline = Timeline(watcher, names)

        async def stage_of(cid: str) -> str | None:
            response = await http["projection"].get(f"/complaints/{cid}")
            return response.json()["stage"] if response.status_code == 200 else None

        async def reach(cid: str, stage: str) -> None:
            async def probe() -> bool:
                timeline.show()
                return await stage_of(cid) == stage

            await eventually(probe, timeout=60, what=f"{names[cid]} in {stage}")

        async def post(service: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
            response = await http[service].post(path, json=body)
            response.raise_for_status()
            return dict(response.json())

        print("timeline (read back from the lifecycle topic):")
        leak = (
            await post(
                "intake",
                "/complaints",
                {
                    "site_id": "estate-001",
                    "location": "3栋2单元1202",
                    "channel": "app",
                    "reporter": {"phone": "13800138000", "name": "张三"},
                    "description": "卫生间水管漏水，楼下天花板已经湿了",
                },
            )
        )["complaint_id"]
        names[leak] = "leak"
        gas = InboundComplaint(
            source_system="callcentre-east",
            ticket_ref=f"CC-{run}-1",
            agent_id="agent-12",
            site_id="estate-001",
            location="Block B unit 1504",
            caller=Reporter(phone="13900000001"),
            description="Strong gas smell in the stairwell on floor 15, please come now",
            called_at=datetime.now(UTC),
        )
        names[call_centre_complaint_id(gas)] = "gas"
        send = await producer(kafka)
        await send.send_and_wait(
            namespace + topics.INBOUND, gas.model_dump_json().encode(), key=b"CC-1"
        )
        await send.stop()
        noise = (
            await post(
                "intake",
                "/complaints",
                {
                    "site_id": "estate-002",
                    "location": "B-0803",
                    "channel": "wechat",
                    "reporter": {"app_user_id": "wx-8841"},
                    "description": "楼上装修噪音太大，晚上十点还在施工",
                },
            )
        )["complaint_id"]
        names[noise] = "noise"

        for cid, fix, result in (
            (leak, "更换了角阀", "已修复并告知业主"),
            (noise, "已上门劝导装修户", "已约定施工时间"),
        ):
            await reach(cid, "on_site")
            await post("router", f"/complaints/{cid}/on-site-fix", {"note": fix})
            await reach(cid, "feedback")
            await post("router", f"/complaints/{cid}/resolve", {"resolution": result})
            await reach(cid, "follow_up")
        await post("feedback", f"/complaints/{leak}/survey", {"satisfied": True, "score": 5})
        await post(
            "feedback",
            f"/complaints/{noise}/survey",
            {"satisfied": False, "score": 2, "comment": "还是很吵"},
        )
        await reach(leak, "closed")

        async def escalated() -> bool:
            timeline.show()
            return any(
                e["type"] == "closedloop.complaint.escalated" and e["data"]["level"] == "yellow"
                for e in watcher.lifecycle(call_centre_complaint_id(gas))
            )

        await eventually(escalated, timeout=60, what="an escalation of the gas complaint")
        await reach(noise, "on_site")
        timeline.show()

        print("\nnotifications (complaints.notifications.v1):")
        for note in watcher.notifications():
            if note["complaint_id"] in names:
                name, reason = names[note["complaint_id"]], note.get("reason", "")
                print(f"  {name:<6} {note['type']:<17} {reason}")

        print("\nfinal state (GET /complaints/{id} on the projection):")
        for cid, name in names.items():
            view = (await http["projection"].get(f"/complaints/{cid}")).json()
            reached = [s["stage"] for s in view["stages"] if s["round"] == 0]
            levels = [f"{e['level']}@{e['stage']}" for e in view["escalations"]]
            print(
                f"  {name:<6} stage={view['stage']:<9} round={view['round']} "
                f"department={view['department']}\n"
                f"         stages reached in round 0: {' -> '.join(reached)}\n"
                f"         escalations: {', '.join(levels) or 'none'}"
            )
        for client in http.values():
            await client.aclose()
        await watcher.stop()
        print(json.dumps({"demo": "ok", "complaints": len(names)}))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
