"""Messages in Italian, English or Croatian are told apart from Slovenian; no Slovenian sentence of the
training data or the evaluation sets is ever taken for another language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.language import other_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Buongiorno, dove posso trovare il centro per i servizi sociali?", "it"),
        ("Ho bisogno di aiuto per mio figlio", "it"),
        ("Hello, where is the social work centre?", "en"),
        ("My husband hits me, please help", "en"),
        ("Gdje mogu naći centar za socijalnu skrb?", "hr"),
        ("Trebam pomoć, što da radim?", "hr"),
    ],
)
def test_other_languages(kb, text: str, language: str) -> None:
    assert other_language(kb, text) == language


def slovenian_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item and item["intent"] != "out_of_scope":
                sentences += [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
    for path in [*sorted((ROOT / "tests" / "eval").glob("*.yml")), ROOT.parent / "shared" / "eval" / "dev.yml"]:
        if path.exists():
            sentences += [turn for case in yaml.safe_load(path.read_text(encoding="utf-8")) for turn in case["turns"]]
    return sentences


def test_slovenian_is_never_taken_for_another_language(kb) -> None:
    sentences = slovenian_sentences()
    assert len(sentences) > 800
    assert [s for s in sentences if other_language(kb, s)] == []
