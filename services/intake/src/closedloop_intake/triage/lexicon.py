"""Cue words from data/lexicon.txt, found in a complaint by spelling or by sound.

A concept (`repair.lift`) is found when any of its terms is: a Chinese term anywhere in the text
or, read as pinyin, among the text's syllables (so typos and pinyin find it too); an English
pattern as whole words. Lookups go through dictionaries keyed by the text's own characters,
syllables and word prefixes, so the cost grows with the text, not with the lexicon.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from closedloop_intake.triage.text import Reading, pinyin_table, split_pinyin

_LITERAL = re.compile(r"[a-z'\-]*")
_WORD_START = re.compile(r"\b[a-z]")
_QUANTIFIERS = "?*{"


@dataclass
class Lexicon:
    """The concepts' terms, indexed for lookup."""

    chinese: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict
    )  # term -> (concept, key)
    sounds: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # syllables -> concepts
    english: dict[str, list[tuple[str, re.Pattern[str], str]]] = field(default_factory=dict)
    anywhere: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    longest_term: int = 1
    longest_sound: int = 1


def _sound(term: str) -> tuple[str, ...] | None:
    table = pinyin_table()
    if all(char in table for char in term):
        return tuple(table[char] for char in term)
    return None


def _alternatives(pattern: str) -> list[str]:
    """`a | b(c|d)` -> [`a`, `b(c|d)`]: the top-level alternatives of a regular expression."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if char == "(" and not escaped:
            depth += 1
        elif char == ")" and not escaped:
            depth -= 1
        elif char == "|" and depth == 0 and not escaped:
            parts.append(pattern[start:i].strip())
            start = i + 1
    return [p for p in [*parts, pattern[start:].strip()] if p]


def _add_english(lexicon: Lexicon, name: str, fragment: str) -> None:
    pattern = re.compile(rf"(?:{fragment})\b")
    literal = _LITERAL.match(fragment)
    prefix = literal.group() if literal else ""
    if len(fragment) > len(prefix) and fragment[len(prefix)] in _QUANTIFIERS:
        prefix = prefix[:-1]
    if len(prefix) < 2:  # noqa: PLR2004
        lexicon.anywhere.append((re.compile(rf"\b(?:{fragment})\b"), name))
    else:
        lexicon.english.setdefault(prefix[:2], []).append((prefix, pattern, name))


def _add(lexicon: Lexicon, name: str, fields: dict[str, str]) -> None:
    lexicon.names.append(name)
    for written in fields.get("zh", "").split():
        exact = written.startswith("=")
        term = written.removeprefix("=")
        sound = _sound(term)
        lexicon.chinese.setdefault(term, []).append((name, " ".join(sound) if sound else term))
        if sound and not exact and len(term) > 1:
            lexicon.sounds.setdefault(sound, []).append(name)
    for fragment in _alternatives(fields.get("en", "")):
        _add_english(lexicon, name, fragment)
    for word in fields.get("py", "").split():
        parts = split_pinyin(word)
        if parts:
            lexicon.sounds.setdefault(parts, []).append(name)


@cache
def lexicon() -> Lexicon:
    """Every concept of data/lexicon.txt."""
    path = Path(__file__).parent / "data" / "lexicon.txt"
    built = Lexicon()
    name = ""
    fields: dict[str, str] = {}
    for line in [*path.read_text(encoding="utf-8").splitlines(), "[end]"]:
        if line.startswith("["):
            if name:
                _add(built, name, fields)
            name, fields = line.strip("[] "), {}
        elif ":" in line and not line.startswith("#"):
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    built.longest_term = max(map(len, built.chinese), default=1)
    built.longest_sound = max(map(len, built.sounds), default=1)
    return built


def found(reading: Reading) -> dict[str, int]:
    """Concept name -> how many distinct terms of it the complaint contains."""
    index = lexicon()
    longest_term, longest_sound = index.longest_term, index.longest_sound
    keys: defaultdict[str, set[str]] = defaultdict(set)
    text = reading.text
    for start in range(len(text)):
        if "\u4e00" <= text[start] <= "\u9fff":
            for end in range(start + 1, min(len(text), start + longest_term) + 1):
                for name, key in index.chinese.get(text[start:end], ()):
                    keys[name].add(key)
    syllables = reading.syllables
    for start in range(len(syllables)):
        for end in range(start + 2, min(len(syllables), start + longest_sound) + 1):
            sound = syllables[start:end]
            for name in index.sounds.get(sound, ()):
                keys[name].add(" ".join(sound))
    if reading.words:
        for match in _WORD_START.finditer(text):
            at = match.start()
            for prefix, pattern, name in index.english.get(text[at : at + 2], ()):
                if text.startswith(prefix, at) and (hit := pattern.match(text, at)):
                    keys[name].add(hit.group())
        for pattern, name in index.anywhere:
            keys[name].update(m.group() for m in pattern.finditer(text))
    return {name: len(terms) for name, terms in keys.items() if terms}
