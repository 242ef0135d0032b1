"""The Kafka adapter of the notification port."""

from closedloop_shared import topics
from closedloop_shared.notifications import SurveyRequested
from faststream.kafka import KafkaRouter


class KafkaNotificationPublisher:
    """Publishes survey requests keyed by complaint id, so per-complaint order holds."""

    def __init__(self, router: KafkaRouter, service: str) -> None:
        self._publisher = router.publisher(
            topics.NOTIFICATIONS,
            title=f"{topics.NOTIFICATIONS}:{service}:emits",
            description="Survey requests for the SMS/app gateways; `notification_id` is stable "
            "per resolved round, so a re-sent request is recognisably the same.",
            schema=SurveyRequested,
        )

    async def publish(self, notification: SurveyRequested) -> None:
        """Send one notification and wait for the broker's acknowledgement."""
        await self._publisher.publish(
            notification.model_dump(mode="json"),
            key=notification.complaint_id.encode(),
            headers={
                "notification_type": notification.type,
                "notification_id": notification.notification_id,
            },
        )
