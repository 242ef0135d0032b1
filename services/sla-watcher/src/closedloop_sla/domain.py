"""The watcher's pure core: one complaint's stage clock, and the escalations it produces.

A clock's deadline and the instant of each level are fixed when the stage starts (later policy
changes apply to later stages). Each level of each stage of each round fires at most once: by
`due_escalations` when its instant has come, or by the catch-up when the stage ends after it.
An escalation happens at its level's instant, so `overdue_seconds` is that instant minus the
deadline. No errors are raised: an event the watcher cannot place is a no-op (`decide` -> None).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from closedloop_shared.envelope import CloudEvent
from closedloop_shared.events import (
    ComplaintCorrected,
    ComplaintEscalated,
    ComplaintFollowedUp,
    ComplaintReceived,
    ComplaintReopened,
    EventData,
)
from closedloop_shared.lifecycle import stage_after
from closedloop_shared.model import AwareDatetime
from closedloop_shared.vocabulary import EscalationLevel, Stage
from closedloop_sla.policy import ESCALATE_TO, SlaPolicy, Thresholds


def level_key(stage: Stage, round_: int, level: EscalationLevel) -> str:
    """The identity of one level of one stage of one round: it fires at most once."""
    return f"{stage}:{round_}:{level}"


class Clock(BaseModel):
    """The running clock of the complaint's current stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: Stage
    round: int
    started_at: AwareDatetime
    due_at: AwareDatetime
    pending: dict[EscalationLevel, AwareDatetime]
    """The levels not fired yet, with the instant each fires."""
    cause_id: str
    """The event that started this stage; escalation ids derive from it."""
    correlation_id: str


class ComplaintClocks(BaseModel):
    """What the watcher keeps of one complaint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    complaint_id: str
    site_id: str
    urgent: bool
    stage: Stage
    round: int = 0
    follow_ups: int = 0
    """How often the owner chased the complaint (催办)."""
    clock: Clock | None = None
    fired: tuple[str, ...] = ()
    """`level_key`s of every level already fired, over all stages and rounds."""

    def next_due(self) -> datetime | None:
        """When the next level fires; None when nothing is pending."""
        if self.clock is None or not self.clock.pending:
            return None
        return min(self.clock.pending.values())


@dataclass(frozen=True)
class Escalation:
    """A level that fired, with what its event's envelope needs."""

    data: ComplaintEscalated
    at: datetime
    cause_id: str
    correlation_id: str

    @property
    def key(self) -> str:
        """The `level_key` of this escalation."""
        return level_key(self.data.stage, self.data.round, self.data.level)


@dataclass(frozen=True)
class Decision:
    """The new state and the escalations it fired, in order."""

    state: ComplaintClocks
    escalations: tuple[Escalation, ...] = ()


def start_clock(
    state: ComplaintClocks,
    stage: Stage,
    at: datetime,
    *,
    cause: CloudEvent,
    policy: SlaPolicy,
    thresholds: Thresholds,
) -> ComplaintClocks:
    """`state` in `stage` from `at`, with that stage's clock running (none for CLOSED)."""
    if stage is Stage.CLOSED:
        return state.model_copy(update={"stage": stage, "clock": None})
    target = policy.targets(state.site_id, urgent=state.urgent).of(stage)
    severe = state.urgent or state.round > 0 or thresholds.chased(state.follow_ups)
    schedule = thresholds.schedule(at, target, severe=severe)
    clock = Clock(
        stage=stage,
        round=state.round,
        started_at=at,
        due_at=schedule[EscalationLevel.YELLOW],
        pending={
            level: instant
            for level, instant in schedule.items()
            if level_key(stage, state.round, level) not in state.fired
        },
        cause_id=cause.id,
        correlation_id=cause.correlationid,
    )
    return state.model_copy(update={"stage": stage, "clock": clock})


def _fire(state: ComplaintClocks, levels: Iterable[EscalationLevel]) -> Decision:
    clock = state.clock
    if clock is None:
        return Decision(state)
    chosen = set(levels)
    escalations = tuple(
        Escalation(
            data=ComplaintEscalated(
                level=level,
                stage=clock.stage,
                round=clock.round,
                due_at=clock.due_at,
                overdue_seconds=math.floor((clock.pending[level] - clock.due_at).total_seconds()),
                escalate_to=ESCALATE_TO[level],
            ),
            at=clock.pending[level],
            cause_id=clock.cause_id,
            correlation_id=clock.correlation_id,
        )
        for level in EscalationLevel
        if level in chosen and level in clock.pending
    )
    fired = {e.data.level for e in escalations}
    pending = {level: at for level, at in clock.pending.items() if level not in fired}
    return Decision(
        state.model_copy(
            update={
                "clock": clock.model_copy(update={"pending": pending}),
                "fired": (*state.fired, *(e.key for e in escalations)),
            }
        ),
        escalations,
    )


def due_escalations(state: ComplaintClocks, now: datetime) -> Decision:
    """Fire every pending level of the running clock whose instant is at or before `now`."""
    if state.clock is None:
        return Decision(state)
    return _fire(state, (level for level, at in state.clock.pending.items() if at <= now))


def end_clock(state: ComplaintClocks, at: datetime) -> Decision:
    """Stop the running clock at `at`: fire the levels it passed, drop the rest."""
    if state.clock is None:
        return Decision(state)
    passed = _fire(state, (level for level, t in state.clock.pending.items() if t < at))
    return Decision(passed.state.model_copy(update={"clock": None}), passed.escalations)


def chase(state: ComplaintClocks, policy: SlaPolicy, thresholds: Thresholds) -> ComplaintClocks:
    """Count a follow-up; once chased often enough, the running stage's red comes sooner."""
    state = state.model_copy(update={"follow_ups": state.follow_ups + 1})
    clock = state.clock
    red = EscalationLevel.RED
    if clock is None or red not in clock.pending or not thresholds.chased(state.follow_ups):
        return state
    target = policy.targets(state.site_id, urgent=state.urgent).of(clock.stage)
    sooner = thresholds.schedule(clock.started_at, target, severe=True).get(red)
    if sooner is None or sooner >= clock.pending[red]:
        return state
    pending = {**clock.pending, red: sooner}
    return state.model_copy(update={"clock": clock.model_copy(update={"pending": pending})})


def receive(
    event: CloudEvent, payload: ComplaintReceived, policy: SlaPolicy, thresholds: Thresholds
) -> Decision:
    """A new complaint: its accept clock ran from contact to receipt; dispatch starts now."""
    state = ComplaintClocks(
        complaint_id=event.subject,
        site_id=event.siteid,
        urgent=payload.urgent,
        stage=Stage.ACCEPT,
    )
    accepting = start_clock(
        state, Stage.ACCEPT, payload.reported_at, cause=event, policy=policy, thresholds=thresholds
    )
    accepted = end_clock(accepting, event.time)
    dispatching = start_clock(
        accepted.state,
        Stage.DISPATCH,
        event.time,
        cause=event,
        policy=policy,
        thresholds=thresholds,
    )
    return Decision(dispatching, accepted.escalations)


def decide(
    state: ComplaintClocks | None,
    event: CloudEvent,
    payload: EventData,
    policy: SlaPolicy,
    thresholds: Thresholds,
) -> Decision | None:
    """The clocks after a lifecycle event; None for an event before the complaint was received."""
    if isinstance(payload, ComplaintReceived):
        # A second ComplaintReceived for a known complaint changes nothing.
        return receive(event, payload, policy, thresholds) if state is None else Decision(state)
    if state is None:
        return None
    if isinstance(payload, ComplaintFollowedUp):
        return Decision(chase(state, policy, thresholds))
    if isinstance(payload, ComplaintCorrected):
        # A corrected urgency times the stages that start from now on; running clocks keep theirs.
        if payload.urgent is None or payload.urgent == state.urgent:
            return Decision(state)
        return Decision(state.model_copy(update={"urgent": payload.urgent}))
    stage = stage_after(state.stage, payload)
    if stage is None or stage == state.stage:
        return Decision(state)  # transfers, surveys and escalations keep the stage and its clock
    ended = end_clock(state, event.time)
    after = ended.state
    if isinstance(payload, ComplaintReopened):
        after = after.model_copy(update={"round": payload.round})
    started = start_clock(
        after, stage, event.time, cause=event, policy=policy, thresholds=thresholds
    )
    return Decision(started, ended.escalations)
