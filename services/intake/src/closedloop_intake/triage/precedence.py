"""DOMAIN.md's precedence where the complaint states it outright.

A demand for compensation or a legal threat makes a compensation dispute; otherwise money
charged in dispute makes billing; otherwise rude staff make service_attitude, and so does an
emergency that nobody answers (the triage guideline's trapped owner). A demand the owner
declines (不要求赔偿, `not asking for compensation`) does not count. Subtler cases (damage without
a demand, neglect, fees mentioned in passing) are left to the model.
"""

import re
from collections.abc import Collection, Mapping

_DECLINED = re.compile(
    r"(?:不|没|无|不用|不需要|不要|不求|并不|没有)(?:要求|需要|想要|想|用|打算)?(?:你们|物业)?"
    r"(?:赔|补偿|索赔|起诉|找律师)"
    r"|\b(?:not|n't|no|never|without|don't\swant)\b(?:\W+\w+){0,3}?\W+"
    r"(?:compensat|reimburs|damages|sue|lawyer|legal)\w*"
)


# An emergency line nobody answers: the triage guideline's `service_attitude and urgent`.
_UNANSWERED = re.compile(
    r"(?:没人|没有人|无人|没一个人)(?:接|应|回应|应答|理|管)|打不通|占线"
    r"|\b(?:nobody|no\sone|no-one)\s(?:is\s)?(?:answer|pick|respond|com)\w*|\brings?\sout\b"
    r"|\bno\s(?:answer|response|reply)\b|\b(?:goes|went)\sto\svoicemail\b"
)


def precedence(concepts: Mapping[str, int], text: str, hazards: Collection[str] = ()) -> str | None:
    """The precedence category the cues force, or None to let the subject decide."""
    demand = "demand.compensation" in concepts or "legal.threat" in concepts
    blamed = "demand.liability" in concepts and any(c.startswith("damage.") for c in concepts)
    if (demand or blamed) and not _DECLINED.search(text.lower()):
        return "compensation"
    if "dispute.overcharge" in concepts or {"dispute.weak", "fee.terms"} <= concepts.keys():
        return "billing"
    if "conduct.rude" in concepts and "staff.people" in concepts:
        return "service_attitude"
    if hazards and _UNANSWERED.search(text.lower()):
        return "service_attitude"
    return None
