"""The triage: a naive Bayes model for the subject, DOMAIN.md's precedence on top, and urgency.

Urgency is the hazard rules, or else a second naive Bayes (urgent or routine) over the same
features, trusted only when no rule set a hazard aside and no guideline near miss is named.
Both models are trained at first use from data/train.jsonl (plus its pinyin and typo copies), in
about a second, and kept for the life of the process.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from closedloop_intake.triage.augment import augmented
from closedloop_intake.triage.features import features
from closedloop_intake.triage.hazard_cues import NEAR_MISS
from closedloop_intake.triage.lexicon import found
from closedloop_intake.triage.model import Model, softmax, train
from closedloop_intake.triage.precedence import precedence
from closedloop_intake.triage.text import normalise, read
from closedloop_intake.triage.urgent import assess

DATA = Path(__file__).parent / "data"
LABELS = (
    "repair",
    "security",
    "sanitation",
    "landscaping",
    "noise",
    "parking",
    "billing",
    "service_attitude",
    "compensation",
    "other",
)
TEMPERATURE = 5.0  # naive Bayes counts every cue as independent evidence; this undoes most of it
OTHER_CEILING = 0.45  # `other` routes nowhere in particular: a person always looks at it
RULE_CONFIDENCE = 0.85  # a precedence cue DOMAIN.md names outright (赔偿, 多收, rude staff)
UNRECOGNISED_CONFIDENCE = 0.2  # no cue and no feature the training data ever showed
TIE_CEILING = 0.65  # two subjects cued equally (垃圾堆在电梯口): a strict site (0.7) reviews it
URGENT_VOTE = 0.6  # the learned urgency model's own say: danger worded as no rule expects
GUESS_FLOOR = 0.3  # below this, a verdict without any lexicon cue is no better than `other`
CERTAINTY = 0.99  # the triage never claims to be beyond doubt
SUBJECTS = frozenset(LABELS[:6])
# The guideline: fire or smoke is security (fire hazards); smoking or sparking wiring, sockets or
# cabinets with no flames is a repair.
_FLAMES = re.compile(
    r"着火|起火|失火|火灾|火苗|烧起来|火势|着了|(?<!no\s)\bflames?\b|\bon\sfire\b|\bablaze\b"
    r"|\bblaze\b|\balight\b|\bfire\b"
)
_ELECTRICAL = re.compile(
    r"插座|开关|电箱|配电|电线|线路|电表|电闸|电路|peidian|dianxiang|chazuo|dianxian|kaiguan"
    r"|dianbiao|xianlu|dianlu|\b(?:sockets?|switch\w*|wir\w+|cables?|panel|fuse\w*|electric\w*"
    r"|distribution|meters?|plugs?|outlets?)\b"
)


# A claim framing sets a hazard aside only when the claim is written out, not merely heard.
_CLAIM_WORDS = re.compile(
    r"赔|补偿|损失|负责|律师|起诉|法院|告你们|compensat|reimburs|liab|damages|lawyer|su(?:e|ing)\b"
    r"|\bpay\b|\bcover\w*|\bloss\b|\bcosts?\b|pei\s?chang|peichang|buchang"
)
# The owner says it can wait.
_CALM = re.compile(
    r"不急|不着急|不紧急|不是很急|not\surgent|no\s(?:rush|hurry)|when(?:ever)?\syou\shave\stime"
)


@dataclass(frozen=True)
class Verdict:
    """Category code, urgency and confidence, with the hazards found."""

    category: str
    urgent: bool
    confidence: float
    hazards: tuple[str, ...] = ()


def read_examples(path: Path) -> Iterator[dict[str, object]]:
    """The JSON objects of a JSON-lines file."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True)
class Evidence:
    """What one complaint shows: model features, lexicon concepts, hazards live and set aside."""

    names: list[str]
    concepts: dict[str, int]
    present: list[str]
    dismissed: list[str]


def evidence(text: str) -> Evidence:
    """Model features, lexicon concepts and hazards of one complaint."""
    reading = read(text)
    concepts = found(reading)
    claim = bool({"demand.compensation", "legal.threat", "demand.liability"} & concepts.keys())
    claim = claim and _CLAIM_WORDS.search(reading.text) is not None  # not 配电 heard as 赔
    present, dismissed = assess(reading, claim=claim)
    names = features(reading, concepts) + [f"z:{h}" for h in present]
    return Evidence(names + [f"d:{h}" for h in dismissed], concepts, present, dismissed)


URGENCY = ("urgent", "routine")


def fit(examples: Iterable[tuple[str, str]], *, seed: int = 0) -> Model:
    """A category model trained on (text, category) pairs and their pinyin and typo copies,
    the same way `default_model` is trained on data/train.jsonl."""
    rows = _with_copies([(text, label, False) for text, label in examples], seed)
    return train(((names, category) for names, category, _ in rows), LABELS)


def _rows(name: str) -> list[tuple[str, str, bool]]:
    return [
        (str(row["text"]), str(row["category"]), bool(row["urgent"]))
        for row in read_examples(DATA / name)
    ]


def _with_copies(
    rows: list[tuple[str, str, bool]], seed: int = 0
) -> tuple[tuple[list[str], str, bool], ...]:
    """Features, category and urgency of `rows` and of their pinyin and typo copies."""
    texts = [text for text, _, _ in rows]
    copies = [(variant, rows[i][1], rows[i][2]) for i, variant in augmented(texts, seed)]
    return tuple(
        (evidence(text).names, category, urgent) for text, category, urgent in rows + copies
    )


@cache
def _training() -> tuple[tuple[list[str], str, bool], ...]:
    """data/train.jsonl and its copies, as features, category and urgency."""
    return _with_copies(_rows("train.jsonl"))


@cache
def default_model() -> Model:
    """The category model trained on data/train.jsonl."""
    return train(((names, category) for names, category, _ in _training()), LABELS)


@cache
def urgency_model() -> Model:
    """Urgent or routine: a second vote beside the hazard rules.

    Trained on data/train.jsonl plus data/urgent_train.jsonl, urgency-focused complaints (many
    wordings of danger now, and near misses) that the category model never sees.
    """
    rows = _training() + _with_copies(_rows("urgent_train.jsonl"))
    return train(((names, URGENCY[not urgent]) for names, _, urgent in rows), URGENCY)


def urgency(names: list[str]) -> float:
    """The learned probability that a complaint with these features is urgent."""
    return softmax(urgency_model().scores(names), TEMPERATURE)[0]


def _tied(concepts: dict[str, int]) -> bool:
    """Two subject categories lead the lexicon cues with as many terms each."""
    per_subject: dict[str, int] = {}
    for name, terms in concepts.items():
        kind = name.partition(".")[0]
        if kind in SUBJECTS:
            per_subject[kind] = per_subject.get(kind, 0) + terms
    top = sorted(per_subject.values(), reverse=True)
    return len(top) > 1 and top[0] == top[1]


def _fire_is_security(present: list[str], text: str) -> bool:
    """Fire or smoke reported now, other than smoking or sparking electrics with no flames."""
    if "fire" not in present:
        return False
    lowered = text.lower()
    return bool(_FLAMES.search(lowered)) or not _ELECTRICAL.search(lowered)


def _voted_urgent(names: list[str], dismissed: list[str], text: str) -> bool:
    """The learned vote, unless a rule set a hazard aside or a near miss is named."""
    if dismissed or NEAR_MISS.search(normalise(text)):
        return False
    return urgency(names) > URGENT_VOTE


def judge(text: str, model: Model | None = None) -> Verdict:
    """The verdict for one complaint."""
    model = model or default_model()
    seen = evidence(text)
    names, concepts, present = seen.names, seen.concepts, seen.present
    urgent = (bool(present) or _voted_urgent(names, seen.dismissed, text)) and not _CALM.search(
        text.lower()
    )
    if not concepts and not any(name in model.weights for name in names):
        return Verdict("other", urgent, UNRECOGNISED_CONFIDENCE, tuple(present))
    probabilities = softmax(model.scores(names), TEMPERATURE)
    ranked = sorted(range(len(LABELS)), key=lambda k: -probabilities[k])
    category, confidence = LABELS[ranked[0]], probabilities[ranked[0]]
    ruled = precedence(concepts, text, present)
    if ruled is not None and ruled != category:
        category = ruled
        confidence = max(RULE_CONFIDENCE, probabilities[LABELS.index(ruled)])
    elif ruled is not None:
        confidence = max(RULE_CONFIDENCE, confidence)
    elif category != "security" and _fire_is_security(present, text):
        category = "security"
        confidence = max(RULE_CONFIDENCE, probabilities[LABELS.index(category)])
    elif _tied(concepts):
        confidence = min(confidence, TIE_CEILING)
    if not concepts and confidence < GUESS_FLOOR:
        category = "other"
    if category == "other":
        confidence = min(confidence, OTHER_CEILING)
    return Verdict(category, urgent, round(min(confidence, CERTAINTY), 3), tuple(present))
