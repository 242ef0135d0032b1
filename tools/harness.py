"""Runs the five services as real processes against the real infrastructure, and watches topics.

Each test session gets its own topic namespace and database, so runs never see each other's data
and a reused broker's history does not leak in.
"""

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from closedloop_shared import topics

BIN = Path(sys.executable).parent

SERVICES = {
    "intake": ("closedloop-intake", "INTAKE_"),
    "router": ("closedloop-router", "ROUTER_"),
    "sla-watcher": ("closedloop-sla-watcher", "SLA_"),
    "feedback": ("closedloop-feedback", "FEEDBACK_"),
    "projection": ("closedloop-projection", "PROJECTION_"),
}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Service:
    """One service process, restartable."""

    name: str
    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the process (logs append to its file)."""
        script, _ = SERVICES[self.name]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(BIN / script)], env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    async def wait_healthy(self, timeout: float = 60.0) -> None:
        """Poll /health until 200, or fail with the log's tail."""
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    break
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{self.url}/health")).status_code == 200:
                        return
                await asyncio.sleep(0.2)
        raise AssertionError(f"{self.name} is not healthy:\n{self.tail()}")

    def stop(self, timeout: float = 40.0) -> int:
        """SIGTERM and wait: a graceful stop, as an orchestrator does it."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.process = None

    def kill(self) -> None:
        """SIGKILL: a crash."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def tail(self, lines: int = 40) -> str:
        """The end of the service's log."""
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class TopicWatcher:
    """Reads namespaced topics from the beginning into memory, in the background."""

    bootstrap: str
    namespace: str
    messages: dict[str, list[tuple[bytes | None, bytes]]] = field(default_factory=dict)
    _task: asyncio.Task[None] | None = None
    _consumer: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        """Subscribe to every closedloop topic of the namespace."""
        names = [self.namespace + t for t in topics.ALL]
        self.messages = {t: [] for t in topics.ALL}
        self._consumer = AIOKafkaConsumer(
            *names,
            bootstrap_servers=self.bootstrap,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            metadata_max_age_ms=1000,
        )
        await self._consumer.start()
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        assert self._consumer is not None
        async for record in self._consumer:
            base = record.topic.removeprefix(self.namespace)
            self.messages.setdefault(base, []).append((record.key, record.value))

    async def stop(self) -> None:
        """Stop reading."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()

    def lifecycle(self, complaint_id: str | None = None) -> list[dict[str, Any]]:
        """Lifecycle events seen so far (of one complaint), in topic order, duplicates kept."""
        events = [json.loads(v) for _, v in self.messages.get(topics.LIFECYCLE, [])]
        return [e for e in events if complaint_id is None or e["subject"] == complaint_id]

    def dead_letters(self) -> list[dict[str, Any]]:
        """Dead letters seen so far."""
        return [json.loads(v) for _, v in self.messages.get(topics.DEAD_LETTER, [])]

    def notifications(self) -> list[dict[str, Any]]:
        """Notifications seen so far."""
        return [json.loads(v) for _, v in self.messages.get(topics.NOTIFICATIONS, [])]


async def eventually(
    probe: Callable[[], Any], *, timeout: float = 30.0, every: float = 0.2, what: str = ""
) -> Any:
    """Poll `probe` (sync or async) until it returns something truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = probe()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        await asyncio.sleep(every)
    raise AssertionError(f"timed out waiting for {what or probe}; last value: {last!r}")


async def producer(bootstrap: str) -> AIOKafkaProducer:
    """A started producer for tests that play a call-centre system or a staff app."""
    p = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await p.start()
    return p


def service_env(base: dict[str, str], name: str, port: int) -> dict[str, str]:
    """The environment of one service: the shared settings plus its own port."""
    _, prefix = SERVICES[name]
    return {**os.environ, **base, f"{prefix}HTTP_PORT": str(port)}


def environment(
    *,
    kafka: str,
    mongodb: str,
    namespace: str,
    database: str,
    api_keys: list[dict[str, Any]],
    stage_seconds: float | None = None,
    response_window_seconds: float | None = None,
    log_level: str = "INFO",
) -> dict[str, str]:
    """Settings shared by the five services of one run; short clocks when `stage_seconds` is set."""
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka,
        "MONGODB_URI": mongodb,
        "MONGODB_DATABASE": database,
        "CLOSEDLOOP_TOPIC_NAMESPACE": namespace,
        "CLOSEDLOOP_API_KEYS": json.dumps(api_keys),
        "LOG_JSON": "true",
        "LOG_LEVEL": log_level,
        "ROUTER_RULES_REFRESH_SECONDS": "1",
    }
    if stage_seconds is not None:
        stages = ("accept", "dispatch", "on_site", "feedback", "follow_up")
        policy = json.dumps(dict.fromkeys(stages, stage_seconds))
        env |= {
            "SLA_DEFAULT_POLICY": policy,
            "SLA_URGENT_POLICY": policy,
            "SLA_TICK_SECONDS": "0.2",
            "SLA_BLUE_FRACTION": "0.5",
            "SLA_RED_ENABLED": "false",
            "FEEDBACK_TICK_SECONDS": "0.2",
        }
    if response_window_seconds is not None:
        env["FEEDBACK_RESPONSE_WINDOW_SECONDS"] = str(response_window_seconds)
    return env


@contextlib.asynccontextmanager
async def running_services(
    base: dict[str, str], log_dir: Path, names: tuple[str, ...] = tuple(SERVICES)
) -> AsyncIterator[dict[str, Service]]:
    """Start `names` with `base` settings on free ports; stop them gracefully at the end."""
    log_dir.mkdir(parents=True, exist_ok=True)
    services = {}
    for name in names:
        port = free_port()
        services[name] = Service(name, port, service_env(base, name, port), log_dir / f"{name}.log")
    try:
        for service in services.values():
            service.start()
        for service in services.values():
            await service.wait_healthy()
        yield services
    finally:
        for service in services.values():
            if service.process is not None:
                service.stop()
