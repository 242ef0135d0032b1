"""Triage of a complaint's description: category with DOMAIN.md's precedence, `urgent`, confidence.

Works on Chinese (typos and homophones included), English, mixed text and pinyin; see
`closedloop_intake.triage` for how. The model is trained from the committed data on first use
(about a second) and kept for the life of the process; nothing is downloaded.

Confidence is the model's tempered probability for the category, at least 0.85 when DOMAIN.md's
precedence cue is explicit, and below 0.5 when nothing is recognised or the verdict is `other`,
so those go to front-desk review.
"""

from dataclasses import dataclass

from closedloop_intake.triage.classifier import judge
from closedloop_shared.vocabulary import Category


@dataclass(frozen=True)
class Triage:
    """The classifier's verdict."""

    category: Category
    urgent: bool
    confidence: float


def classify(text: str) -> Triage:
    """Category, urgency and confidence for a complaint's description."""
    verdict = judge(text)
    return Triage(Category(verdict.category), verdict.urgent, verdict.confidence)
