"""The NLU training data: enough varied examples per intent, routed by a rule, and no copies of the
development evaluation set (it measures language the assistant has not seen)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from knowledge.text import words

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "eval" / "dev.yml"
# Main intents need at least 20 examples; each fact about Mestna občina Koper at least 15.
MINIMUM = {"mok": 15}
# Intents sent only by buttons and commands as "/intent{...}", which Rasa reads without the model.
PAYLOAD_ONLY = {"set_language"}


def examples_by_intent() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item:
                lines = [line.strip().removeprefix("- ") for line in item["examples"].splitlines() if line.strip()]
                found.setdefault(item["intent"], []).extend(lines)
    return found


def domain_intents() -> list[str]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]


def test_every_intent_has_enough_examples() -> None:
    found = examples_by_intent()
    for intent in set(domain_intents()) - PAYLOAD_ONLY:
        minimum = MINIMUM.get(intent.split("_")[0], 20)
        assert len(found.get(intent, [])) >= minimum, intent


def test_no_example_under_two_intents() -> None:
    owners = Counter(text for texts in examples_by_intent().values() for text in {" ".join(words(t)) for t in texts})
    assert [text for text, count in owners.items() if count > 1] == []


def test_every_intent_is_answered_by_a_rule() -> None:
    rules = yaml.safe_load((ROOT / "data" / "rules" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    ruled = {step["intent"] for rule in rules for step in rule["steps"] if "intent" in step}
    assert set(domain_intents()) | {"nlu_fallback"} == ruled


@pytest.mark.skipif(not DEV_SET.exists(), reason="the development set lives beside the repository")
def test_no_example_copies_a_development_sentence() -> None:
    turns = [set(words(turn)) for case in yaml.safe_load(DEV_SET.read_text(encoding="utf-8")) for turn in case["turns"]]
    copies = []
    for intent, texts in examples_by_intent().items():
        for text in texts:
            example = set(words(text))
            if any(len(example & turn) / len(example | turn) >= 0.75 for turn in turns):
                copies.append((intent, text))
    assert copies == []
