"""Cross-validate the NLU and write docs/nlu-report.md: intent F1 per intent, and the evidence for
the fallback threshold (how many right and wrong predictions each threshold keeps).

    python -m tools.nlu_report      (or: make nlu-report)

The threshold is chosen on held-out predictions of a pipeline without the FallbackClassifier, so
that the confidences are the classifier's own.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from runtime.stack import ROOT
from tools.reports import write_keeping_notes

FOLDS = 3
OUTPUT = ROOT / "results" / "nlu-cv"
REPORT = ROOT / "docs" / "nlu-report.md"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
# A fallback costs the citizen a rephrasing, a wrong answer may mislead: catch as many wrong answers as
# possible while still answering at least this share of the questions that would be answered right.
MIN_RIGHT_KEPT = 0.9


def config_without_fallback() -> dict:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
    return config


def cross_validate() -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
        yaml.safe_dump(config_without_fallback(), handle, allow_unicode=True)
    command = [sys.executable, "-m", "rasa", "test", "nlu", "--nlu", "data/nlu", "--config", handle.name,
               "--cross-validation", "--folds", str(FOLDS), "--out", str(OUTPUT), "--successes"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True)
    Path(handle.name).unlink()


def action_of_intent() -> dict[str, str]:
    """The action each intent's rule runs (data/rules/rules.yml)."""
    rules = yaml.safe_load((ROOT / "data" / "rules" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    routes = {}
    for rule in rules:
        intent = next(step["intent"] for step in rule["steps"] if "intent" in step)
        routes[intent] = next(step["action"] for step in rule["steps"] if "action" in step)
    return routes


def predictions() -> list[tuple[bool, float]]:
    """(answered right, confidence) for every held-out example.

    A prediction is right when it runs the same action as the true intent: the coverage questions
    share one action, which decides from what the message names, so confusing them costs nothing.
    """
    routes = action_of_intent()
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = OUTPUT / name
        for item in json.loads(path.read_text(encoding="utf-8")) if path.exists() else []:
            predicted = item["intent_prediction"]
            right = routes.get(predicted["name"]) == routes.get(item["intent"])
            if item["intent"] == "ask_centres" or predicted["name"] == "ask_centres":
                right = predicted["name"] == item["intent"]  # same action, but a different question
            rows.append((right, float(predicted["confidence"])))
    return rows


def threshold_table(rows: list[tuple[bool, float]]) -> tuple[list[str], float]:
    """The table of thresholds, and the highest threshold that keeps MIN_RIGHT_KEPT of right answers."""
    right = [conf for ok, conf in rows if ok]
    wrong = [conf for ok, conf in rows if not ok]
    lines = ["| threshold | right answers kept | wrong answers caught |", "|---|---|---|"]
    chosen = THRESHOLDS[0]
    for threshold in THRESHOLDS:
        kept = sum(conf >= threshold for conf in right) / len(right) if right else 0.0
        caught = sum(conf < threshold for conf in wrong) / len(wrong) if wrong else 1.0
        lines.append(f"| {threshold:.1f} | {kept:.1%} | {caught:.1%} |")
        if kept >= MIN_RIGHT_KEPT:
            chosen = threshold
    return lines, chosen


def intent_table() -> list[str]:
    report = json.loads((OUTPUT / "intent_report.json").read_text(encoding="utf-8"))
    lines = ["| intent | precision | recall | F1 | examples |", "|---|---|---|---|---|"]
    for intent, scores in sorted(report.items()):
        if (
            isinstance(scores, dict)
            and "f1-score" in scores
            and intent not in ("macro avg", "weighted avg", "micro avg")
        ):
            lines.append(
                f"| {intent} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1-score']:.3f} | {scores['support']} |"
            )
    for average in ("macro avg", "weighted avg"):
        if average in report:
            lines.append(f"| **{average}** | | | **{report[average]['f1-score']:.3f}** | |")
    return lines


def main() -> None:
    if "--reuse" not in sys.argv:  # --reuse: rewrite the report from the last cross-validation
        cross_validate()
    rows = predictions()
    thresholds, best = threshold_table(rows)
    wrong = sum(not ok for ok, _ in rows)
    text = "\n".join(
        [
            "# NLU report",
            "",
            f"Generated by `make nlu-report` (`python -m tools.nlu_report`): {FOLDS}-fold cross-validation of the",
            "intent classifier on `data/nlu/` with the pipeline of `config.yml` less the FallbackClassifier.",
            f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}.",
            "",
            "## Intent F1 per intent (held-out folds)",
            "",
            *intent_table(),
            "",
            "## Fallback threshold",
            "",
            f"{len(rows)} held-out predictions, {wrong} of them wrong: answered by another action than the true",
            "intent's (the coverage questions share one action, which decides from what the message names).",
            "A message whose top intent has a confidence below the threshold gets the fallback reply instead",
            "of an answer. Each row shows how many right predictions a threshold keeps and how many wrong",
            "ones it turns into a fallback.",
            "",
            *thresholds,
            "",
            f"Chosen: the highest threshold that still answers at least {MIN_RIGHT_KEPT:.0%} of the questions that",
            f"would be answered right (a fallback costs a rephrasing, a wrong answer may mislead): **{best:.1f}**.",
            "`config.yml` sets the FallbackClassifier to it; a test checks that the two agree.",
            "",
        ]
    )
    write_keeping_notes(REPORT, text, "## Before and after")
    print(f"wrote {REPORT} (threshold {best:.1f})")


if __name__ == "__main__":
    main()
