"""Evaluation of verdicts against labelled complaints: accuracy, per-category scores, confusion.

Precision of a category nobody predicted (and recall of one absent from the truth) is 0.0, as
is F1 when both are 0; support is the number of complaints whose true category it is.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from closedloop_intake.triage.classifier import LABELS

# The bar issue 3 sets: category accuracy, urgent recall, urgent precision.
CHECKS = {"accuracy": 0.92, "urgent_recall": 0.95, "urgent_precision": 0.80}


@dataclass(frozen=True)
class Outcome:
    """One labelled complaint and what the classifier said about it."""

    category: str
    urgent: bool
    predicted: str
    predicted_urgent: bool


@dataclass(frozen=True)
class Scores:
    """Precision, recall, F1 and support of one class."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """Everything `closedloop evaluate` prints."""

    total: int
    accuracy: float
    categories: dict[str, Scores]
    confusion: dict[str, dict[str, int]]  # truth -> predicted -> count
    urgent: Scores
    labels: tuple[str, ...] = field(default=LABELS)

    def failures(self, checks: dict[str, float] = CHECKS) -> list[str]:
        """The checks this report misses, e.g. `accuracy 0.900 < 0.92`."""
        values = {
            "accuracy": self.accuracy,
            "urgent_recall": self.urgent.recall,
            "urgent_precision": self.urgent.precision,
        }
        return [
            f"{name} {values[name]:.3f} < {bar}"
            for name, bar in checks.items()
            if values[name] < bar
        ]


def _scores(true_positive: int, predicted: int, actual: int) -> Scores:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 4), round(recall, 4), round(f1, 4), actual)


def evaluate(outcomes: Iterable[Outcome], labels: Sequence[str] = LABELS) -> Report:
    """Scores for `outcomes`; categories outside `labels` are added after them."""
    rows = list(outcomes)
    seen = {o.category for o in rows} | {o.predicted for o in rows}
    codes = tuple(labels) + tuple(sorted(seen - set(labels)))
    confusion = {truth: dict.fromkeys(codes, 0) for truth in codes}
    for o in rows:
        confusion[o.category][o.predicted] += 1
    categories = {
        code: _scores(
            confusion[code][code],
            sum(confusion[truth][code] for truth in codes),
            sum(confusion[code].values()),
        )
        for code in codes
    }
    correct = sum(confusion[code][code] for code in codes)
    urgent = _scores(
        sum(o.urgent and o.predicted_urgent for o in rows),
        sum(o.predicted_urgent for o in rows),
        sum(o.urgent for o in rows),
    )
    accuracy = round(correct / len(rows), 4) if rows else 0.0
    return Report(len(rows), accuracy, categories, confusion, urgent, codes)


def render(report: Report) -> str:
    """The report as text: summary, per-category table, confusion matrix (rows are the truth)."""
    lines = [f"complaints {report.total}  category accuracy {report.accuracy:.4f}", ""]
    lines.append(f"{'category':<17}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    for code, s in report.categories.items():
        lines.append(f"{code:<17}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}")
    lines += ["", "confusion (rows: truth, columns: predicted)"]
    widths = [max(len(code), 3) + 1 for code in report.labels]
    header = "".join(f"{code:>{w}}" for code, w in zip(report.labels, widths, strict=True))
    lines.append(f"{'':<17}{header}")
    for truth in report.labels:
        cells = report.confusion[truth]
        row = "".join(f"{cells[c]:>{w}}" for c, w in zip(report.labels, widths, strict=True))
        lines.append(f"{truth:<17}{row}")
    u = report.urgent
    lines += [
        "",
        f"urgent precision {u.precision:.3f}  recall {u.recall:.3f}  f1 {u.f1:.3f}  "
        f"support {u.support}",
    ]
    return "\n".join(lines)
