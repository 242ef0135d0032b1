"""Urgent complaints are flagged to the duty manager; others are not."""

from datetime import UTC, datetime

from faststream.kafka import KafkaBroker, TestKafkaBroker

from closedloop_feedback import handlers
from closedloop_feedback.alerts import alert_for
from closedloop_shared import topics
from closedloop_shared.envelope import new_event
from closedloop_shared.events import ComplaintCorrected, ComplaintReceived, EventData, Location
from closedloop_shared.notifications import UrgentComplaintAlert
from closedloop_shared.vocabulary import Category, Channel

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _event(data: EventData, cause: str = "e-1"):
    return new_event(
        data,
        complaint_id="c-1",
        site_id="site-a",
        source="/test",
        cause_id=cause,
        correlation_id="corr",
        time=T0,
    )


def _received(*, urgent: bool) -> ComplaintReceived:
    return ComplaintReceived(
        location=Location(raw="B-1504", building="B", unit="1504"),
        channel=Channel.PHONE,
        reporter_ref="r-1",
        description="楼道煤气味很重",
        category=Category.REPAIR,
        urgent=urgent,
        confidence=0.9,
        reported_at=T0,
    )


def test_urgent_receipt_alerts_with_what_and_where():
    """An urgent complaint yields one alert naming category, location and description."""
    event = _event(_received(urgent=True))
    alert = alert_for(event)
    assert alert is not None
    assert (alert.complaint_id, alert.site_id, alert.category) == ("c-1", "site-a", Category.REPAIR)
    assert alert.location is not None
    assert alert.location.unit == "1504"
    assert alert.reason == "received as urgent"


def test_alert_id_is_fixed_by_its_cause():
    """The same event gives the same alert id; another event another id."""
    first = alert_for(_event(_received(urgent=True)))
    again = alert_for(_event(_received(urgent=True)))
    other = alert_for(_event(_received(urgent=True), cause="e-2"))
    assert first is not None
    assert again is not None
    assert other is not None
    assert first.notification_id == again.notification_id != other.notification_id


def test_non_urgent_events_alert_nobody():
    """A routine complaint, or a correction that does not make it urgent, raises no alert."""
    assert alert_for(_event(_received(urgent=False))) is None
    assert alert_for(_event(ComplaintCorrected(actor="d", reason="x", urgent=False))) is None


def test_review_that_marks_urgent_alerts():
    """A reviewer marking a complaint urgent alerts the duty manager with the reason."""
    alert = alert_for(_event(ComplaintCorrected(actor="desk", reason="gas smell", urgent=True)))
    assert alert is not None
    assert alert.reason == "marked urgent by review: gas smell"


async def test_alert_reaches_the_notifications_topic():
    """Through the subscriber, an urgent receipt is published on the notifications topic."""
    from closedloop_feedback.ports import RecordingNotifier  # noqa: PLC0415

    class _Feedback:
        notifier = RecordingNotifier()

        async def on_event(self, event):
            return None

        async def on_command(self, command):
            return None

    feedback = _Feedback()
    broker = KafkaBroker()
    handlers.register(broker, feedback)  # type: ignore[arg-type]
    async with TestKafkaBroker(broker) as br:
        await br.publish(
            _event(_received(urgent=True)).model_dump(mode="json"), topic=topics.LIFECYCLE
        )
    [alert] = feedback.notifier.published
    assert isinstance(alert, UrgentComplaintAlert)
