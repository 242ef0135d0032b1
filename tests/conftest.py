"""Where the real infrastructure comes from, for the integration and e2e tiers.

In order: `KAFKA_BOOTSTRAP_SERVERS` and `MONGODB_URI` from the environment; the `.infra/env` file
`make infra-up` writes; containers started by testcontainers when a Docker engine answers; else
the test fails and says to run `make infra-up`. Unit tests never ask for this fixture.
"""

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Infra:
    """Endpoints of a running Kafka and MongoDB-compatible server."""

    kafka: str
    mongodb: str


def _from_env_file(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = re.findall(r"^export (\w+)=(\S+)$", path.read_text(), flags=re.MULTILINE)
    return dict(pairs)


def _docker_answers() -> bool:
    # testcontainers raises inside its constructors when no engine runs: ask the engine first.
    try:
        done = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],  # noqa: S607
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and bool(done.stdout.strip())


@pytest.fixture(scope="session")
def infra() -> Iterator[Infra]:
    """The running infrastructure; containers only when nothing else is configured."""
    env = {**_from_env_file(ROOT / ".infra" / "env"), **os.environ}
    kafka, mongodb = env.get("KAFKA_BOOTSTRAP_SERVERS"), env.get("MONGODB_URI")
    if kafka and mongodb:
        yield Infra(kafka=kafka, mongodb=mongodb)
        return
    if not _docker_answers():
        pytest.fail(
            "no Kafka/MongoDB configured and no Docker engine: run `make infra-up` "
            "(or set KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI)",
            pytrace=False,
        )
    from testcontainers.kafka import KafkaContainer  # noqa: PLC0415
    from testcontainers.mongodb import MongoDbContainer  # noqa: PLC0415

    with (
        KafkaContainer("apache/kafka:4.1.0").with_kraft() as kafka_c,
        MongoDbContainer("mongo:8.0") as mongo_c,
    ):
        yield Infra(kafka=kafka_c.get_bootstrap_server(), mongodb=mongo_c.get_connection_url())
