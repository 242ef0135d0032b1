"""The published contract: committed JSON Schemas, topic list, CloudEvents shape, AsyncAPI docs."""

import importlib
import json
from pathlib import Path

import pytest

from closedloop_shared import topics
from closedloop_shared.events import LIFECYCLE_EVENTS
from closedloop_shared.schemas import all_schemas, render

ROOT = Path(__file__).resolve().parents[2]

SERVICES = [
    "closedloop_intake",
    "closedloop_router",
    "closedloop_sla",
    "closedloop_feedback",
    "closedloop_projection",
]


def test_committed_schemas_match_the_models():
    """Every model's JSON Schema equals the committed file (run `make schemas` after a change)."""
    committed = {
        str(p.relative_to(ROOT / "schemas")): p.read_text(encoding="utf-8")
        for p in (ROOT / "schemas").rglob("*.json")
    }
    generated = {name: render(schema) for name, schema in all_schemas().items()}
    assert sorted(committed) == sorted(generated)
    drifted = [name for name in generated if committed[name] != generated[name]]
    assert drifted == []


def test_every_lifecycle_schema_names_its_cloudevents_type():
    """Each lifecycle schema says which CloudEvents `type` carries it."""
    lifecycle = {k: v for k, v in all_schemas().items() if k.startswith("lifecycle/")}
    assert len(lifecycle) == len(LIFECYCLE_EVENTS)
    assert all(
        s["x-cloudevents-type"].startswith("closedloop.complaint.") for s in lifecycle.values()
    )


def test_envelope_schema_requires_cloudevents_core_and_extension_attributes():
    """The envelope demands id, source, type, time, subject, data, site and causality ids."""
    schema = all_schemas()["envelope/cloudevent.v1.json"]
    required = set(schema["required"])
    assert {"id", "source", "type", "time", "subject", "data"} <= required
    assert {"siteid", "correlationid", "causationid"} <= required


def test_infrastructure_creates_exactly_the_topics_the_code_names():
    """deploy/kafka/topics.txt and closedloop_shared.topics list the same topics."""
    lines = (ROOT / "deploy" / "kafka" / "topics.txt").read_text().splitlines()
    listed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert listed == set(topics.ALL)


@pytest.mark.parametrize("package", SERVICES)
def test_every_service_documents_its_channels_in_asyncapi(package: str):
    """`faststream docs gen --factory <service>.app:create_app` has channels for the service."""
    app = importlib.import_module(f"{package}.app").create_app()
    spec = json.loads(json.dumps(app.schema.to_specification().to_jsonable()))
    assert spec["channels"], f"{package} documents no channel"
    assert any("complaints." in name for name in spec["channels"])
