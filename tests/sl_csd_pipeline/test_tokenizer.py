"""The pipeline's tokenizer: Italian elision is split as spaCy's `it` splits it, Slovenian is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("sl_csd_pipeline")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("l'assistenza domiciliare", ["l'", "assistenza", "domiciliare"]),
        ("dell'Istria", ["dell'", "Istria"]),
        ("dell’Istria", ["dell’", "Istria"]),  # the typographic apostrophe
        ("c'è un'altra cosa", ["c'", "è", "un'", "altra", "cosa"]),
        ("L'ASSISTENZA", ["L'", "ASSISTENZA"]),
        ("all'85%", ["all'85", "%"]),  # a number after the apostrophe is not split, as before
        ("'ciao'", ["'", "ciao", "'"]),  # quotes around a word are not elision
        ("perche' no", ["perche", "'", "no"]),
    ],
)
def test_italian_elision_is_split(nlp, text: str, tokens: list[str]) -> None:
    assert [token.text for token in nlp(text)] == tokens


def test_elided_article_keeps_its_own_lemma(nlp) -> None:
    doc = nlp("l'Isola")
    assert [token.lemma_ for token in doc][0] == "l'"


def slovenian_examples() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in item:
                texts += [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
    return texts


def test_slovenian_training_data_is_tokenized_as_by_blank_slovenian(nlp) -> None:
    blank = spacy.blank("sl")
    texts = slovenian_examples()
    assert len(texts) > 800
    assert [t for t in texts if [x.text for x in nlp(t)] != [x.text for x in blank(t)]] == []
