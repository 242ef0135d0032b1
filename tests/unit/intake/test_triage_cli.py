"""`closedloop classify` and `closedloop evaluate`, run through `main()` with fake streams."""

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from closedloop_intake.classify import classify
from closedloop_intake.cli import main


def run(monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: str = "") -> tuple[int, str]:
    """Exit code and stdout of `closedloop ARGS` fed `stdin`."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setattr(sys, "stdout", out)
    return main(args), out.getvalue()


def lines(output: str) -> list[dict[str, Any]]:
    """The JSON objects printed, one per line."""
    return [json.loads(line) for line in output.splitlines()]


def test_classify_writes_one_verdict_per_line_using_intakes_classifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each input id comes back with exactly what `classify` (as intake calls it) says."""
    stdin = '{"id": 1, "text": "电梯坏了有人被困"}\n{"id": "b", "text": "wuyefei shou duo le"}\n'
    code, output = run(monkeypatch, ["classify"], stdin)
    first, second = lines(output)
    triage = classify("电梯坏了有人被困")
    assert code == 0
    assert first == {
        "id": 1,
        "category": "repair",
        "urgent": True,
        "confidence": triage.confidence,
    }
    assert (second["id"], second["category"], second["urgent"]) == ("b", "billing", False)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": 7}', "`text` must be a non-empty string"),
        ('{"id": 7, "text": "   "}', "`text` must be a non-empty string"),
        ('{"text": "电梯坏了"}', "`id` must be a string or an integer"),
        ('{"id": true, "text": "电梯坏了"}', "`id` must be a string or an integer"),
    ],
)
def test_an_unusable_line_gives_an_error_line_and_a_failing_exit_code(
    monkeypatch: pytest.MonkeyPatch, line: str, error: str
) -> None:
    """The bad line is reported by id (or line number), the good ones still classified."""
    stdin = f'{{"id": 1, "text": "楼道灯坏了"}}\n{line}\n{{"id": 3, "text": "噪音"}}\n'
    code, output = run(monkeypatch, ["classify"], stdin)
    good, bad, after = lines(output)
    assert code == 1
    assert (good["id"], after["id"]) == (1, 3)
    assert bad["line"] == 2
    assert bad["error"].startswith(error)


def test_blank_lines_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty line is no complaint and no error."""
    code, output = run(monkeypatch, ["classify"], '\n{"id": 1, "text": "漏水"}\n\n')
    assert (code, len(lines(output))) == (0, 1)


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    """Four labelled complaints the triage gets right."""
    rows = [
        {"id": 1, "text": "电梯坏了有人被困", "category": "repair", "urgent": True},
        {"id": 2, "text": "物业费多收了", "category": "billing", "urgent": False},
        {"id": 3, "text": "楼上装修噪音太大", "category": "noise", "urgent": False},
        {
            "id": 4,
            "text": "Strong smell of gas in the stairwell",
            "category": "repair",
            "urgent": True,
        },
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_evaluate_prints_accuracy_table_confusion_and_urgency(
    monkeypatch: pytest.MonkeyPatch, labelled: Path
) -> None:
    """The text report names accuracy, per-category scores, the matrix and urgent scores."""
    code, output = run(monkeypatch, ["evaluate", str(labelled)])
    assert code == 0
    assert "category accuracy 1.0000" in output
    assert "confusion (rows: truth, columns: predicted)" in output
    assert "service_attitude" in output
    assert "urgent precision 1.000  recall 1.000" in output


def test_evaluate_json_carries_the_same_figures(
    monkeypatch: pytest.MonkeyPatch, labelled: Path
) -> None:
    """`--json` prints one object with accuracy, categories, confusion and urgency."""
    code, output = run(monkeypatch, ["evaluate", str(labelled), "--json"])
    [report] = lines(output)
    assert code == 0
    assert report["accuracy"] == 1.0
    assert report["categories"]["repair"]["support"] == 2
    assert report["confusion"]["billing"]["billing"] == 1
    assert report["urgent"]["recall"] == 1.0


def test_check_fails_below_the_bar(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`--check` exits 1 when accuracy, urgent recall or urgent precision is under the bar."""
    path = tmp_path / "wrong.jsonl"
    row = {"id": 1, "text": "楼上装修噪音太大", "category": "parking", "urgent": True}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    code, output = run(monkeypatch, ["evaluate", str(path), "--check"])
    assert code == 1
    assert "check failed: accuracy 0.000 < 0.92" in output


def test_check_passes_at_the_bar(monkeypatch: pytest.MonkeyPatch, labelled: Path) -> None:
    """`--check` exits 0 when every figure clears the bar."""
    code, output = run(monkeypatch, ["evaluate", str(labelled), "--check"])
    assert (code, output.rstrip().endswith("check passed")) == (0, True)


def test_evaluate_rejects_a_missing_file_and_bad_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A missing file or an unlabelled line exits 2 instead of being silently scored."""
    assert run(monkeypatch, ["evaluate", str(tmp_path / "none.jsonl")])[0] == 2
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "漏水", "category": "plumbing", "urgent": false}\n')
    assert run(monkeypatch, ["evaluate", str(path)])[0] == 2
