"""The Kafka adapter of the notification port."""

from faststream.kafka import KafkaRouter

from closedloop_shared import topics
from closedloop_shared.notifications import Notification


class KafkaNotificationPublisher:
    """Publishes notifications keyed by complaint id, so per-complaint order holds."""

    def __init__(self, router: KafkaRouter, service: str) -> None:
        self._publisher = router.publisher(
            topics.NOTIFICATIONS,
            title=f"{topics.NOTIFICATIONS}:{service}:emits",
            description="Survey requests for the SMS/app gateways and urgent-complaint alerts for "
            "duty managers; `notification_id` is stable per cause, so a re-sent one is "
            "recognisably the same.",
            schema=Notification,
        )

    async def publish(self, notification: Notification) -> None:
        """Send one notification and wait for the broker's acknowledgement."""
        await self._publisher.publish(
            notification.model_dump(mode="json"),
            key=notification.complaint_id.encode(),
            headers={
                "notification_type": notification.type,
                "notification_id": notification.notification_id,
            },
        )
