"""The router's Kafka subscribers."""

from faststream.kafka import KafkaRouter

from closedloop_router.service import Router
from closedloop_shared import topics
from closedloop_shared.commands import AnswerSurvey, CommandMessage
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import subscriber_options


def register(kafka: KafkaRouter, router: Router, namespace: str = "") -> None:
    """Subscribe `router` to the lifecycle and command topics."""

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options("router", namespace),
        title=f"{topics.LIFECYCLE}:router",
        description="Dispatch received and reopened complaints (an incident's members with "
        "their lead); track every complaint's stage; carry an incident lead's on-site fix and "
        "resolution to its members.",
    )
    async def on_lifecycle_event(event: CloudEvent) -> None:
        await router.on_event(event)

    @kafka.subscriber(
        topics.COMMANDS,
        **subscriber_options("router", namespace),
        title=f"{topics.COMMANDS}:router",
        description="Staff actions: on-site fix reported, resolved, transferred.",
    )
    async def on_staff_command(message: CommandMessage) -> None:
        if isinstance(message.root, AnswerSurvey):
            return  # the feedback service owns survey answers
        await router.on_command(message.root)
