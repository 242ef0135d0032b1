"""The one envelope of every lifecycle event: CloudEvents 1.0, structured JSON mode.

Extension attributes (lower-case, as CloudEvents requires): `siteid`, `correlationid` (the request
that started the chain), `causationid` (the message that produced this one) and `schemaversion`
(of `data`). An event's `id` is derived from its cause, so an event emitted twice after a crash is
recognisably the same event downstream.
"""

import json
import uuid
from datetime import datetime
from typing import Any, Final, Literal

from pydantic import Field

from closedloop_shared.events import LIFECYCLE_EVENTS, EventData
from closedloop_shared.model import AwareDatetime, Contract

NAMESPACE: Final = uuid.UUID("6f1b2c1e-3d0a-4c55-9a57-2f4a4f1e9c01")

_BY_TYPE: Final[dict[str, type[EventData]]] = {cls.TYPE: cls for cls in LIFECYCLE_EVENTS}


def derive_id(cause: str, *parts: str) -> str:
    """A stable id for whatever `cause` produces, distinguished by `parts`."""
    # JSON keeps the parts apart: ("a|b",) and ("a", "b") must not name the same thing.
    return str(uuid.uuid5(NAMESPACE, json.dumps([cause, *parts], ensure_ascii=False)))


class CloudEvent(Contract):
    """A lifecycle event as it travels on `complaints.lifecycle.v1`."""

    specversion: Literal["1.0"] = "1.0"
    id: str
    source: str = Field(
        description="URI reference of the emitting service, e.g. /closedloop/router"
    )
    type: str
    time: AwareDatetime
    subject: str = Field(description="The complaint id (also the Kafka key).")
    datacontenttype: Literal["application/json"] = "application/json"
    siteid: str
    correlationid: str
    causationid: str
    schemaversion: int = 1
    data: dict[str, Any]

    def payload(self) -> EventData | None:
        """The typed `data`, or None for a type this version does not know (forward compatible)."""
        cls = _BY_TYPE.get(self.type)
        return None if cls is None else cls.model_validate(self.data)


def new_event(
    data: EventData,
    *,
    complaint_id: str,
    site_id: str,
    source: str,
    cause_id: str,
    correlation_id: str,
    time: datetime,
    discriminator: str = "",
) -> CloudEvent:
    """Wrap `data` in an envelope whose id is derived from `cause_id` and the event type."""
    return CloudEvent(
        id=derive_id(cause_id, data.TYPE, discriminator),
        source=source,
        type=data.TYPE,
        time=time,
        subject=complaint_id,
        siteid=site_id,
        correlationid=correlation_id,
        causationid=cause_id,
        schemaversion=data.SCHEMA_VERSION,
        data=data.model_dump(mode="json"),
    )


def follow(
    cause: CloudEvent, data: EventData, *, source: str, time: datetime, discriminator: str = ""
) -> CloudEvent:
    """An event caused by another event of the same complaint."""
    return new_event(
        data,
        complaint_id=cause.subject,
        site_id=cause.siteid,
        source=source,
        cause_id=cause.id,
        correlation_id=cause.correlationid,
        time=time,
        discriminator=discriminator,
    )
