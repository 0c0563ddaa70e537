"""The SQL written out by hand over Rasa's `events` (the lean tracker store's statements, the staff area's counts
and lists, the daily totals, the feedback's check, retention) names only columns that storage/tables.py
declares: it all runs, on SQLite and on a real PostgreSQL, on a database whose `events` was made from that
declaration alone (Rasa's own table is the same: tests/storage/test_tables.py)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa

from bot.feedback import FeedbackStore, Outcome
from bot.staff.store import Store
from runtime.retention import delete_old_conversations, write_daily_totals
from runtime.tracker_store import LeanSQLTrackerStore
from storage import days
from storage.tables import EVENTS, rasa_metadata
from tests.bot.staff.conftest import CONVERSATIONS, NOON, TODAY
from tests.bot.test_feedback import ANSWER, DOMAIN, OTHER, save_turn
from tools import staff_seed

WEEK = (TODAY - timedelta(days=6), TODAY)


def test_the_hand_written_sql_reads_the_declared_columns(empty_tracker_store: str) -> None:
    url = empty_tracker_store
    engine = sa.create_engine(url)
    rasa_metadata.create_all(engine)  # `events` as declared, before Rasa's store would make its own
    save_turn(url, "web:ana", OTHER, NOON)  # each turn read back and saved by the lean tracker store
    save_turn(url, "web:ana", ANSWER, NOON + 60)
    lean = LeanSQLTrackerStore(DOMAIN, host=url)
    assert len(asyncio.run(lean.retrieve("web:ana")).events) == 8
    lean.engine.dispose()
    staff_seed.write(engine, CONVERSATIONS)

    assert FeedbackStore(url).record("web:ana", ANSWER, 1) is Outcome.STORED
    staff = Store(url, b"test-key")
    assert staff.overview(*WEEK).summed("messages") == {"web": 6, "telegram": 4}
    assert [group.text for group in staff.not_understood(*WEEK)][0] == "kdo je ŽUPAN"
    assert len(staff.disliked(*WEEK)) == 2
    assert staff.conversation(staff.short_hash("web:ana"))[1][-1].feedback == 1
    assert staff.answer_usage(*WEEK) == {}  # no staff answer given: its statement runs all the same
    staff.close()

    assert write_daily_totals(url, cutoff=days.start_of(TODAY)) != []
    assert delete_old_conversations(url, days=30) == 2
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id)))).scalar() == 5
    engine.dispose()
