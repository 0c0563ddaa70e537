"""The answers in English: the same facts as in Slovenian, English words only, places by their official names,
lists joined as English joins them and counts up to ten in words."""

from __future__ import annotations

import re

import pytest

from knowledge import KnowledgeBase, knowledge_base
from knowledge.text import fold
from replies import answers

# Words that only a Slovenian or an Italian answer says (folded): one of them in an English answer is a leak.
FOREIGN = re.compile(
    r"\b(pokriva|izvaja|obcin[aeio]?|naselij|nimam|zal|pristojen|regijsk[aei]|copre|comun[ei]|insediament[io]|"
    r"servizio|purtroppo|competente)\b"
)


@pytest.fixture(scope="module")
def kb_en() -> KnowledgeBase:
    return knowledge_base("en")


def english(text: str) -> str:
    """The text, folded as the checks read it, once it is checked to say nothing in another language (the
    centres' official names in brackets, "(Center za socialno delo Koper)", are names, not a leak)."""
    folded = re.sub(r"\((center za socialno delo|krizni center|upravna enota|prva socialna)[^)]*\)", "", fold(text))
    assert not FOREIGN.search(folded), text
    return folded


def test_every_task_and_municipality(kb_en) -> None:
    for task in kb_en.tasks:
        english(answers.task_coverage(kb_en, task.id, count=True).text)
        english(answers.task_complement(kb_en, task.id).text)
        english(answers.task_description(kb_en, task.id).text)
        for municipality in kb_en.municipalities:
            text = answers.task_covers(kb_en, task.id, [municipality.name]).text
            covered = kb_en.task_covers(task.id, municipality.name)
            assert english(text).startswith("yes" if covered else "no"), text
    for municipality in kb_en.municipalities:
        english(answers.municipality_tasks(kb_en, municipality.name).text)
        english(answers.centre_for(kb_en, municipality.name).text)
        english(answers.settlement_count(kb_en, municipality.name).text)


def test_lists_and_counts(kb_en) -> None:
    text = answers.task_coverage(kb_en, "interventna_sluzba", count=True).text
    assert text.startswith("The regional intervention service covers three municipalities: Koper, Izola, and Piran.")
    assert "covers ten municipalities" in answers.task_coverage(kb_en, "pomoc_na_domu", count=True).text
    assert "has 29 settlements today" in answers.settlement_count(kb_en, "Pivka").text


def test_settlements_are_named_as_officially(kb_en) -> None:
    text = answers.settlement_list(kb_en, "Piran").text
    assert "Portorož" in text and "Portorose" not in text


def test_canned_replies_and_emergency_are_english(kb_en) -> None:
    for name in kb_en.replies:
        if name not in ("other_language", "language_choice"):  # these speak every language on purpose
            english(answers.canned(kb_en, name).text)
    text = answers.emergency(kb_en, young=True).text
    assert english(text).startswith("if you or someone else is in danger, call 112")
    assert "aged 6 to 18" in text


def test_the_same_facts_as_in_slovenian(kb_en) -> None:
    kb = knowledge_base("sl")
    for task in kb.tasks:
        numbers = [re.findall(r"\d+", answers.task_coverage(base, task.id).text) for base in (kb, kb_en)]
        assert numbers[0] == numbers[1]
