"""Intake's lifecycle subscriber: learn which complaints closed, reopened or were resolved."""

from faststream.kafka import KafkaRouter

from closedloop_intake.tracking import OpenComplaintsTracker
from closedloop_shared import topics
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import subscriber_options

GROUP = "intake-lifecycle"
"""A consumer group of its own: replaying the lifecycle never delays new submissions."""


def register(kafka: KafkaRouter, tracker: OpenComplaintsTracker, namespace: str = "") -> None:
    """Subscribe `tracker` to the lifecycle topic."""

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options(GROUP, namespace),
        title=f"{topics.LIFECYCLE}:intake",
        description="Closed, reopened and resolved complaints: keep follow-up and incident "
        "detection to open complaints and unresolved facility reports.",
    )
    async def on_lifecycle_event(event: CloudEvent) -> None:
        await tracker.on_event(event)
