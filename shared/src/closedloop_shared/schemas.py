"""Export the JSON Schemas of every event and inbound contract to a committed folder.

`python -m closedloop_shared.schemas [DIR]` writes them (default `schemas/`); a contract test
fails when the models and the committed files drift.
"""

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from closedloop_shared.commands import CommandMessage
from closedloop_shared.deadletter import DeadLetter
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import LIFECYCLE_EVENTS
from closedloop_shared.inbound import ComplaintSubmission, InboundComplaint, VoiceTranscript
from closedloop_shared.notifications import SurveyRequested


def _file_name(type_: str, version: int) -> str:
    return f"{type_.removeprefix('closedloop.')}.v{version}.json"


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every contract closedloop publishes or accepts."""
    schemas: dict[str, dict[str, Any]] = {}
    for event in LIFECYCLE_EVENTS:
        schema = event.model_json_schema()
        schema["$id"] = f"urn:closedloop:{event.TYPE}:v{event.SCHEMA_VERSION}"
        schema["x-cloudevents-type"] = event.TYPE
        schemas["lifecycle/" + _file_name(event.TYPE, event.SCHEMA_VERSION)] = schema
    contracts: dict[str, type[BaseModel]] = {
        "envelope/cloudevent.v1.json": CloudEvent,
        "inbound/call-centre-complaint.v1.json": InboundComplaint,
        "inbound/voice-transcript.v1.json": VoiceTranscript,
        "inbound/http-complaint-submission.v1.json": ComplaintSubmission,
        "commands/command.v1.json": CommandMessage,
        "notifications/survey-requested.v1.json": SurveyRequested,
        "deadletter/dead-letter.v1.json": DeadLetter,
    }
    for name, model in contracts.items():
        schemas[name] = model.model_json_schema()
    return schemas


def render(schema: dict[str, Any]) -> str:
    """The committed text of one schema: stable key order, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """Write every schema under the folder named on the command line (default `schemas`)."""
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")
    for name, schema in all_schemas().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
    sys.stdout.write(f"wrote {len(all_schemas())} schemas under {root}/\n")


if __name__ == "__main__":
    main()
