"""What the triage reads in a complaint: normalised text, Latin words and pinyin syllables.

Every Chinese character becomes its toneless syllable, and so do Latin words when the text is
written in pinyin, so 电梯, the typo 电题 and `dianti` or `diàn tī` all read `dian ti`.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

BREAK = "|"  # between syllables that are not adjacent in the text
_MAX_SYLLABLE = 6
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5](?![0-9])")
_TOKEN = re.compile(r"[a-z]+|[\u4e00-\u9fff]|[^\sa-z\u4e00-\u9fff]")
_DIACRITIC = re.compile(r"[\u0300-\u036f]")
_SCRIPT_CHANGE = re.compile(r"(?<=[\u4e00-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u4e00-\u9fff])")
# Spellings people type for the u-umlaut syllables, and the interjection syllables.
_EXTRA_SYLLABLES = {"lue": "lve", "nue": "nve", "lvu": "lv", "m": "m", "n": "n"}


@cache
def pinyin_table() -> dict[str, str]:
    """Character -> toneless syllable (v for u-umlaut), from data/pinyin.txt."""
    table: dict[str, str] = {}
    path = Path(__file__).parent / "data" / "pinyin.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        syllable, chars = line.split()
        for char in chars:
            table[char] = syllable
    return table


@cache
def homophones() -> dict[str, str]:
    """Syllable -> its characters, commonest first."""
    found: dict[str, str] = {}
    for char, syllable in pinyin_table().items():
        found[syllable] = found.get(syllable, "") + char
    return found


@cache
def _syllables() -> dict[str, str]:
    known = {s: s for s in pinyin_table().values() if len(s) > 1 or s in "aeo"}
    return known | {k: v for k, v in _EXTRA_SYLLABLES.items() if len(k) > 1}


def normalise(text: str) -> str:
    """Full-width to ASCII, lower case, no tone marks or digits, ü written v, 电梯lift spaced."""
    text = unicodedata.normalize("NFKC", text).lower()
    decomposed = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    text = unicodedata.normalize("NFC", _DIACRITIC.sub("", decomposed))
    return _SCRIPT_CHANGE.sub(" ", _TONE_DIGIT.sub("", text))


@lru_cache(maxsize=8192)
def split_pinyin(word: str) -> tuple[str, ...] | None:
    """`dianti` -> (dian, ti): the fewest syllables, longest first; None when not pinyin."""
    known = _syllables()
    best: list[tuple[str, ...] | None] = [None] * len(word) + [()]
    for start in range(len(word) - 1, -1, -1):
        for end in range(min(len(word), start + _MAX_SYLLABLE), start, -1):
            rest = best[end]
            syllable = known.get(word[start:end])
            if syllable is None or rest is None:
                continue
            current = best[start]
            if current is None or len(rest) + 1 < len(current):
                best[start] = (syllable, *rest)
    return best[0]


@dataclass(frozen=True)
class Reading:
    """A complaint as the classifier sees it."""

    text: str  # normalised
    words: tuple[str, ...]  # Latin words, in order
    syllables: tuple[str, ...]  # pinyin syllables, BREAK where the text had something else
    sources: tuple[str, ...]  # what each syllable was read from: a character or a Latin word
    pinyin: bool  # most Latin words are pinyin: the text is written in pinyin


def read(raw: str) -> Reading:
    """The normalised text, its Latin words and its syllables."""
    text = normalise(raw)
    tokens = _TOKEN.findall(text)
    words = tuple(t for t in tokens if t.isascii() and t.isalpha())
    split = {w: split_pinyin(w) for w in words if len(w) > 1}
    as_pinyin = [w for w, s in split.items() if s is not None]
    pinyin = len(as_pinyin) >= 2 and 2 * len(as_pinyin) >= len(split)  # noqa: PLR2004
    table = pinyin_table()
    syllables: list[str] = []
    sources: list[str] = []
    for token in tokens:
        parts = split.get(token) if pinyin else None
        if len(token) == 1 and token in table:
            syllables.append(table[token])
            sources.append(token)
        elif parts:
            syllables.extend(parts)
            sources.extend([token] * len(parts))
        elif not syllables or syllables[-1] != BREAK:
            syllables.append(BREAK)
            sources.append(BREAK)
    return Reading(text, words, tuple(syllables), tuple(sources), pinyin)
