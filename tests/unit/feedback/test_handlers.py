"""The subscribers and the notification adapter on FastStream's in-memory Kafka broker."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage

from closedloop_feedback import handlers
from closedloop_feedback.adapters.kafka import KafkaNotificationPublisher
from closedloop_feedback.settings import FeedbackSettings
from closedloop_shared import topics
from closedloop_shared.commands import ResolveComplaint
from closedloop_shared.messaging import make_broker
from closedloop_shared.notifications import SurveyRequested
from closedloop_shared.vocabulary import Stage

if TYPE_CHECKING:
    from conftest import Scenario


def broker_for(scenario: "Scenario") -> tuple[KafkaBroker, list[dict[str, Any]]]:
    """A broker with the feedback subscribers and a dead-letter catcher."""
    broker = make_broker(FeedbackSettings(retry_backoff_seconds=0), "feedback")
    kafka = KafkaRouter()
    handlers.register(kafka, scenario.feedback)
    broker.include_router(kafka)
    dead: list[dict[str, Any]] = []

    @broker.subscriber(topics.DEAD_LETTER)
    async def catch(letter: dict[str, Any]) -> None:
        dead.append(letter)

    return broker, dead


async def test_lifecycle_and_answer_flow_through_the_topics(scenario: "Scenario") -> None:
    """Events on the lifecycle topic open the survey; an answer on the command topic closes it."""
    broker, dead = broker_for(scenario)
    async with TestKafkaBroker(broker) as br:
        for data in scenario.lifecycle():
            event = scenario.event(data)
            await br.publish(event.model_dump(mode="json"), topic=topics.LIFECYCLE)
        command = scenario.answer(satisfied=True)
        await br.publish(command.model_dump(mode="json"), topic=topics.COMMANDS)
    assert dead == []
    assert len(scenario.notifier.published) == 1
    assert scenario.state().stage is Stage.CLOSED


async def test_staff_commands_on_the_topic_are_left_to_the_router(scenario: "Scenario") -> None:
    """A command that is not a survey answer is ignored, not dead-lettered."""
    broker, dead = broker_for(scenario)
    resolve = ResolveComplaint(
        command_id="cmd-r",
        complaint_id="c-1",
        site_id="site-a",
        actor="staff-1",
        issued_at=datetime(2025, 3, 1, tzinfo=UTC),
        resolution="fixed",
    )
    async with TestKafkaBroker(broker) as br:
        await br.publish(resolve.model_dump(mode="json"), topic=topics.COMMANDS)
    assert dead == []
    assert scenario.store.records == {}


async def test_refused_answer_on_the_topic_is_dead_lettered_with_the_reason(
    scenario: "Scenario",
) -> None:
    """An answer outside follow-up is dead-lettered at once, saying why."""
    broker, dead = broker_for(scenario)
    await scenario.feed(*scenario.lifecycle()[:-1])
    async with TestKafkaBroker(broker) as br:
        command = scenario.answer(satisfied=True)
        await br.publish(command.model_dump(mode="json"), topic=topics.COMMANDS)
    [letter] = dead
    assert letter["error_type"] == "SurveyNotOpen"
    assert "in stage feedback" in letter["reason"]
    assert letter["attempts"] == 1


async def test_notifications_are_keyed_by_complaint() -> None:
    """SurveyRequested goes to the namespaced notifications topic, keyed by complaint id."""
    broker = make_broker(FeedbackSettings(), "feedback")
    kafka = KafkaRouter(prefix="staging.")
    notifier = KafkaNotificationPublisher(kafka, "feedback")
    broker.include_router(kafka)
    seen: list[tuple[SurveyRequested, bytes | None]] = []

    @broker.subscriber("staging." + topics.NOTIFICATIONS)
    async def catch(request: SurveyRequested, message: KafkaMessage) -> None:
        seen.append((request, message.raw_message.key))

    request = SurveyRequested(
        notification_id="n-1",
        complaint_id="c-1",
        site_id="site-a",
        reporter_ref="rep-42",
        round=0,
        respond_by=datetime(2025, 3, 4, tzinfo=UTC),
    )
    async with TestKafkaBroker(broker):
        await notifier.publish(request)
    assert seen == [(request, b"c-1")]
