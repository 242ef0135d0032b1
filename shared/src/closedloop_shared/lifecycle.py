"""What each lifecycle event means for a complaint's stage: part of the published contract.

`stage_after` is the one reading of the event stream that every consumer must agree on (the
router to refuse illegal actions, the SLA watcher to start and stop clocks, the projection to
time-stamp stages). Decisions about *whether* an event may happen stay in the owning service.
"""

from closedloop_shared.events import (
    ComplaintAssigned,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    EventData,
    OnSiteFixReported,
)
from closedloop_shared.vocabulary import Stage

ORDER: tuple[Stage, ...] = (
    Stage.ACCEPT,
    Stage.DISPATCH,
    Stage.ON_SITE,
    Stage.FEEDBACK,
    Stage.FOLLOW_UP,
)
"""The five clocked stages in loop order."""


def stage_after(current: Stage | None, event: EventData) -> Stage | None:
    """The stage a complaint is in after `event`; None while nothing is known of it."""
    match event:
        case ComplaintReceived():
            return Stage.DISPATCH
        case ComplaintAssigned(transferred_from=None):
            return Stage.ON_SITE
        case OnSiteFixReported():
            return Stage.FEEDBACK
        case ComplaintResolved():
            return Stage.FOLLOW_UP
        case ComplaintReopened():
            return Stage.DISPATCH
        case ComplaintClosed():
            return Stage.CLOSED
        case _:
            # Transfers, surveys (closed or reopened follows), escalations, follow-ups (催办)
            # and incident links keep the stage: a linked complaint moves by its own events.
            return current
