"""Two processes' live publications on one database: a new publication reaches both within seconds, whole."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from staff_answers.corpus import Corpus
from staff_answers.entries import Entry
from staff_answers.live import LiveAnswers
from staff_answers.store import AnswerStore


def wait_for(condition, seconds: float = 5.0) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"not within {seconds} s")


def test_both_replicas_switch_to_a_new_publication(tmp_path: Path, entries: list[Entry], training: Corpus) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    staff = AnswerStore(url)
    replicas = [LiveAnswers(lambda: AnswerStore(url), lambda: training, interval=0.1) for _ in range(2)]
    try:
        assert all(r.current().matcher.match("dodatek za veliko družino") is None for r in replicas)
        staff.import_entries(entries[:2], "ana", publish_as="bojan")
        for replica in replicas:
            wait_for(lambda replica=replica: replica.current().id == 1)
            match = replica.current().matcher.match("dodatek za veliko družino")
            assert match is not None and match.entry.id == "velika-druzina"
        staff.withdraw("bojan", "velika-druzina")
        for replica in replicas:
            wait_for(lambda replica=replica: replica.current().matcher.match("dodatek za veliko družino") is None)
    finally:
        for replica in replicas:
            replica.stop()
        staff.close()


def test_an_unreachable_database_keeps_the_last_publication(tmp_path: Path, entries: list, training: Corpus) -> None:
    url = f"sqlite:///{tmp_path / 'gone.db'}"
    AnswerStore(url).import_entries(entries, "ana", publish_as="bojan")
    live = LiveAnswers(lambda: AnswerStore(url), lambda: training, interval=3600)
    assert live.current().id == 1
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # no database can be opened there now
    assert live.refresh() is False
    assert live.current().matcher.match("posvojitev") is not None
    live.stop()


def test_a_database_never_reached_gives_no_staff_answers(tmp_path: Path, training: Corpus) -> None:
    (tmp_path / "dir.db").mkdir()
    live = LiveAnswers(lambda: AnswerStore(f"sqlite:///{tmp_path / 'dir.db'}"), lambda: training, interval=3600)
    assert live.current().id == 0 and live.current().matcher.match("posvojitev") is None
    live.stop()


@pytest.mark.slow
def test_two_replicas_on_postgresql(postgres_url: str, entries: list[Entry], training: Corpus) -> None:
    staff = AnswerStore(postgres_url)
    replicas = [LiveAnswers(lambda: AnswerStore(postgres_url), lambda: training, interval=1.0) for _ in range(2)]
    try:
        before = replicas[0].current().id
        assert replicas[1].current().id == before
        publication = staff.import_entries(entries, "ana", publish_as="bojan")[1]
        assert publication is not None
        took = [wait_for(lambda r=r: r.current().id == publication.id) for r in replicas]
        assert max(took) < 5.0
    finally:
        for replica in replicas:
            replica.stop()
        staff.close()
