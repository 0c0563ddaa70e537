"""Backups that restore, on real PostgreSQL servers: what the assistant kept on one server (a conversation
under way, a published staff answer, feedback, daily totals) is backed up, the server is stopped, and the
backup is restored into a fresh server. The assistant started on that one carries the conversation on in
its context, serves the published answer, and knows the feedback already given."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from runtime.backup import BackupError, dump, restore, row_counts, tables
from runtime.retention import write_daily_totals
from runtime.settings import Settings
from runtime.stack import ROOT, Stack, free_port
from staff_answers.entries import read_bulk
from staff_answers.store import AnswerStore
from tests.deploy.servers import postgres
from tests.deploy.test_replicas import Turn, wrong

pytestmark = pytest.mark.slow
ENTRIES = ROOT / "tests" / "eval" / "answers" / "entries.yml"
STAFF_QUESTION = "Kako dobim dodatek za veliko družino?"
MARKER = "TESTNI ODGOVOR dodatek za veliko družino."
SESSION = "backup-conversation"
BEFORE = [Turn("Katere občine pokriva interventna služba?", "interventna_sluzba"),
          Turn("pa piran?", "interventna_sluzba", "Piran")]  # fmt: skip
AFTER = Turn("kaj pa Sežana?", "interventna_sluzba", "Sežana")  # the task from before the backup


@contextmanager
def assistant_on(url: str, folder: Path) -> Iterator[httpx.Client]:
    """The whole assistant on the database at `url`; a client of its chat API."""
    settings = Settings(
        rasa_port=free_port(), action_port=free_port(), port=free_port(), rasa_timeout=30.0,
        tracker_store_url=url, data_dir=str(folder / "data"), messages_per_minute=1000,
        requests_per_minute_per_address=100_000, max_in_flight_per_address=100,
    )  # fmt: skip
    with Stack(settings, log_dir=folder / "logs"), httpx.Client(base_url=settings.gateway_url, timeout=60) as client:
        yield client


def ask(client: httpx.Client, session: str, text: str) -> dict:
    response = client.post("/api/chat", json={"session": session, "text": text})
    response.raise_for_status()
    return response.json()


def text_of(reply: dict) -> str:
    return "\n".join(message.get("text") or "" for message in reply["messages"])


def give_feedback(client: httpx.Client, answer_id: str) -> int:
    return client.post("/api/feedback", json={"session": SESSION, "answer_id": answer_id, "value": "up"}).status_code


def everything(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in an order that does not depend on how they were stored."""
    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    with engine.connect() as connection:
        metadata.reflect(connection)
        found = {name: sorted((tuple(row) for row in connection.execute(sa.select(table))), key=repr)
                 for name, table in metadata.tables.items()}  # fmt: skip
    engine.dispose()
    return found


def test_a_backup_restored_into_a_fresh_server_carries_on(tmp_path: Path) -> None:
    with postgres() as first:
        AnswerStore(first.url).import_entries(read_bulk(ENTRIES.read_text(encoding="utf-8")), "ana", publish_as="bojan")
        with assistant_on(first.url, tmp_path / "first") as client:
            for turn in BEFORE:
                reply = ask(client, SESSION, turn.text)
                assert not wrong(turn, text_of(reply)), text_of(reply)
            answer_id = reply["answer_id"]
            assert give_feedback(client, answer_id) == 200
            assert MARKER in text_of(ask(client, "backup-staff-answer", STAFF_QUESTION))
        assert write_daily_totals(first.url, cutoff=9e9)  # what retention stores before it deletes
        kept = everything(first.url)
        made = dump(first.url, tmp_path / "backups", keep=3)
        first.stop()  # nothing below can reach the first server

    with postgres() as second:
        restored = restore(second.url, made)
        assert everything(second.url) == kept
        assert {"events", "feedback", "staff_daily_totals", "staff_answer_publications"} <= {
            table for table, rows in restored.items() if rows
        }
        with assistant_on(second.url, tmp_path / "second") as client:
            reply = text_of(ask(client, SESSION, AFTER.text))
            assert not wrong(AFTER, reply), reply  # in the context of the turns before the backup
            assert MARKER in text_of(ask(client, "backup-staff-answer-2", STAFF_QUESTION))
            assert give_feedback(client, answer_id) == 409  # the restored feedback counts: already given
        assert row_counts(second.url)["events"] > len(kept["events"])  # the new turns are stored after the old


def test_a_restore_into_a_database_in_use_or_of_a_broken_backup_restores_nothing(tmp_path: Path) -> None:
    with postgres() as server:
        engine = sa.create_engine(server.url)
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE events (id SERIAL PRIMARY KEY, sender_id TEXT, data TEXT)"))
            connection.execute(sa.text("INSERT INTO events (sender_id, data) VALUES ('web:a', 'živjo')"))
            connection.execute(sa.text("CREATE TABLE feedback (id SERIAL PRIMARY KEY, value INTEGER)"))
        engine.dispose()
        made = dump(server.url, tmp_path, keep=3)
        with pytest.raises(BackupError, match="already holds 2 tables"):
            restore(server.url, made)
        assert row_counts(server.url) == {"events": 1, "feedback": 0}

        broken = tmp_path / "broken.pgdump"
        # Its table of contents whole, the last table's data cut short: pg_restore has created the tables and
        # filled one when it finds out (without one transaction it leaves them behind, checked by hand).
        broken.write_bytes(made.read_bytes()[:-10])
        with postgres() as fresh:
            with pytest.raises(BackupError, match="pg_restore failed.*nothing was restored"):
                restore(fresh.url, broken)
            assert tables(fresh.url) == []  # not half of it: the one transaction was rolled back
