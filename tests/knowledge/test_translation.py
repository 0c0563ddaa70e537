"""One model of the words of each thing: a language's model is derived from the Slovenian one, and its words are
put over the Slovenian facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from knowledge import KnowledgeBaseError, load_knowledge_base
from knowledge.schema import Comparison, HelpLinesFile, QuestionWordsFile, Task, WidgetFile, WidgetLabels
from knowledge.translation import merged, words_model
from tests.knowledge.test_loader import edit

TASK = {
    "id": "pomoc_na_domu",
    "name": "l'assistenza domiciliare",
    "title": "Assistenza domiciliare",
    "terms": ["assist domicil"],
    "description": "Aiuto a casa.",
}


def test_a_words_model_holds_the_key_and_the_words_with_their_rules() -> None:
    words = words_model(Task)
    assert list(words.__fields__) == [
        "id", "name", "title", "note", "terms", "description", "situations", "situation_hints"
    ]  # fmt: skip
    assert [name for name, field in words.__fields__.items() if field.required] == [
        "id", "name", "title", "terms", "description"
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="term 'Assistenza' must be lower case"):
        words.parse_obj(TASK | {"terms": ["Assistenza"]})  # the Slovenian model's validator
    with pytest.raises(ValidationError, match="extra fields not permitted"):
        words.parse_obj(TASK | {"covers": {"municipalities": ["Koper"]}})  # a fact stays Slovenian


def test_a_model_that_is_all_words_is_the_same_model_in_every_language() -> None:
    assert words_model(WidgetFile).__fields__["labels"].type_ is WidgetLabels
    assert words_model(QuestionWordsFile).__fields__["comparison"].type_ is Comparison
    assert "source" not in words_model(QuestionWordsFile).__fields__
    line = words_model(HelpLinesFile).__fields__["emergency_lines"].type_
    assert list(line.__fields__) == ["number", "name", "description"]  # a help line's words, not its source


def test_merged_puts_the_words_over_the_facts(kb) -> None:
    def fail(field: str, problem: str) -> None:
        raise AssertionError(f"{field}: {problem}")

    task = kb.task("pomoc_na_domu")
    terms = ["assist domicil", task.terms[0]]
    words = words_model(Task).parse_obj(TASK | {"note": "Una nota.", "terms": terms, "situations": ["anzian"]})
    result = merged(task, words, fail)
    assert (result.name, result.note, result.covers, result.source) == (
        "l'assistenza domiciliare", "Una nota.", task.covers, task.source
    )  # fmt: skip
    # The language's terms first; the Slovenian ones stay understood, each once.
    assert result.terms == ["assist domicil", *task.terms]
    assert result.situations == ["anzian", *task.situations]


def test_a_cited_source_needs_the_language_s_words(data_copy: Path) -> None:
    edit(data_copy / "it" / "sources.yml", "  website:\n    cited: il sito web del centro\n", "  seed: {}\n")
    with pytest.raises(
        KnowledgeBaseError, match=r"it/sources\.yml: sources: no text for 'website', whose cited needs the language"
    ):
        load_knowledge_base(data_copy, language="it")
    edit(data_copy / "it" / "sources.yml", "  seed: {}\n", "  seed: {cited: la presentazione}\n  website: {}\n")
    with pytest.raises(KnowledgeBaseError, match=r"it/sources\.yml: sources\.seed\.cited: must be given exactly"):
        load_knowledge_base(data_copy, language="it")
