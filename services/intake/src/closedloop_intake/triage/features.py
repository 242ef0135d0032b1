"""The features a complaint gives the model: cue concepts, characters, syllables and words.

Concepts carry what the lexicon knows; character and syllable pairs and English words carry
what only the training complaints show. Syllables make Chinese, typos and pinyin look alike.
"""

from closedloop_intake.triage.lexicon import found
from closedloop_intake.triage.text import BREAK, Reading

_SUFFIXES = ("ing", "ed", "es", "s")
_MIN_STEM = 3


def _stem(word: str) -> str:
    """A crude English stem: leaking, leaked and leaks all read `leak`."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def features(reading: Reading, concepts: dict[str, int] | None = None) -> list[str]:
    """Distinct feature names, in a stable order."""
    hits = found(reading) if concepts is None else concepts
    names: dict[str, None] = {}
    for concept in hits:
        names[f"c:{concept}"] = None
        names[f"k:{concept.partition('.')[0]}"] = None
    han = [ch for ch in reading.text if "\u4e00" <= ch <= "\u9fff"]
    for i, char in enumerate(han):
        names[f"h:{char}"] = None
        if i + 1 < len(han):
            names[f"h:{char}{han[i + 1]}"] = None
    syllables = reading.syllables
    for i, syllable in enumerate(syllables):
        if syllable == BREAK:
            continue
        names[f"s:{syllable}"] = None
        if i + 1 < len(syllables) and syllables[i + 1] != BREAK:
            names[f"s:{syllable}_{syllables[i + 1]}"] = None
    stems = [_stem(w) for w in reading.words if not reading.pinyin or len(w) > 1]
    for i, stem in enumerate(stems):
        names[f"w:{stem}"] = None
        if i + 1 < len(stems):
            names[f"w:{stem}_{stems[i + 1]}"] = None
    if not names:
        names["empty"] = None
    return list(names)
