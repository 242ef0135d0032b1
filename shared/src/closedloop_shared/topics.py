"""Every Kafka topic closedloop reads or writes, named once.

`deploy/kafka/topics.txt` lists the same names for the infrastructure scripts; a contract test
keeps the two in step.
"""

from typing import Final

INBOUND: Final = "complaints.inbound.v1"
"""Complaints from call-centre systems (the inbound contract), keyed by their ticket reference."""

VOICE: Final = "complaints.voice.v1"
"""Transcripts from the voice system (IVR / speech-to-text), keyed by call id."""

COMMANDS: Final = "complaints.commands.v1"
"""Staff and owner commands (on-site fix, resolve, transfer, survey answer), keyed by complaint."""

LIFECYCLE: Final = "complaints.lifecycle.v1"
"""Every lifecycle event of every complaint, keyed by complaint id so per-complaint order holds."""

NOTIFICATIONS: Final = "complaints.notifications.v1"
"""Outbound messages for SMS/app gateways and duty managers (survey requests, urgent alerts)."""

DEAD_LETTER: Final = "complaints.deadletter.v1"
"""Messages no handler could apply, with the reason and the original bytes."""

ALL: Final = (INBOUND, VOICE, COMMANDS, LIFECYCLE, NOTIFICATIONS, DEAD_LETTER)
