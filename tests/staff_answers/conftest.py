"""The team's own entry set (tests/eval/answers/entries.yml: marker texts, not facts) and an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest

from staff_answers.corpus import Corpus, corpus
from staff_answers.entries import Entry, read_bulk
from staff_answers.store import AnswerStore

ENTRIES = Path(__file__).resolve().parents[1] / "eval" / "answers" / "entries.yml"


@pytest.fixture(scope="session")
def entries() -> list[Entry]:
    return read_bulk(ENTRIES.read_text(encoding="utf-8"), str(ENTRIES))


@pytest.fixture(scope="session")
def training() -> Corpus:
    return corpus()


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    found = AnswerStore(f"sqlite:///{tmp_path / 'answers.db'}")
    yield found
    found.close()
