"""The NLU training data: enough varied examples per intent in each language, routed by a rule, and no
copies of the development evaluation sets (they measure language the assistant has not seen).

Slovenian examples live in data/nlu/*.yml, every other served language's in data/nlu/<code>/ (one file per
Slovenian file); one model learns them all, with the same intents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from knowledge.loader import served_languages
from knowledge.text import words

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "data" / "nlu"
DEFAULT, *OTHERS = served_languages()
FOLDERS = {DEFAULT: NLU} | {language: NLU / language for language in OTHERS}
DEV_SETS = {language: ROOT.parent / "shared" / "eval" / f"dev_{language}.yml" for language in OTHERS} | {
    DEFAULT: ROOT.parent / "shared" / "eval" / "dev.yml"
}
# Main intents need at least this many examples; each fact about Mestna občina Koper fewer (fewer still in the
# languages learnt beside Slovenian).
MINIMUM = {language: {"mok": 12, "*": 20} for language in OTHERS} | {DEFAULT: {"mok": 15, "*": 20}}
# Intents sent only by buttons and commands as "/intent{...}", which Rasa reads without the model.
PAYLOAD_ONLY = {"set_language"}


def examples_by_intent(language: str = "sl") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(FOLDERS[language].glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item:
                lines = [line.strip().removeprefix("- ") for line in item["examples"].splitlines() if line.strip()]
                found.setdefault(item["intent"], []).extend(lines)
    return found


def domain_intents() -> list[str]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]


@pytest.mark.parametrize("language", FOLDERS)
def test_every_intent_has_enough_examples(language: str) -> None:
    found = examples_by_intent(language)
    minimum = MINIMUM[language]
    short = [
        (intent, len(found.get(intent, [])))
        for intent in set(domain_intents()) - PAYLOAD_ONLY
        if len(found.get(intent, [])) < minimum.get(intent.split("_")[0], minimum["*"])
    ]
    assert short == []


@pytest.mark.parametrize("language", OTHERS)
def test_each_language_has_the_slovenian_files_and_intents(language: str) -> None:
    assert sorted(p.name for p in FOLDERS[language].glob("*.yml")) == sorted(
        p.name for p in NLU.glob("*.yml") if p.name != "generated.yml"
    )
    assert set(examples_by_intent(language)) == set(examples_by_intent()) == set(domain_intents()) - PAYLOAD_ONLY


def test_no_example_under_two_intents() -> None:
    owners = Counter(
        text
        for language in FOLDERS
        for texts in examples_by_intent(language).values()
        for text in {" ".join(words(t)) for t in texts}
    )
    assert [text for text, count in owners.items() if count > 1] == []


def test_every_intent_is_answered_by_a_rule() -> None:
    rules = yaml.safe_load((ROOT / "data" / "rules" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    ruled = {step["intent"] for rule in rules for step in rule["steps"] if "intent" in step}
    assert set(domain_intents()) | {"nlu_fallback"} == ruled


@pytest.mark.parametrize("language", FOLDERS)
def test_no_example_copies_a_development_sentence(language: str) -> None:
    if not DEV_SETS[language].exists():
        pytest.skip("the development set lives beside the repository")
    cases = yaml.safe_load(DEV_SETS[language].read_text(encoding="utf-8"))
    turns = [set(words(turn)) for case in cases for turn in case["turns"]]
    copies = []
    for intent, texts in examples_by_intent(language).items():
        for text in texts:
            example = set(words(text))
            if any(len(example & turn) / len(example | turn) >= 0.75 for turn in turns):
                copies.append((intent, text))
    assert copies == []
