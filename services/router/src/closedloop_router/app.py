"""Wiring: settings -> adapters -> use cases -> subscribers and routes. `closedloop-router`."""

from datetime import UTC, datetime

from faststream_fastapi import FastStreamAPI

from closedloop_router import handlers
from closedloop_router.adapters.mongo import incident_store, workflow_store
from closedloop_router.adapters.rules import mongo_rules, read_rules_file
from closedloop_router.http import http_router
from closedloop_router.service import Router
from closedloop_router.settings import RouterSettings
from closedloop_shared.messaging import KafkaEventPublisher, make_broker, make_router
from closedloop_shared.ports import flush_pending, relay_forever
from closedloop_shared.service import run, service_app
from closedloop_shared.store import mongo_client

NAME = "router"


def create_app(settings: RouterSettings | None = None) -> FastStreamAPI:
    """The router service; `faststream docs gen --factory closedloop_router.app:create_app`."""
    settings = settings or RouterSettings()
    broker = make_broker(settings, NAME)
    kafka = make_router(settings)
    mongo = mongo_client(settings.mongodb_uri)
    db = mongo[settings.mongodb_database]
    store = workflow_store(db)
    incidents = incident_store(db)
    rules = mongo_rules(db["routing_rules"], read_rules_file(settings.rules_file))
    router = Router(
        store=store,
        publisher=KafkaEventPublisher(kafka, NAME),
        rules=rules,
        clock=lambda: datetime.now(UTC),
        incidents=incidents,
    )
    handlers.register(kafka, router, settings.topic_namespace)
    broker.include_router(kafka)

    async def start() -> None:
        await store.ensure_indexes()
        await rules.publish(read_rules_file(settings.rules_file))
        await flush_pending(store, router.publisher)
        await flush_pending(incidents, router.publisher)

    return service_app(
        NAME,
        settings,
        broker,
        mongo,
        description="Dispatches each complaint to one department; turns staff actions into events.",
        routers=[http_router(router)],
        on_start=[start],
        background=[
            lambda: rules.refresh_forever(settings.rules_refresh_seconds),
            lambda: relay_forever(store, router.publisher, settings.outbox_relay_seconds),
            lambda: relay_forever(incidents, router.publisher, settings.outbox_relay_seconds),
        ],
    )


def main() -> None:
    """Console entry point."""
    settings = RouterSettings()
    run(NAME, settings, lambda s: create_app(settings))
