"""The actions answer from a store of staff answers of the test's own: empty unless a test publishes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actions import staff
from staff_answers.live import LiveAnswers
from staff_answers.store import AnswerStore


@pytest.fixture(autouse=True)
def answers_store(tmp_path: Path) -> Iterator[AnswerStore]:
    store = AnswerStore(f"sqlite:///{tmp_path / 'answers.db'}")
    live = LiveAnswers(store, interval=3600)  # refreshed by the tests that publish
    staff.use_live_answers(live)
    yield store
    staff.use_live_answers(None)
    live.stop()
    store.close()
