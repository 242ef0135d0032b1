"""The watcher's Kafka subscriber."""

from faststream.kafka import KafkaRouter

from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import subscriber_options
from closedloop_sla.service import SlaWatcher

SERVICE = "sla-watcher"


def register(kafka: KafkaRouter, watcher: SlaWatcher, namespace: str = "") -> None:
    """Subscribe `watcher` to the lifecycle topic."""

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options(SERVICE, namespace),
        title=f"{topics.LIFECYCLE}:{SERVICE}",
        description="Start and stop each complaint's stage clocks; emit levels a stage end passed.",
    )
    async def on_lifecycle_event(event: CloudEvent) -> None:
        await watcher.on_event(event)
