"""Wiring: settings -> adapters -> use case -> subscriber and routes. `closedloop-intake`."""

from datetime import UTC, datetime, timedelta

from faststream_fastapi import FastStreamAPI

from closedloop_intake import handlers, lifecycle_handlers
from closedloop_intake.adapters.mongo import MongoContacts, accepted_store, duplicate_index
from closedloop_intake.classify import classify
from closedloop_intake.http import http_router
from closedloop_intake.service import Intake
from closedloop_intake.settings import IntakeSettings
from closedloop_intake.tracking import OpenComplaintsTracker
from closedloop_shared.messaging import KafkaEventPublisher, make_broker, make_router
from closedloop_shared.ports import flush_pending, relay_forever
from closedloop_shared.service import run, service_app
from closedloop_shared.store import mongo_client

NAME = "intake"


def create_app(settings: IntakeSettings | None = None) -> FastStreamAPI:
    """The intake service; `faststream docs gen --factory closedloop_intake.app:create_app`."""
    settings = settings or IntakeSettings()
    broker = make_broker(settings, NAME)
    kafka = make_router(settings)
    mongo = mongo_client(settings.mongodb_uri)
    db = mongo[settings.mongodb_database]
    store = accepted_store(db)
    index = duplicate_index(db)
    intake = Intake(
        store=store,
        publisher=KafkaEventPublisher(kafka, NAME),
        contacts=MongoContacts(db["reporter_contacts"]),
        clock=lambda: datetime.now(UTC),
        reporter_key=settings.reporter_key.get_secret_value().encode(),
        review_below=settings.review_below_confidence,
        index=index,
        follow_up_window=timedelta(seconds=settings.follow_up_window_seconds),
        incident_window=timedelta(seconds=settings.incident_window_seconds),
    )
    handlers.register(kafka, intake, settings.topic_namespace)
    lifecycle_handlers.register(
        kafka, OpenComplaintsTracker(store, index), settings.topic_namespace
    )
    broker.include_router(kafka)

    async def start() -> None:
        # The triage model trains on first use (~0.5 s): pay that now, not on the first complaint.
        classify("warm-up")
        await flush_pending(store, intake.publisher)

    return service_app(
        NAME,
        settings,
        broker,
        mongo,
        description="Accepts complaints from every channel and emits ComplaintReceived.",
        routers=[http_router(intake)],
        on_start=[start],
        background=[lambda: relay_forever(store, intake.publisher, settings.outbox_relay_seconds)],
    )


def main() -> None:
    """Console entry point."""
    settings = IntakeSettings()
    run(NAME, settings, lambda s: create_app(settings))
