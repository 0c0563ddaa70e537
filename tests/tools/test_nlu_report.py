"""The fallback threshold in config.yml is the one the cross-validation evidence chose."""

from __future__ import annotations

import re

import yaml

from runtime.stack import ROOT
from tools.nlu_report import REPORT, threshold_table


def test_threshold_is_the_highest_that_keeps_enough_right_answers() -> None:
    rows = [(True, c) for c in (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.45)] + [
        (False, 0.35),
        (False, 0.55),
    ]
    lines, chosen = threshold_table(rows)
    assert chosen == 0.5  # 0.5 keeps 9 of 10 right answers; 0.6 keeps 8
    assert lines[4] == "| 0.5 | 90.0% | 50.0% |"


def test_config_uses_the_reported_threshold() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    reported = re.search(r"\*\*(\d\.\d)\*\*\.", REPORT.read_text(encoding="utf-8"))
    assert reported is not None
    assert fallback["threshold"] == float(reported.group(1))
