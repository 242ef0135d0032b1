"""Wiring: settings -> store -> projector -> subscriber and queries. `closedloop-projection`."""

from faststream_fastapi import FastStreamAPI

from closedloop_projection import handlers
from closedloop_projection.adapters.mongo import view_store
from closedloop_projection.http import http_router
from closedloop_projection.service import Projector
from closedloop_projection.settings import ProjectionSettings
from closedloop_shared.messaging import make_broker, make_router
from closedloop_shared.service import run, service_app
from closedloop_shared.store import mongo_client

NAME = "projection"


def create_app(settings: ProjectionSettings | None = None) -> FastStreamAPI:
    """The projection service (AsyncAPI: `faststream docs gen --factory <module>:create_app`)."""
    settings = settings or ProjectionSettings()
    broker = make_broker(settings, NAME)
    kafka = make_router(settings)
    mongo = mongo_client(settings.mongodb_uri)
    store = view_store(mongo[settings.mongodb_database])
    handlers.register(kafka, Projector(store), settings.topic_namespace)
    broker.include_router(kafka)
    return service_app(
        NAME,
        settings,
        broker,
        mongo,
        description="The complaint read model: one document per complaint, and its query API.",
        routers=[http_router(store, settings.max_page_size)],
        on_start=[store.ensure_indexes],
    )


def main() -> None:
    """Console entry point."""
    settings = ProjectionSettings()
    run(NAME, settings, lambda s: create_app(settings))
