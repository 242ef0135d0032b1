"""Wiring: settings -> adapters -> use cases -> handlers, routes, timer; `closedloop-feedback`."""

from datetime import UTC, datetime, timedelta

from faststream_fastapi import FastStreamAPI

from closedloop_feedback import handlers
from closedloop_feedback.adapters.kafka import KafkaNotificationPublisher
from closedloop_feedback.adapters.mongo import survey_store
from closedloop_feedback.http import http_router
from closedloop_feedback.service import Feedback
from closedloop_feedback.settings import FeedbackSettings
from closedloop_shared.messaging import KafkaEventPublisher, make_broker, make_router
from closedloop_shared.ports import flush_pending
from closedloop_shared.service import run, service_app
from closedloop_shared.store import mongo_client

NAME = "feedback"


def create_app(settings: FeedbackSettings | None = None) -> FastStreamAPI:
    """The feedback service; `faststream docs gen --factory closedloop_feedback.app:create_app`."""
    settings = settings or FeedbackSettings()
    broker = make_broker(settings, NAME)
    kafka = make_router(settings)
    mongo = mongo_client(settings.mongodb_uri)
    store = survey_store(mongo[settings.mongodb_database])
    feedback = Feedback(
        store=store,
        publisher=KafkaEventPublisher(kafka, NAME),
        notifier=KafkaNotificationPublisher(kafka, NAME),
        clock=lambda: datetime.now(UTC),
        response_window=timedelta(seconds=settings.response_window_seconds),
    )
    handlers.register(kafka, feedback, settings.topic_namespace)
    broker.include_router(kafka)

    async def start() -> None:
        await store.ensure_indexes()
        await flush_pending(store, feedback.publisher)

    return service_app(
        NAME,
        settings,
        broker,
        mongo,
        description="Asks owners whether a resolved complaint is settled; closes or reopens it.",
        routers=[http_router(feedback)],
        on_start=[start],
        background=[
            lambda: feedback.watch_deadlines(settings.tick_seconds, settings.due_batch_size)
        ],
    )


def main() -> None:
    """Console entry point."""
    settings = FeedbackSettings()
    run(NAME, settings, lambda s: create_app(settings))
