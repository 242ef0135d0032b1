"""Evaluation metrics on hand-counted outcomes."""

import pytest

from closedloop_intake.triage.metrics import Outcome, evaluate, render

# Truth -> predicted: repair twice right and once as noise; noise once right; parking once as
# repair. Urgent: two true alarms, one missed, one false alarm.
OUTCOMES = [
    Outcome("repair", True, "repair", True),
    Outcome("repair", False, "repair", False),
    Outcome("repair", True, "noise", False),
    Outcome("noise", False, "noise", True),
    Outcome("parking", True, "repair", True),
]


def test_accuracy_is_the_share_of_right_categories() -> None:
    """Three of five right."""
    assert evaluate(OUTCOMES).accuracy == 0.6


def test_per_category_precision_recall_f1_and_support() -> None:
    """repair: 2 of 3 predicted right, 2 of 3 found; noise: 1 of 2 predicted, 1 of 1 found."""
    categories = evaluate(OUTCOMES).categories
    repair, noise, parking = categories["repair"], categories["noise"], categories["parking"]
    assert (repair.precision, repair.recall, repair.support) == (0.6667, 0.6667, 3)
    assert (noise.precision, noise.recall, noise.f1) == (0.5, 1.0, 0.6667)
    assert (parking.precision, parking.recall, parking.f1, parking.support) == (0.0, 0.0, 0.0, 1)


def test_confusion_rows_are_truth_and_columns_predictions() -> None:
    """A parking complaint called repair counts in row parking, column repair."""
    confusion = evaluate(OUTCOMES).confusion
    assert confusion["parking"]["repair"] == 1
    assert confusion["repair"]["noise"] == 1
    assert sum(sum(row.values()) for row in confusion.values()) == len(OUTCOMES)


def test_urgent_precision_and_recall() -> None:
    """Two of three alarms were real; two of three urgent complaints were caught."""
    urgent = evaluate(OUTCOMES).urgent
    assert (urgent.precision, urgent.recall, urgent.support) == (0.6667, 0.6667, 3)


def test_failures_name_each_missed_bar() -> None:
    """The report says which of the three bars it misses."""
    assert evaluate(OUTCOMES).failures() == [
        "accuracy 0.600 < 0.92",
        "urgent_recall 0.667 < 0.95",
        "urgent_precision 0.667 < 0.8",
    ]


def test_an_empty_evaluation_scores_zero_without_dividing_by_zero() -> None:
    """No outcomes, no crash."""
    report = evaluate([])
    assert (report.total, report.accuracy, report.urgent.recall) == (0, 0.0, 0.0)


def test_unknown_labels_get_their_own_row_and_column() -> None:
    """A label outside the ten codes is still counted, after them."""
    report = evaluate([Outcome("plumbing", False, "repair", False)])
    assert report.labels[-1] == "plumbing"
    assert report.confusion["plumbing"]["repair"] == 1


@pytest.mark.parametrize("code", ["repair", "compensation", "other"])
def test_rendered_matrix_uses_category_codes_as_labels(code: str) -> None:
    """Rows and columns are labelled with the category codes."""
    text = render(evaluate(OUTCOMES))
    matrix = text.split("confusion (rows: truth, columns: predicted)")[1]
    assert code in matrix.splitlines()[1]
    assert any(line.startswith(code) for line in matrix.splitlines())
