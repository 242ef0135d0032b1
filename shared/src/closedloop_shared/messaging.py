"""Kafka plumbing shared by the services: the broker, at-least-once delivery, dead letters.

Delivery: subscribers use `AckPolicy.NACK_ON_ERROR` with auto-commit off, so an offset is
committed only after the handler returned (its effects are durable). `ReliableConsumption` wraps
every handler: it binds the log context, retries transient failures a bounded number of times with
back-off, and dead-letters the message (reason and original bytes) when the retries are spent or
the message can never be applied. Only when the dead letter itself cannot be written does the
error reach FastStream, which seeks back so the message is redelivered rather than lost.
"""

import asyncio
import base64
import json
import time
from datetime import UTC, datetime
from typing import Any, Final

import structlog
from fastapi.exceptions import RequestValidationError
from faststream import AckPolicy
from faststream._internal.middlewares import BaseMiddleware
from faststream.kafka import KafkaBroker, KafkaRouter
from faststream.message import StreamMessage
from pydantic import ValidationError

from closedloop_shared import topics
from closedloop_shared.deadletter import DeadLetter
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.errors import Rejected
from closedloop_shared.settings import ServiceSettings

log = structlog.get_logger("closedloop.messaging")

ACK_POLICY: Final = AckPolicy.NACK_ON_ERROR
"""Commit after the handler, seek back on an error that escaped the dead-letter path."""

PERMANENT: Final = (
    Rejected,
    ValidationError,
    RequestValidationError,
    json.JSONDecodeError,
    UnicodeDecodeError,
)


def describe(error: BaseException) -> str:
    """A reason a sender can act on: field paths and messages for validation errors."""
    if isinstance(error, ValidationError | RequestValidationError):
        parts = []
        for item in error.errors():
            loc = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
            parts.append(f"{loc or 'message'}: {item.get('msg', 'invalid')}")
        return "; ".join(parts) or str(error)
    return str(error) or type(error).__name__


def dead_letter_for(
    msg: StreamMessage[Any], *, service: str, reason: str, error: BaseException, attempts: int
) -> DeadLetter:
    """The dead letter that keeps `msg` whole, with why it failed."""
    record = msg.raw_message
    body: bytes = msg.body if isinstance(msg.body, bytes) else bytes(msg.body)
    key = getattr(record, "key", None)
    return DeadLetter(
        service=service,
        topic=getattr(record, "topic", "") or "",
        partition=getattr(record, "partition", None),
        offset=getattr(record, "offset", None),
        key=key.decode("utf-8", "replace") if isinstance(key, bytes) else key,
        reason=reason,
        error_type=type(error).__name__,
        attempts=attempts,
        failed_at=datetime.now(UTC),
        original=body.decode("utf-8", "replace"),
        original_b64=base64.b64encode(body).decode(),
    )


def reliable_consumption(
    broker: KafkaBroker, service: str, settings: ServiceSettings
) -> type[BaseMiddleware]:
    """The middleware class that gives every subscriber of `broker` retries and dead letters."""

    class ReliableConsumption(BaseMiddleware):
        async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
            record = msg.raw_message
            structlog.contextvars.clear_contextvars()
            structlog.contextvars.bind_contextvars(
                service=service,
                topic=getattr(record, "topic", None),
                partition=getattr(record, "partition", None),
                offset=getattr(record, "offset", None),
            )
            started = time.perf_counter()
            attempt = 0
            while True:
                attempt += 1
                try:
                    result = await call_next(msg)
                except asyncio.CancelledError:
                    raise
                except PERMANENT as error:
                    failure: Exception = error
                    break
                except Exception as error:
                    if attempt >= settings.max_attempts:
                        failure = error
                        break
                    log.warning("message_retry", attempt=attempt, error=describe(error))
                    await asyncio.sleep(settings.retry_backoff_seconds * 2 ** (attempt - 1))
                else:
                    log.info("message_handled", ms=round(1000 * (time.perf_counter() - started)))
                    return result
            letter = dead_letter_for(
                msg, service=service, reason=describe(failure), error=failure, attempts=attempt
            )
            await broker.publish(
                letter.model_dump(mode="json"),
                topic=settings.topic_namespace + topics.DEAD_LETTER,
                key=letter.key.encode() if letter.key else None,
            )
            log.error(
                "message_dead_lettered",
                reason=letter.reason,
                error_type=letter.error_type,
                attempts=attempt,
            )
            return None

    return ReliableConsumption


def make_broker(settings: ServiceSettings, service: str) -> KafkaBroker:
    """A broker whose producer waits for the full ISR and whose consumers are at-least-once."""
    broker = KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=f"closedloop-{service}",
        acks="all",
        enable_idempotence=True,
        graceful_timeout=30.0,
        logger=None,
    )
    broker.add_middleware(reliable_consumption(broker, service, settings))
    return broker


def make_router(settings: ServiceSettings) -> KafkaRouter:
    """Where a service declares its subscribers and publishers; it applies the topic namespace."""
    return KafkaRouter(prefix=settings.topic_namespace)


class KafkaEventPublisher:
    """Publishes lifecycle events keyed by complaint id, so per-complaint order holds."""

    def __init__(self, router: KafkaRouter, service: str) -> None:
        self._publisher = router.publisher(
            topics.LIFECYCLE,
            title=f"{topics.LIFECYCLE}:{service}:emits",
            description=f"Lifecycle events emitted by {service} (CloudEvents, keyed by complaint).",
            schema=CloudEvent,
        )

    async def publish(self, event: CloudEvent) -> None:
        """Send one event and wait for the broker's acknowledgement."""
        await self._publisher.publish(
            event.model_dump(mode="json"),
            key=event.subject.encode(),
            headers={"ce_type": event.type, "ce_id": event.id},
        )


def subscriber_options(service: str, namespace: str = "") -> dict[str, Any]:
    """Options every subscriber of `service` uses: its consumer group and at-least-once acks.

    A new group starts from the earliest offset: a service deployed after events were written
    must still see them (and every handler is idempotent, so a replay is harmless).
    """
    return {
        "group_id": f"{namespace}closedloop-{service}",
        "ack_policy": ACK_POLICY,
        "auto_offset_reset": "earliest",
    }
