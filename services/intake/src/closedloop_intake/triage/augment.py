"""Training complaints in the styles owners also write: pinyin and homophone typos.

Each Chinese training complaint gives a pinyin copy and a copy with a few characters swapped for
common homophones (楼水 for 漏水), chosen by a seeded generator so the result never changes.
"""

import random
from collections.abc import Iterator

from closedloop_intake.triage.text import homophones, pinyin_table

_COMMON = 6  # a typo is one of the six commonest characters with the same sound
_TYPOS_PER_TEXT = 2


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def to_pinyin(text: str, rng: random.Random) -> str:
    """`电梯坏了` -> `dianti huaile` or `dian ti huai le`: syllables, spaced or run together."""
    table = pinyin_table()
    spaced = rng.random() < 0.5  # noqa: PLR2004
    out: list[str] = []
    for char in text:
        if char in table:
            if out and out[-1] not in " ," and (spaced or rng.random() < 0.4):  # noqa: PLR2004
                out.append(" ")
            out.append(table[char])
        elif _is_han(char) or char in "，。！？、；：":
            out.append(", ")
        else:
            out.append(char)
    return "".join(out).strip(" ,")


def with_typos(text: str, rng: random.Random) -> str | None:
    """`text` with up to two characters replaced by homophones; None when none has one."""
    table, sounds = pinyin_table(), homophones()
    chars = list(text)
    candidates = [i for i, ch in enumerate(chars) if ch in table]
    rng.shuffle(candidates)
    changed = 0
    for i in candidates:
        others = [c for c in sounds[table[chars[i]]][:_COMMON] if c != chars[i]]
        if others:
            chars[i] = rng.choice(others)
            changed += 1
        if changed == _TYPOS_PER_TEXT:
            break
    return "".join(chars) if changed else None


def augmented(texts: list[str], seed: int = 0) -> Iterator[tuple[int, str]]:
    """(index of the original, variant) for every Chinese-script text of `texts`."""
    rng = random.Random(seed)  # noqa: S311 - reproducible variety, not secrecy
    for index, text in enumerate(texts):
        if not any(_is_han(ch) for ch in text) or any("a" <= ch.lower() <= "z" for ch in text):
            continue
        yield index, to_pinyin(text, rng)
        typo = with_typos(text, rng)
        if typo is not None:
            yield index, typo
