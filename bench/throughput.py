"""`make bench`: complaints through the inbound topic with all five services running.

Prints one JSON object: complaints/s from first send until every complaint is assigned and
projected, p50/p99 latency from the inbound record to its ComplaintAssigned (broker timestamps of
the two records), and, on the same broker in the same run, the rate of a bare aiokafka
consume-and-produce loop over the same number of messages of similar size (the ceiling), with the
ratio of the two. The services run in a namespace and database of their own.
"""

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from pymongo import AsyncMongoClient

from closedloop_intake.handlers import call_centre_complaint_id
from closedloop_shared import topics
from closedloop_shared.auth import hash_key
from closedloop_shared.inbound import InboundComplaint, Reporter
from tools.demo import infra_endpoints
from tools.harness import environment, running_services

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTIONS = (
    "卫生间水管漏水，楼下天花板湿了",
    "Lift in block 3 is broken again, nobody came",
    "楼下车位被人占了好几天",
    "物业费账单多收了两个月",
    "Garbage not collected for three days, it smells",
    "晚上十点楼上还在装修，噪音很大",
)


def inbound(run: str, i: int) -> InboundComplaint:
    """The i-th call-centre complaint of this run."""
    return InboundComplaint(
        source_system="bench",
        ticket_ref=f"{run}-{i}",
        agent_id="bench-agent",
        site_id=f"estate-{i % 500:04d}",
        location=f"{i % 30 + 1}栋{i % 4 + 1}单元{1000 + i % 900}",
        caller=Reporter(phone=f"138{i:08d}"),
        description=DESCRIPTIONS[i % len(DESCRIPTIONS)],
        called_at=datetime.now(UTC),
    )


async def ceiling(kafka: str, namespace: str, payloads: list[bytes]) -> float:
    """Messages/s of a bare consume-and-produce loop over `payloads` on this broker."""
    source, sink = f"{namespace}ceiling.in", f"{namespace}ceiling.out"
    producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", linger_ms=5)
    await producer.start()
    try:
        for i, payload in enumerate(payloads):
            await producer.send(source, payload, key=str(i).encode())
        await producer.flush()
        consumer = AIOKafkaConsumer(
            source,
            bootstrap_servers=kafka,
            group_id=f"{namespace}ceiling",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        moved, started = 0, 0.0
        try:
            while moved < len(payloads):
                batches = await consumer.getmany(timeout_ms=1000, max_records=500)
                if not started and batches:
                    started = time.perf_counter()
                for records in batches.values():
                    for record in records:
                        await producer.send(sink, record.value, key=record.key)
                        moved += 1
                await producer.flush()
                await consumer.commit()
            return moved / (time.perf_counter() - started)
        finally:
            await consumer.stop()
    finally:
        await producer.stop()


async def assigned_times(
    kafka: str, namespace: str, wanted: set[str], deadline: float
) -> dict[str, int]:
    """Broker timestamp (ms) of each wanted complaint's first ComplaintAssigned."""
    consumer = AIOKafkaConsumer(
        namespace + topics.LIFECYCLE,
        bootstrap_servers=kafka,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen: dict[str, int] = {}
    try:
        while len(seen) < len(wanted) and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=1000, max_records=2000)
            for records in batches.values():
                for record in records:
                    event = json.loads(record.value)
                    subject = event["subject"]
                    if event["type"] == "closedloop.complaint.assigned" and subject in wanted:
                        seen.setdefault(subject, record.timestamp)
    finally:
        await consumer.stop()
    return seen


async def run(count: int, timeout: float) -> dict[str, Any]:
    """The whole benchmark; returns the JSON-able result."""
    kafka, mongodb = infra_endpoints()
    tag = uuid.uuid4().hex[:6]
    namespace, database = f"bench{tag}.", f"bench_{tag}"
    complaints = [inbound(tag, i) for i in range(count)]
    payloads = [c.model_dump_json().encode() for c in complaints]
    ceiling_rate = await ceiling(kafka, namespace, payloads)

    base = environment(
        kafka=kafka,
        mongodb=mongodb,
        namespace=namespace,
        database=database,
        api_keys=[{"name": "bench", "sha256": hash_key(tag), "role": "admin"}],
        log_level=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
    )
    logs = ROOT / ".infra" / "logs" / f"bench-{tag}"
    async with running_services(base, logs):
        ids = {call_centre_complaint_id(c): c.ticket_ref for c in complaints}
        sent_at: dict[str, int] = {}
        producer = AIOKafkaProducer(bootstrap_servers=kafka, acks="all", linger_ms=5)
        await producer.start()
        started = time.perf_counter()
        futures = []
        for complaint, payload in zip(complaints, payloads, strict=True):
            futures.append(
                await producer.send(
                    namespace + topics.INBOUND, payload, key=complaint.ticket_ref.encode()
                )
            )
        await producer.flush()
        for complaint, future in zip(complaints, futures, strict=True):
            sent_at[call_centre_complaint_id(complaint)] = (await future).timestamp
        await producer.stop()

        deadline = time.monotonic() + timeout
        assigned = await assigned_times(kafka, namespace, set(ids), deadline)
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongodb)
        views = client[database]["complaints"]
        projected = 0
        while time.monotonic() < deadline:
            projected = await views.count_documents({"state.stage": "on_site"})
            if projected >= count:
                break
            await asyncio.sleep(0.5)
        elapsed = time.perf_counter() - started
        await client.close()

    latencies = sorted(assigned[c] - sent_at[c] for c in assigned)
    rate = count / elapsed if projected >= count else projected / elapsed

    def percentile(p: float) -> float | None:
        if not latencies:
            return None
        return float(latencies[min(len(latencies) - 1, int(p * len(latencies)))])

    return {
        "complaints": count,
        "assigned": len(assigned),
        "projected": projected,
        "complete": len(assigned) == count and projected >= count,
        "elapsed_s": round(elapsed, 2),
        "complaints_per_s": round(rate, 1),
        "latency_inbound_to_assigned_ms": {
            "p50": percentile(0.50),
            "p99": percentile(0.99),
            "mean": round(statistics.fmean(latencies), 1) if latencies else None,
        },
        "ceiling_bare_aiokafka_consume_produce_per_s": round(ceiling_rate, 1),
        "ratio_to_ceiling": round(rate / ceiling_rate, 4),
        "service_logs": str(logs.relative_to(ROOT)),
    }


def main() -> None:
    """Parse arguments, run, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds to wait at most")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.complaints, args.timeout)), indent=2))


if __name__ == "__main__":
    main()
