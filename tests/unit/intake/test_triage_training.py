"""Training is reproducible, and the reading of text that feeds it behaves."""

from pathlib import Path

from closedloop_intake.triage import pinyin_build
from closedloop_intake.triage.augment import augmented
from closedloop_intake.triage.classifier import DATA, LABELS, fit, read_examples
from closedloop_intake.triage.text import normalise, read, split_pinyin

EXAMPLES = [
    ("电梯坏了，按了没反应", "repair"),
    ("楼上装修噪音太大", "noise"),
    ("物业费多收了", "billing"),
    ("The guard was rude to me", "service_attitude"),
    ("垃圾三天没人收", "sanitation"),
]


def test_training_twice_gives_the_same_model() -> None:
    """Same data, same weights, same priors: training has no hidden randomness."""
    first, second = fit(EXAMPLES), fit(list(EXAMPLES))
    assert first == second
    assert first.labels == LABELS


def test_augmentation_is_seeded() -> None:
    """The pinyin and typo copies depend only on the texts and the seed."""
    texts = [text for text, _ in EXAMPLES]
    assert list(augmented(texts)) == list(augmented(texts))
    assert list(augmented(texts, seed=1)) != list(augmented(texts, seed=0))


def test_training_and_dev_sets_do_not_overlap() -> None:
    """A dev complaint seen in training would flatter the dev figures."""
    train = {
        row["text"]
        for name in ("train.jsonl", "urgent_train.jsonl")
        for row in read_examples(DATA / name)
    }
    for name in ("dev.jsonl", "dev3.jsonl", "dev4.jsonl"):
        dev = [row["text"] for row in read_examples(DATA / name)]
        assert dev
        assert not train.intersection(dev)


def test_labelled_data_uses_only_category_codes() -> None:
    """Every committed label is one of the ten codes and urgency a boolean."""
    for name in ("train.jsonl", "urgent_train.jsonl", "dev.jsonl", "dev3.jsonl", "dev4.jsonl"):
        for row in read_examples(DATA / name):
            assert row["category"] in LABELS
            assert isinstance(row["urgent"], bool)


def test_pinyin_table_build_spreads_anchors_along_the_collation(tmp_path: Path) -> None:
    """Characters between two anchors of one syllable take it; polyphones keep their anchor."""
    collation = [("阿", 90), ("啊", 80), ("吖", 70), ("哀", 90), ("唉", 90), ("长", 90), ("矮", 90)]
    anchors = [("a", "阿"), ("a", "吖"), ("ai", "哀"), ("zhang", "长"), ("ai", "矮")]
    table = pinyin_build.build(collation, anchors)
    assert table["啊"] == "a"
    assert table["唉"] == "ai"
    assert table["长"] == "zhang"


def test_committed_pinyin_table_is_the_rendered_build() -> None:
    """Re-rendering the committed table gives the same bytes: its format is canonical."""
    committed = (DATA / "pinyin.txt").read_text(encoding="utf-8")
    table = {ch: line.split()[0] for line in committed.splitlines() for ch in line.split()[1]}
    order = {ch: -i for line in committed.splitlines() for i, ch in enumerate(line.split()[1])}
    assert pinyin_build.render(table, order) == committed


def test_normalise_folds_width_case_tones_and_spacing() -> None:
    """Full-width letters, capitals, tone marks and tone digits all fold away."""
    assert normalise("ＤＩＡＮ　Tī") == "dian ti"
    assert normalise("lü3 dian4ti1") == "lv dianti"
    assert normalise("电梯lift坏了") == "电梯 lift 坏了"


def test_pinyin_splits_into_the_fewest_syllables() -> None:
    """`dianti` is dian+ti, `wuyefei` wu+ye+fei; English words are not pinyin."""
    assert split_pinyin("dianti") == ("dian", "ti")
    assert split_pinyin("wuyefei") == ("wu", "ye", "fei")
    assert split_pinyin("broken") is None


def test_chinese_typos_and_pinyin_read_the_same() -> None:
    """漏水, the typo 楼水 and `loushui` give the same syllables."""
    assert read("漏水").syllables == read("楼水").syllables == read("lou shui le ma").syllables[:2]
