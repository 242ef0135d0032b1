"""The lifecycle subscriber, through FastStream's in-memory Kafka test broker."""

from datetime import UTC, datetime, timedelta

from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_shared import topics
from closedloop_shared.events import ComplaintEscalated
from closedloop_shared.vocabulary import EscalationLevel, Stage
from closedloop_sla import handlers

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_lifecycle_message_reaches_the_watcher(watcher, publisher, story):
    """A late ComplaintReceived on the lifecycle topic is escalated for the accept stage."""
    broker = KafkaBroker()
    kafka = KafkaRouter()
    handlers.register(kafka, watcher)
    broker.include_router(kafka)
    received = story.received(contact=timedelta(minutes=40))

    async with TestKafkaBroker(broker) as br:
        await br.publish(received.model_dump(mode="json"), topic=topics.LIFECYCLE)

    escalations = [e.payload() for e in publisher.published]
    assert all(isinstance(e, ComplaintEscalated) for e in escalations)
    assert [(e.stage, e.level) for e in escalations] == [
        (Stage.ACCEPT, EscalationLevel.BLUE),
        (Stage.ACCEPT, EscalationLevel.YELLOW),
    ]
    record = await watcher.store.load("c-1")
    assert record is not None
    assert record.due_at == T0 + timedelta(minutes=45)


async def test_app_builds_with_its_subscriber_and_publisher(monkeypatch):
    """`create_app` wires without connecting; AsyncAPI shows the subscriber and the publisher."""
    from closedloop_sla.app import create_app  # noqa: PLC0415 - reads settings when called

    monkeypatch.setenv("SLA_DEFAULT_POLICY", '{"accept": 2}')
    app = create_app()

    channels = app.schema.to_specification().to_jsonable()["channels"]

    assert f"{topics.LIFECYCLE}:sla-watcher" in channels
    assert len(channels) == 2  # the subscriber and the escalation publisher
