"""The urgent flag: immediate danger to people or property, or damage that is spreading.

A hazard (fire, gas, people trapped, flooding, building-wide outage, sewage overflow, break-in,
live wires, collapse, something about to fall, injury) is found in Chinese (homophone typos of
hazard words such as 停店 and 煤汽 read as the word), English or pinyin, then set aside when its
own clause denies it (没有煤气味, `no gas smell`), frames it as a risk (火灾隐患, `in case of
fire`), or its sentence says it is over (已经修好, `fixed`, unless its own clause says it goes on),
in the past (上个月, `last week`), planned or recurring in general (明天, 经常, `every time it
rains`) with nothing saying it is happening now.

Each hazard's patterns are a narrow set (hazard_cues.ZH/EN) widened by everyday wording
(hazard_cues.BROAD_ZH/BROAD_EN): a hazard mentioned counts unless one of those checks sets it aside.
"""

import re
from dataclasses import dataclass
from functools import cache

from closedloop_intake.triage import hazard_cues as cues
from closedloop_intake.triage.text import BREAK, Reading, pinyin_table


@dataclass(frozen=True)
class _Hazard:
    name: str
    chinese: re.Pattern[str]
    english: re.Pattern[str]
    pinyin: re.Pattern[str]


_HAZARDS = tuple(
    _Hazard(
        name,
        re.compile(cues.ZH[name]),
        re.compile(cues.EN[name]),
        re.compile(rf"(?<![a-z])(?:{cues.PINYIN[name]})(?![a-z])"),
    )
    for name in cues.ZH
)


_FLAMES = re.compile(r"火|燃|烧|焦|爆|fire|flame|burn|blaze|explo")


# One pass per script finds whether any hazard is there at all: most complaints have none.
_ANY_CHINESE = re.compile("|".join(f"(?:{pattern})" for pattern in cues.ZH.values()))
_ANY_ENGLISH = re.compile("|".join(f"(?:{pattern})" for pattern in cues.EN.values()))
_ANY_PINYIN = re.compile(
    "|".join(rf"(?<![a-z])(?:{pattern})(?![a-z])" for pattern in cues.PINYIN.values())
)


def _set_aside(text: str, start: int, end: int, *, english: bool, claim: bool) -> bool:
    """True when the hazard at text[start:end] is denied, hypothetical, over, past or general.

    A compensation claim is about damage done: its hazard counts only if it is still going on.
    """
    clause_start = max((m.end() for m in cues.CLAUSE_END.finditer(text, 0, start)), default=0)
    before = text[clause_start:start]
    sentence_end = cues.SENTENCE_END.search(text, end)
    after = text[end : sentence_end.start() if sentence_end else len(text)]
    clause_end = cues.CLAUSE_END.search(text, end)
    clause = text[clause_start : clause_end.start() if clause_end else len(text)]
    c = cues.ENGLISH if english else cues.CHINESE
    if c.denied.search(before) or c.risk.search(before) or c.risk.match(after):
        return True
    if c.over.search(after) and not c.now.search(clause):
        return True  # `fixed`, unless its own clause says it goes on (`still pouring`)
    # Chinese says when before the event (上周); English usually after it (`last week`).
    past = c.past.search(text[:end]) or (english and c.past.search(after))
    framed = claim or past or c.general.search(text)
    return bool(framed) and not c.now.search(text)


def _heard(reading: Reading, spoken: str, heard: re.Match[str], keys: str, claim: bool) -> bool:
    """A pinyin match that is not denied, and is pinyin or keeps one of its own characters."""
    if cues.PY_DENIED.search(spoken[: heard.start()]):
        return False
    first = spoken.count(" ", 0, heard.start())
    span = reading.sources[first : first + heard.group().count(" ") + 1]
    sources = [source for source in span if source != BREAK]
    if all(len(source) > 1 for source in sources):
        return True  # written in pinyin
    if not any(source in keys for source in sources):
        return False
    written = "".join(sources)
    at = reading.text.find(written)
    return at < 0 or not _set_aside(reading.text, at, at + len(written), english=False, claim=claim)


def hazards(reading: Reading, *, claim: bool = False) -> list[str]:
    """The hazards the complaint reports as happening now, each named once."""
    return assess(reading, claim=claim)[0]


@cache
def _sound_alikes() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First syllable -> (syllables, word) of each hazard word."""
    table = pinyin_table()
    words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for word in cues.SOUND_ALIKE:
        sound = tuple(table[char] for char in word)
        words.setdefault(sound[0], []).append((sound, word))
    return words


def corrected(text: str) -> str:
    """`text` with homophone typos of hazard words (停店, 煤汽) replaced by the words."""
    table, words = pinyin_table(), _sound_alikes()
    chars = list(text)
    for i, char in enumerate(chars):
        for sound, word in words.get(table.get(char, ""), ()):
            span = chars[i : i + len(word)]
            if (
                len(span) == len(word)
                and "".join(span) != word
                and all(table.get(c) == s for c, s in zip(span, sound, strict=True))
                and any(c == w for c, w in zip(span, word, strict=True))
            ):
                chars[i : i + len(word)] = word
    return "".join(chars)


def assess(reading: Reading, *, claim: bool = False) -> tuple[list[str], list[str]]:
    """The hazards happening now, and those mentioned but set aside (denied, past, over...)."""
    text = corrected(reading.text) if reading.syllables else reading.text
    spoken = " ".join(reading.syllables)
    present: list[str] = []
    dismissed: list[str] = []
    chinese = _ANY_CHINESE.search(text) is not None
    english = bool(reading.words) and _ANY_ENGLISH.search(text) is not None
    if not (chinese or english or _ANY_PINYIN.search(spoken)):
        return present, dismissed
    for hazard in _HAZARDS:
        spans = [(m, False) for m in hazard.chinese.finditer(text)] if chinese else []
        if english:
            spans += [(m, True) for m in hazard.english.finditer(text)]
        excluded = cues.EXCLUDED.get(hazard.name)
        if excluded is not None and excluded.search(text):
            spans = [(m, e) for m, e in spans if _FLAMES.search(m.group())]
        live = any(
            not _set_aside(text, m.start(), m.end(), english=e, claim=claim) for m, e in spans
        )
        heard = None
        if not spans and (heard := hazard.pinyin.search(spoken)):
            live = _heard(reading, spoken, heard, cues.KEY_CHARACTERS[hazard.name], claim)
        if live:
            present.append(hazard.name)
        elif spans or heard:
            dismissed.append(hazard.name)
    return present, dismissed
