"""Wiring: settings -> adapters -> use cases -> subscriber and ticker. `closedloop-sla-watcher`."""

from datetime import UTC, datetime

from faststream_fastapi import FastStreamAPI

from closedloop_shared.messaging import KafkaEventPublisher, make_broker, make_router
from closedloop_shared.ports import flush_pending
from closedloop_shared.service import run, service_app
from closedloop_shared.store import mongo_client
from closedloop_sla import handlers
from closedloop_sla.adapters.mongo import clock_store
from closedloop_sla.adapters.policy import mongo_policy, read_policy_file
from closedloop_sla.policy import SlaPolicy
from closedloop_sla.service import SlaWatcher
from closedloop_sla.settings import SlaSettings

NAME = handlers.SERVICE


def configured_policy(settings: SlaSettings) -> SlaPolicy:
    """Built-in targets, overridden by the policy file, overridden by the environment."""
    return SlaPolicy.resolve(
        read_policy_file(settings.policy_file),
        default=settings.default_policy,
        urgent=settings.urgent_policy,
    )


def create_app(settings: SlaSettings | None = None) -> FastStreamAPI:
    """The SLA watcher; `faststream docs gen --factory closedloop_sla.app:create_app`."""
    settings = settings or SlaSettings()
    broker = make_broker(settings, NAME)
    kafka = make_router(settings)
    mongo = mongo_client(settings.mongodb_uri)
    db = mongo[settings.mongodb_database]
    store = clock_store(db)
    policy = configured_policy(settings)
    stored_policy = mongo_policy(db["sla_policies"], policy)
    watcher = SlaWatcher(
        store=store,
        publisher=KafkaEventPublisher(kafka, NAME),
        policy=stored_policy,
        thresholds=settings.thresholds(),
        clock=lambda: datetime.now(UTC),
        batch=settings.tick_batch,
    )
    handlers.register(kafka, watcher, settings.topic_namespace)
    broker.include_router(kafka)

    async def start() -> None:
        await store.ensure_indexes()
        await stored_policy.publish(policy)
        await flush_pending(store, watcher.publisher)

    return service_app(
        NAME,
        settings,
        broker,
        mongo,
        description="Keeps each complaint's stage clocks; escalates blue, yellow and red.",
        on_start=[start],
        background=[
            lambda: watcher.watch_forever(settings.tick_seconds),
            lambda: stored_policy.refresh_forever(settings.policy_refresh_seconds),
        ],
    )


def main() -> None:
    """Console entry point."""
    settings = SlaSettings()
    run(NAME, settings, lambda s: create_app(settings))
