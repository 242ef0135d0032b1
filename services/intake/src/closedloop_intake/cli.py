"""`closedloop`: the triage from the command line, with exactly the code intake uses.

    closedloop classify                 JSON lines {"id", "text"} in, verdicts out
    closedloop evaluate [FILE] [--json] [--check]

Errors: an unreadable `classify` line becomes `{"id", "line", "error"}` on stdout and the exit
code is 1 once all lines are done. `evaluate` reports unreadable lines on stderr and exits 2
(also for a missing file); `--check` exits 1 when the bar of issue 3 is missed.
"""

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from closedloop_intake.classify import classify
from closedloop_intake.triage.metrics import Outcome, evaluate, render
from closedloop_shared.vocabulary import Category

HELDOUT = Path("tests/data/triage/heldout.jsonl")
INVALID_INPUT = 2


def _objects(stream: IO[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object or None, error or None) per non-blank line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, None, f"invalid JSON: {error.msg}"
            continue
        if not isinstance(value, dict):
            yield number, None, "expected a JSON object"
            continue
        yield number, value, None


def _emit(out: IO[str], value: dict[str, Any]) -> None:
    out.write(json.dumps(value, ensure_ascii=False) + "\n")


def _problem(value: dict[str, Any]) -> str | None:
    """Why a `classify` line cannot be classified, or None."""
    ident, text = value.get("id"), value.get("text")
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        return "`id` must be a string or an integer"
    if not isinstance(text, str) or not text.strip():
        return "`text` must be a non-empty string"
    return None


def _verdict(number: int, value: dict[str, Any] | None, error: str | None) -> dict[str, Any]:
    """The output line for one input line: a verdict, or the reason there is none."""
    ident = value.get("id") if value is not None else None
    problem = error or _problem(value or {})
    if problem is None and value is not None:
        try:
            triage = classify(str(value["text"]))
        except Exception as failure:  # one bad line must not stop the stream
            problem = f"classification failed: {type(failure).__name__}"
        else:
            verdict = {"category": str(triage.category), "urgent": triage.urgent}
            return {"id": ident, **verdict, "confidence": triage.confidence}
    return {"id": ident, "line": number, "error": problem}


def run_classify(stdin: IO[str], stdout: IO[str]) -> int:
    """Classify every line of `stdin`; 1 if any line was unusable, else 0."""
    failed = False
    for number, value, error in _objects(stdin):
        line = _verdict(number, value, error)
        failed = failed or "error" in line
        _emit(stdout, line)
        stdout.flush()
    return 1 if failed else 0


def _outcome(value: dict[str, Any] | None, error: str | None) -> Outcome:
    """The labelled complaint `value` and the triage's verdict on it."""
    if value is None:
        raise ValueError(error)
    text, category, urgent = value.get("text"), value.get("category"), value.get("urgent")
    if not isinstance(text, str) or category not in set(Category) or not isinstance(urgent, bool):
        raise ValueError("needs `text`, a category code and a boolean `urgent`")
    triage = classify(text)
    return Outcome(str(category), urgent, str(triage.category), triage.urgent)


def run_evaluate(path: Path, *, as_json: bool, check: bool, stdout: IO[str]) -> int:
    """Print the evaluation of `path`; the exit code as the module docstring says."""
    try:
        stream = path.open(encoding="utf-8")
    except OSError as unreadable:
        print(f"cannot read {path}: {unreadable.strerror}", file=sys.stderr)
        return INVALID_INPUT
    outcomes: list[Outcome] = []
    invalid = 0
    with stream:
        for number, value, error in _objects(stream):
            try:
                outcomes.append(_outcome(value, error))
            except ValueError as problem:
                invalid += 1
                print(f"{path}:{number}: {problem}", file=sys.stderr)
    report = evaluate(outcomes)
    failures = report.failures()
    if as_json:
        _emit(stdout, {**asdict(report), "invalid_lines": invalid, "check_failures": failures})
    else:
        stdout.write(render(report) + "\n")
        if check:
            stdout.write(("check failed: " + "; ".join(failures)) if failures else "check passed")
            stdout.write("\n")
    if invalid:
        return INVALID_INPUT
    return 1 if check and failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point."""
    parser = argparse.ArgumentParser(prog="closedloop", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("classify", help="classify JSON lines from stdin")
    evaluation = commands.add_parser("evaluate", help="score the triage on a labelled file")
    evaluation.add_argument("file", nargs="?", type=Path, default=HELDOUT)
    evaluation.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluation.add_argument("--check", action="store_true", help="exit 1 below issue 3's bar")
    args = parser.parse_args(argv)
    if args.command == "classify":
        return run_classify(sys.stdin, sys.stdout)
    return run_evaluate(args.file, as_json=args.json, check=args.check, stdout=sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
