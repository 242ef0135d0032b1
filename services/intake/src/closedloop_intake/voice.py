"""Voice-system transcripts become submissions like any other channel's.

The voice system may have extracted the location with a confidence; a confident extraction is
used as the location text, otherwise the transcript itself is searched for a building/unit. A
doubtful extraction, or none, marks the complaint for front-desk review (its clock runs anyway).
"""

from closedloop_intake.domain import Submission
from closedloop_shared.inbound import VoiceTranscript
from closedloop_shared.vocabulary import Channel

TRUST_EXTRACTION = 0.6
"""Extractions at least this confident are taken as they are."""


def from_voice(message: VoiceTranscript) -> Submission:
    """The submission a transcript stands for."""
    extracted = message.extracted.location
    trusted = extracted is not None and extracted.confidence >= TRUST_EXTRACTION
    location = extracted.value if trusted and extracted else message.transcript[:200]
    return Submission(
        site_id=message.site_id,
        location=location,
        channel=Channel.VOICE,
        reporter=message.caller,
        description=message.transcript[:2000],
        reported_at=message.called_at,
        external_ref=message.call_id,
        review_hint=not trusted,
    )
