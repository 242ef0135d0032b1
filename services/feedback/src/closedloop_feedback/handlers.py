"""The feedback service's Kafka subscribers."""

import structlog
from faststream.kafka import KafkaRouter

from closedloop_feedback.alerts import alert_for
from closedloop_feedback.service import Feedback
from closedloop_shared import topics
from closedloop_shared.commands import AnswerSurvey, CommandMessage
from closedloop_shared.envelope import CloudEvent
from closedloop_shared.messaging import subscriber_options

log = structlog.get_logger("closedloop.feedback.alerts")


def register(kafka: KafkaRouter, feedback: Feedback, namespace: str = "") -> None:
    """Subscribe `feedback` to the lifecycle and command topics."""

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options("feedback", namespace),
        title=f"{topics.LIFECYCLE}:feedback",
        description="Track every complaint's stage; request a survey when one is resolved.",
    )
    async def on_lifecycle_event(event: CloudEvent) -> None:
        await feedback.on_event(event)

    @kafka.subscriber(
        topics.LIFECYCLE,
        **subscriber_options("feedback-alerts", namespace),
        title=f"{topics.LIFECYCLE}:feedback-alerts",
        description="Flag urgent complaints to the site's duty manager (a notification).",
    )
    async def on_urgent_complaint(event: CloudEvent) -> None:
        alert = alert_for(event)
        if alert is not None:
            await feedback.notifier.publish(alert)
            log.info("duty_manager_alerted", complaint_id=event.subject, reason=alert.reason)

    @kafka.subscriber(
        topics.COMMANDS,
        **subscriber_options("feedback", namespace),
        title=f"{topics.COMMANDS}:feedback",
        description="Owners' survey answers: close when satisfied, reopen when not.",
    )
    async def on_survey_answer(message: CommandMessage) -> None:
        if not isinstance(message.root, AnswerSurvey):
            return  # the router owns staff actions
        await feedback.on_command(message.root)
