"""The shell every service shares: one FastAPI app wrapped by FastStream's FastAPI integration.

`service_app` gives each service the same lifecycle: start the broker, run `on_start` hooks (index
creation, outbox flush), run `background` loops (timers), and on shutdown stop consuming first so
in-flight messages finish (or, uncommitted, are redelivered), then cancel the loops. `/health`
answers without a key (for orchestrators) and reveals no data.
"""

import asyncio
import signal
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager, suppress
from types import FrameType
from typing import Any

import structlog
import uvicorn
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from faststream_fastapi import FastStreamAPI
from pymongo import AsyncMongoClient

from closedloop_shared.limits import BodyLimit
from closedloop_shared.logging import configure_logging
from closedloop_shared.settings import ServiceSettings

Hook = Callable[[], Coroutine[Any, Any, None]]

log = structlog.get_logger("closedloop.service")


async def _broker_started_by_lifespan(_broker: Any) -> None:
    """FastStreamAPI's connection hook: our lifespan already started the broker."""


def service_app(
    name: str,
    settings: ServiceSettings,
    broker: KafkaBroker,
    mongo: AsyncMongoClient[dict[str, Any]],
    *,
    description: str,
    routers: Sequence[APIRouter] = (),
    on_start: Sequence[Hook] = (),
    background: Sequence[Hook] = (),
) -> FastStreamAPI:
    """The ASGI app of service `name`: HTTP routes, Kafka subscribers, health and AsyncAPI."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.api_keys = settings.api_keys
        await broker.start()
        for hook in on_start:
            await hook()
        tasks = [asyncio.create_task(loop(), name=f"{name}-background") for loop in background]
        log.info("service_started", http_port=settings.http_port)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with suppress(asyncio.CancelledError):
                    await task
            await broker.stop()
            await mongo.close()
            log.info("service_stopped")

    api = FastAPI(title=f"closedloop {name}", description=description, lifespan=lifespan)
    api.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    @api.get("/health", tags=["health"])
    async def health() -> JSONResponse:
        kafka_ok = await broker.ping(timeout=2.0)
        try:
            await mongo.admin.command("ping")
            mongo_ok = True
        except Exception:
            mongo_ok = False
        ok = kafka_ok and mongo_ok
        return JSONResponse(
            {"status": "ok" if ok else "degraded", "kafka": kafka_ok, "mongodb": mongo_ok},
            status_code=200 if ok else 503,
        )

    for router in routers:
        api.include_router(router)

    return FastStreamAPI(
        broker,
        application=api,
        specification=AsyncAPI(title=f"closedloop {name}", description=description),
        asyncapi_path="/asyncapi",
        connection_hook=_broker_started_by_lifespan,
    )


def _exit_cleanly(_signum: int, _frame: FrameType | None) -> None:
    sys.exit(0)


def run(name: str, settings: ServiceSettings, factory: Callable[[ServiceSettings], Any]) -> None:
    """Configure logging and serve the app until SIGINT/SIGTERM, then exit 0."""
    configure_logging(name, level=settings.log_level, json=settings.log_json)
    # uvicorn shuts down gracefully, then re-raises the signal under the handler it found: with
    # the default one the process would die "killed by SIGTERM" (143) after a clean shutdown.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _exit_cleanly)
    uvicorn.run(
        factory(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=30,
        h11_max_incomplete_event_size=settings.max_header_bytes,
    )
