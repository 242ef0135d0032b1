"""The running system for e2e tests: five service processes, a topic watcher, HTTP clients."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from closedloop_shared.auth import hash_key
from tools.harness import Service, TopicWatcher, environment, running_services

API_KEY = "e2e-admin-key"
STAFF_KEY = "e2e-staff-site-a"
OTHER_SITE_KEY = "e2e-viewer-site-z"

STAGE_SECONDS = 3
"""Every stage's SLA target in these tests: short, so overdue happens within a test."""

RESPONSE_WINDOW_SECONDS = 8
"""How long the owner has to answer the survey before the complaint closes as no-response."""

KEYS = [
    {"name": "e2e-admin", "sha256": hash_key(API_KEY), "role": "admin"},
    {"name": "e2e-staff", "sha256": hash_key(STAFF_KEY), "role": "staff", "sites": ["site-a"]},
    {
        "name": "e2e-viewer",
        "sha256": hash_key(OTHER_SITE_KEY),
        "role": "viewer",
        "sites": ["site-z"],
    },
]


@dataclass
class System:
    """What a test gets: the services, the topic watcher, and clients."""

    services: dict[str, Service]
    watcher: TopicWatcher
    namespace: str
    database: str
    bootstrap: str
    mongodb: str

    def client(self, service: str, key: str = API_KEY) -> httpx.AsyncClient:
        """An HTTP client for one service, authenticated with `key`."""
        return httpx.AsyncClient(
            base_url=self.services[service].url, headers={"X-API-Key": key}, timeout=15.0
        )

    def topic(self, base: str) -> str:
        """The namespaced name of a topic."""
        return self.namespace + base


@pytest.fixture(scope="session")
async def system(infra, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    """All five services, started once for the e2e session, in a namespace of their own."""
    run = uuid.uuid4().hex[:8]
    namespace, database = f"e2e{run}.", f"e2e_{run}"
    logs: Path = tmp_path_factory.mktemp("service-logs")
    base = environment(
        kafka=infra.kafka,
        mongodb=infra.mongodb,
        namespace=namespace,
        database=database,
        api_keys=KEYS,
        stage_seconds=STAGE_SECONDS,
        response_window_seconds=RESPONSE_WINDOW_SECONDS,
    )
    watcher = TopicWatcher(infra.kafka, namespace)
    async with running_services(base, logs) as services:
        await watcher.start()
        try:
            yield System(services, watcher, namespace, database, infra.kafka, infra.mongodb)
        finally:
            await watcher.stop()
            print(f"\nservice logs of this e2e run: {logs}")
