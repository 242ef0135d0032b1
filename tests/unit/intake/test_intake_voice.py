"""Voice-system transcripts: confident extractions are used, doubtful ones go to review."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, KafkaRouter, TestKafkaBroker

from closedloop_intake import handlers
from closedloop_intake.handlers import voice_complaint_id
from closedloop_intake.voice import from_voice
from closedloop_shared import topics
from closedloop_shared.events import ComplaintReceived
from closedloop_shared.inbound import VoiceTranscript
from closedloop_shared.vocabulary import Channel

CALL: dict[str, Any] = {
    "source_system": "ivr-1",
    "call_id": "call-77",
    "site_id": "site-a",
    "caller": {"phone": "13800138000"},
    "transcript": "你好 我家住在 3号楼2单元1202 卫生间 天花板 一直 漏水",
    "called_at": "2025-03-01T08:55:00Z",
}


def _transcript(**overrides: Any) -> VoiceTranscript:
    return VoiceTranscript.model_validate({**CALL, **overrides})


def test_confident_extraction_is_the_location():
    """An extraction at or above the trust threshold is taken as the location text."""
    message = _transcript(
        extracted={"location": {"value": "5栋1单元0301", "confidence": 0.9}, "urgent": False}
    )
    submission = from_voice(message)
    assert submission.location == "5栋1单元0301"
    assert submission.review_hint is False
    assert submission.channel is Channel.VOICE
    assert submission.reported_at == datetime(2025, 3, 1, 8, 55, tzinfo=UTC)


def test_doubtful_or_missing_extraction_searches_the_transcript_and_asks_review():
    """Without a confident extraction the transcript is searched and the record is reviewed."""
    doubtful = from_voice(_transcript(extracted={"location": {"value": "8栋", "confidence": 0.3}}))
    missing = from_voice(_transcript())
    assert doubtful.review_hint is True
    assert missing.review_hint is True
    assert "3号楼2单元1202" in missing.location


@pytest.fixture
async def broker(scenario) -> AsyncIterator[KafkaBroker]:
    """Intake's subscribers on an in-memory broker."""
    real = KafkaBroker()
    kafka = KafkaRouter()
    handlers.register(kafka, scenario.intake)
    real.include_router(kafka)
    async with TestKafkaBroker(real) as started:
        yield started


async def test_transcript_on_the_voice_topic_is_received_for_review(broker, scenario):
    """A transcript becomes a voice complaint with its location parsed and review requested."""
    await broker.publish(CALL, topic=topics.VOICE, key=b"call-77")
    [event] = scenario.publisher.published
    data = event.payload()
    assert isinstance(data, ComplaintReceived)
    assert event.subject == voice_complaint_id(_transcript())
    assert data.channel is Channel.VOICE
    assert (data.location.building, data.location.unit) == ("3", "2-1202")
    assert data.needs_review is True
