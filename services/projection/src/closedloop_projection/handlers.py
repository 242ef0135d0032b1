"""The projection's Kafka subscriber."""

from faststream.kafka import KafkaRouter

from closedloop_projection.service import Projector
from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import subscriber_options


def register(kafka: KafkaRouter, projector: Projector, namespace: str = "") -> None:
    """Subscribe `projector` to the lifecycle topic."""

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options("projection", namespace),
        title=f"{topics.LIFECYCLE}:projection",
        description="Fold every lifecycle event into its complaint's read model.",
    )
    async def on_lifecycle_event(event: CloudEvent) -> None:
        await projector.on_event(event)
