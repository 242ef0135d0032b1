"""Intake's Kafka subscriber: complaints from call-centre systems."""

from faststream.kafka import KafkaRouter

from closedloop_intake.domain import Submission
from closedloop_intake.service import Intake
from closedloop_intake.voice import from_voice
from closedloop_shared import topics
from closedloop_shared.envelope import derive_id
from closedloop_shared.inbound import InboundComplaint, VoiceTranscript
from closedloop_shared.messaging import subscriber_options
from closedloop_shared.vocabulary import Channel


def call_centre_complaint_id(message: InboundComplaint) -> str:
    """The same ticket from the same call-centre system is always the same complaint."""
    return derive_id("call-centre", message.source_system, message.ticket_ref)


def voice_complaint_id(message: VoiceTranscript) -> str:
    """The same call from the same voice system is always the same complaint."""
    return derive_id("voice", message.source_system, message.call_id)


def register(kafka: KafkaRouter, intake: Intake, namespace: str = "") -> None:
    """Subscribe `intake` to the inbound topic."""

    @kafka.subscriber(
        topics.INBOUND,
        **subscriber_options("intake", namespace),
        title=f"{topics.INBOUND}:intake",
        description="Complaints recorded by call-centre systems; invalid ones are dead-lettered.",
    )
    async def on_call_centre_complaint(message: InboundComplaint) -> None:
        submission = Submission(
            site_id=message.site_id,
            location=message.location,
            channel=Channel.PHONE,
            reporter=message.caller,
            description=message.description,
            reported_at=message.called_at,
            external_ref=message.ticket_ref,
        )
        complaint_id = call_centre_complaint_id(message)
        await intake.accept(submission, complaint_id=complaint_id, correlation_id=complaint_id)

    @kafka.subscriber(
        topics.VOICE,
        **subscriber_options("intake", namespace),
        title=f"{topics.VOICE}:intake",
        description="Transcripts from the voice system, with optional extracted fields.",
    )
    async def on_voice_transcript(message: VoiceTranscript) -> None:
        complaint_id = voice_complaint_id(message)
        await intake.accept(
            from_voice(message), complaint_id=complaint_id, correlation_id=complaint_id
        )
