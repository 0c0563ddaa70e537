"""The generated NLU data holds every spelling of every form, and the task regexes match as the
resolver does."""

from __future__ import annotations

import re

import yaml

from knowledge import KnowledgeBase, knowledge_base, served_languages
from knowledge.text import fold
from tools.generate_nlu import COLLOQUIAL_OUTPUT, OUTPUT, colloquial_json, nlu_yaml, spellings, term_regex


def test_spellings_cover_diacritics_and_hyphens() -> None:
    assert spellings("Hrpeljah-Kozini") == ["Hrpeljah - Kozini", "Hrpeljah Kozini", "Hrpeljah-Kozini",
                                            "hrpeljah - kozini", "hrpeljah kozini", "hrpeljah-kozini"]  # fmt: skip
    assert spellings("Sežani") == ["Sežani", "sezani"]


def test_lookup_holds_every_form_of_every_municipality(kb) -> None:
    data = yaml.safe_load(nlu_yaml(kb))
    lookup = next(item for item in data["nlu"] if item.get("lookup") == "municipality")
    entries = {line.removeprefix("- ") for line in lookup["examples"].splitlines()}
    for municipality in kb.municipalities:
        for form in municipality.forms.dict().values():
            assert form in entries and fold(form) in entries


def test_lookup_lists_longer_names_first(kb) -> None:
    data = yaml.safe_load(nlu_yaml(kb))
    lookup = next(item for item in data["nlu"] if item.get("lookup") == "municipality")
    entries = [line.removeprefix("- ") for line in lookup["examples"].splitlines()]
    assert entries.index("Ilirske Bistrice") < entries.index("Bistrice")


def test_adjectives_and_residents_are_regexes(kb) -> None:
    data = yaml.safe_load(nlu_yaml(kb))
    patterns = next(item for item in data["nlu"] if item.get("regex") == "place_word")["examples"]
    regexes = [re.compile(line.removeprefix("- "), re.IGNORECASE) for line in patterns.splitlines()]
    for text in ("na Koprskem", "sežansko območje", "za Izolane", "Pivčani"):
        assert any(regex.search(text) for regex in regexes), text


def test_task_regexes_match_with_and_without_diacritics() -> None:
    pattern = re.compile(term_regex("pomo na dom"), re.IGNORECASE)
    assert pattern.search("Ali pomoč na domu velja?") and pattern.search("pomoci na domu")
    assert not pattern.search("pomoč nad domom")  # "na" is a whole word
    assert re.search(term_regex("splosn korist"), "delo v splošno korist")


def every_served_language() -> list[KnowledgeBase]:
    return [knowledge_base(language) for language in served_languages()]


def test_generated_file_is_current() -> None:
    """`make generate` has run since knowledge/ last changed (make test runs it first), for every served language."""
    assert OUTPUT.read_text(encoding="utf-8") == nlu_yaml(*every_served_language())


def test_italian_names_and_task_words_are_in_the_one_model_s_data(kb, kb_it) -> None:
    data = yaml.safe_load(nlu_yaml(kb, kb_it))
    lookup = next(item for item in data["nlu"] if item.get("lookup") == "municipality")["examples"]
    assert "Capodistria" in lookup and "Koper" in lookup and "Villa del Nevoso" in lookup
    tasks = next(item for item in data["nlu"] if item.get("regex") == "task")["examples"]
    patterns = [re.compile(line.strip()[2:], re.IGNORECASE) for line in tasks.splitlines() if line.strip()]
    for text in ("l'assistenza domiciliare", "pomoč na domu", "il servizio di intervento"):
        assert any(pattern.search(text) for pattern in patterns), text


def test_colloquial_words_of_the_pipeline_are_current() -> None:
    """The lemmatizer reads the colloquial words the knowledge base lists, and no others."""
    assert COLLOQUIAL_OUTPUT.read_text(encoding="utf-8") == colloquial_json(*every_served_language())
