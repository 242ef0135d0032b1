"""`uv run python -m bench.classify`: triage throughput on one core, in one process.

Classifies every committed training and dev complaint (all four writing styles) round-robin
until `--count` verdicts are made, after one warm-up call that trains the model, and prints one
JSON object: classifications/s, the training time, the count and the Python version.
"""

import argparse
import json
import platform
import time
from itertools import cycle, islice

from closedloop_intake.classify import classify
from closedloop_intake.triage.classifier import DATA, read_examples


def main() -> None:
    """Run the benchmark and print its JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="classifications to time")
    count = parser.parse_args().count
    texts = [
        str(row["text"])
        for name in ("train.jsonl", "dev.jsonl", "dev3.jsonl")
        for row in read_examples(DATA / name)
    ]
    started = time.perf_counter()
    classify("warm-up: 电梯坏了")
    trained = time.perf_counter() - started
    started = time.perf_counter()
    for text in islice(cycle(texts), count):
        classify(text)
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "classifications": count,
                "distinct_texts": len(texts),
                "seconds": round(elapsed, 3),
                "classifications_per_second": round(count / elapsed),
                "training_seconds": round(trained, 3),
                "python": platform.python_version(),
                "implementation": platform.python_implementation(),
            }
        )
    )


if __name__ == "__main__":
    main()
