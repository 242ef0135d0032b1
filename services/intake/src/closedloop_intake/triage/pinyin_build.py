"""Regenerate `data/pinyin.txt`: `python -m closedloop_intake.triage.pinyin_build [COLLATION]`.

glibc's locale file `iso14651_t1_pinyin` (locale data; the FSF claims no copyright in it) lists
CJK characters sorted by pinyin, with a corpus frequency, but never names the syllables. The
hand-written anchors in `data/pinyin_anchors.txt` name them: every character lying between two
anchors of one syllable has that syllable. Anchors out of collation order (polyphones such as 长)
keep their hand-written reading. The output is sorted, so a rerun is identical byte for byte.
"""

import bisect
import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
COLLATION = Path("/usr/share/i18n/locales/iso14651_t1_pinyin")
MIN_FREQUENCY = 10
# Polyphones: the reading a complaint most likely means (空调, 不行, 觉得, 弄坏).
PREFERRED = {
    "行": "xing",
    "觉": "jue",
    "调": "tiao",
    "弄": "nong",
    "称": "cheng",
    "盛": "sheng",
    "咱": "zan",
    "咳": "ke",
    "攒": "zan",
    "碌": "lu",
    "殷": "yin",
    "露": "lu",
}
_LINE = re.compile(r"<U[0-9A-F]+>.*#(.)(\d+)$")


def _sort_key(syllable: str) -> str:
    """The collation puts lüe among the u-syllables (as lue) and lü after luo."""
    return {"lve": "lue", "nve": "nue", "lv": "lu~", "nv": "nu~"}.get(syllable, syllable)


def read_collation(path: Path) -> list[tuple[str, int]]:
    """(character, frequency) in pinyin order."""
    found = (_LINE.match(line.strip()) for line in path.read_text(encoding="utf-8").splitlines())
    return [(m.group(1), int(m.group(2))) for m in found if m]


def read_anchors(path: Path) -> list[tuple[str, str]]:
    """(syllable, character) pairs in file order."""
    pairs: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        syllable, chars = line.split()
        pairs += [(syllable, char) for char in chars]
    return pairs


def _in_order(anchors: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The longest run of anchors whose syllables do not go backwards along the collation."""
    keys = [_sort_key(s) for _, s in anchors]
    tails: list[str] = []
    tail_at: list[int] = []
    previous = [-1] * len(keys)
    for i, key in enumerate(keys):
        j = bisect.bisect_right(tails, key)
        if j == len(tails):
            tails.append(key)
            tail_at.append(i)
        else:
            tails[j], tail_at[j] = key, i
        previous[i] = tail_at[j - 1] if j else -1
    kept: list[int] = []
    i = tail_at[-1]
    while i >= 0:
        kept.append(i)
        i = previous[i]
    return [anchors[i] for i in reversed(kept)]


def build(collation: list[tuple[str, int]], anchors: list[tuple[str, str]]) -> dict[str, str]:
    """Character -> toneless syllable."""
    position = {char: i for i, (char, _) in enumerate(collation)}
    placed = sorted((position[c], s) for s, c in anchors if c in position)
    good = _in_order(placed)
    at = [p for p, _ in good]
    table: dict[str, str] = {}
    for i, (char, frequency) in enumerate(collation):
        j = bisect.bisect_left(at, i)
        if frequency < MIN_FREQUENCY or not "\u4e00" <= char <= "\u9fff" or j == len(at):
            continue
        if at[j] == i or (j > 0 and good[j - 1][1] == good[j][1]):
            table[char] = good[j][1]
    for syllable, char in reversed(anchors):
        table[char] = syllable
    return table | PREFERRED


def render(table: dict[str, str], frequency: dict[str, int]) -> str:
    """One line per syllable, `syllable characters`, commonest character first."""
    by_syllable: dict[str, list[str]] = {}
    for char, syllable in table.items():
        by_syllable.setdefault(syllable, []).append(char)
    lines = [
        f"{s} {''.join(sorted(cs, key=lambda c: (-frequency.get(c, 0), c)))}"
        for s, cs in sorted(by_syllable.items())
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write data/pinyin.txt from the collation file (argument or the Debian path)."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else COLLATION
    collation = read_collation(source)
    table = build(collation, read_anchors(DATA / "pinyin_anchors.txt"))
    (DATA / "pinyin.txt").write_text(render(table, dict(collation)), encoding="utf-8")
    print(f"{len(table)} characters -> {DATA / 'pinyin.txt'}")


if __name__ == "__main__":
    main()
