"""The notification port of the feedback service and its in-memory fake."""

from typing import Protocol

from closedloop_shared.notifications import Notification


class NotificationPublisher(Protocol):
    """Sends one notification to the gateways and returns once the broker has it."""

    async def publish(self, notification: Notification) -> None:
        """Send `notification`."""
        ...


class RecordingNotifier:
    """The fake: keeps what was sent, in order; can be told to fail like a broker that is down."""

    def __init__(self) -> None:
        self.published: list[Notification] = []
        self.failing = False

    async def publish(self, notification: Notification) -> None:
        if self.failing:
            raise ConnectionError("notification broker unavailable")
        self.published.append(notification)
