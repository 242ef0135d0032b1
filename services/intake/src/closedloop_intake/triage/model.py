"""A multinomial naive Bayes over binary features, in pure Python.

Training only counts, in the order the examples come, so the same data always gives the same
model, and a few thousand complaints train in well under a second.
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Model:
    """Log-probabilities per feature, one per label, and log priors."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    priors: tuple[float, ...]

    def scores(self, features: Iterable[str]) -> list[float]:
        """Log-likelihood per label, up to a constant; unknown features are ignored."""
        rows = [row for row in map(self.weights.get, features) if row is not None]
        return [sum(column) for column in zip(self.priors, *rows, strict=True)]


def softmax(scores: Sequence[float], temperature: float = 1.0) -> list[float]:
    """Probabilities from log-scores, flattened by `temperature`."""
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def train(
    examples: Iterable[tuple[Sequence[str], str]], labels: Sequence[str], *, alpha: float = 0.2
) -> Model:
    """Count features per label, smoothed by `alpha` (priors by one), centred per feature."""
    counts = {label: Counter[str]() for label in labels}
    documents = Counter[str]()
    for features, label in examples:
        documents[label] += 1
        counts[label].update(features)
    vocabulary = sorted(set().union(*counts.values()))
    denominators = [math.log(counts[label].total() + alpha * len(vocabulary)) for label in labels]
    weights: dict[str, tuple[float, ...]] = {}
    for feature in vocabulary:
        row = [
            math.log(counts[label][feature] + alpha) - denominators[k]
            for k, label in enumerate(labels)
        ]
        mean = sum(row) / len(row)
        weights[feature] = tuple(w - mean for w in row)
    total = sum(documents.values()) + len(labels)
    priors = tuple(math.log((documents[label] + 1) / total) for label in labels)
    return Model(tuple(labels), weights, priors)
