"""The widget's words (widget.yml): every label in both languages by the same ids, or the load fails
naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBaseError, load_knowledge_base
from knowledge.schema import WidgetLabels
from tests.knowledge.test_loader import edit


def test_both_languages_have_every_label(kb, kb_it) -> None:
    assert kb.widget.dict().keys() == kb_it.widget.dict().keys() == WidgetLabels.__fields__.keys()
    same = [name for name, text in kb.widget if text == getattr(kb_it.widget, name)]
    assert same == []  # every label is translated


def test_the_labels_people_see_first(kb, kb_it) -> None:
    assert kb.widget.notice == (
        "Sem avtomatski pomočnik, ne človek. Ne pošiljajte osebnih podatkov. Če ste v nevarnosti, pokličite 112 ali 113."
    )
    assert kb_it.widget.notice == (
        "Sono un assistente automatico, non una persona. Non invii dati personali. "
        "Se è in pericolo, chiami il 112 o il 113."
    )
    assert (kb.widget.language_menu, kb_it.widget.language_menu) == ("Jezik pogovora", "Lingua della conversazione")
    assert (kb.widget.placeholder, kb_it.widget.placeholder) == ("Napišite vprašanje …", "Scriva la Sua domanda …")
    assert kb_it.widget.retention.format(days="30 giorni") == (
        "La conversazione viene cancellata 30 giorni dopo l'ultimo messaggio."
    )


@pytest.mark.parametrize("folder", ["", "it/"])
def test_a_missing_label_is_named(data_copy: Path, folder: str) -> None:
    path = data_copy / folder / "widget.yml"
    path.write_text("\n".join(line for line in path.read_text().splitlines() if "  send:" not in line))
    with pytest.raises(KnowledgeBaseError, match=rf"{folder}widget\.yml: labels\.send: field required"):
        load_knowledge_base(data_copy, language="it")


@pytest.mark.parametrize("folder", ["", "it/"])
def test_an_extra_label_is_named(data_copy: Path, folder: str) -> None:
    edit(data_copy / folder / "widget.yml", "labels:\n", "labels:\n  send_all: Vse\n")
    with pytest.raises(KnowledgeBaseError, match=rf"{folder}widget\.yml: labels\.send_all: extra fields not permitted"):
        load_knowledge_base(data_copy, language="it")


def test_a_number_in_the_notice_must_be_a_help_line(data_copy: Path) -> None:
    edit(data_copy / "it" / "widget.yml", "chiami il 112 o il 113", "chiami il 112 o il 118")
    with pytest.raises(KnowledgeBaseError, match=r"it/widget\.yml: labels\.notice: '118' is not a number"):
        load_knowledge_base(data_copy, language="it")


def test_the_retention_says_the_days(data_copy: Path) -> None:
    edit(data_copy / "widget.yml", "izbriše {days} po", "izbriše 30 dni po")
    with pytest.raises(KnowledgeBaseError, match=r"widget\.yml: labels\.retention: must say \{days\}"):
        load_knowledge_base(data_copy)
