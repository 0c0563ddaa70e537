"""The SQL written out by hand over Rasa's `events` (the lean tracker store's statements, the staff area's counts
and lists, the daily totals, the feedback's check, retention) names only columns that storage/tables.py
declares: it all runs, on SQLite and on a real PostgreSQL, on a database whose `events` was made from that
declaration alone (Rasa's own table is the same: tests/storage/test_tables.py)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.feedback import FeedbackStore, Outcome
from bot.staff.answer_stats import Usage
from bot.staff.store import Store
from runtime.retention import delete_old_conversations, write_daily_totals
from runtime.role import ROOT
from runtime.tracker_store import LeanSQLTrackerStore
from storage import days
from storage.tables import EVENTS, rasa_metadata
from tests.bot.staff.conftest import CONVERSATIONS, NOON, TODAY
from tools import staff_seed

DOMAIN = Domain.load(ROOT / "domain.yml")
ANSWER = "0123456789abcdef0123456789abcdef"
WEEK = (TODAY - timedelta(days=6), TODAY)


def converse(store: LeanSQLTrackerStore, sender: str, at: float) -> list[dict]:
    """Two turns, each saved and read back as Rasa does; the conversation as read at the end."""
    turns = [
        [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at)],
        [UserUttered("Kako dobim dodatek za veliko družino?", intent={"name": "ask_services", "confidence": 0.9},
                     timestamp=at + 1), BotUttered("Dodatek …", timestamp=at + 2),
         BotUttered(data={"custom": {"language": "sl", "answer_id": ANSWER, "staff_answer": "dodatek"}}, timestamp=at + 3)],
    ]  # fmt: skip
    for turn in turns:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
        for event in turn:
            tracker.update(event)
        asyncio.run(store.save(tracker))
    return [event.as_dict() for event in asyncio.run(store.retrieve(sender)).events]


def test_the_hand_written_sql_reads_the_declared_columns(empty_tracker_store: str) -> None:
    url = empty_tracker_store
    engine = sa.create_engine(url)
    rasa_metadata.create_all(engine)  # `events` as declared, before Rasa's store would make its own
    lean = LeanSQLTrackerStore(DOMAIN, host=url)
    assert len(converse(lean, "web:ana", NOON)) == 5
    lean.engine.dispose()
    staff_seed.write(engine, CONVERSATIONS)

    assert FeedbackStore(url).record("web:ana", ANSWER, 1) is Outcome.STORED
    staff = Store(url, b"test-key")
    assert staff.overview(*WEEK).summed("messages") == {"web": 5, "telegram": 4}
    assert [group.text for group in staff.not_understood(*WEEK)][0] == "kdo je ŽUPAN"
    assert len(staff.disliked(*WEEK)) == 2
    assert staff.conversation(staff.short_hash("web:ana"))[1][-1].feedback == 1
    assert staff.answer_usage(*WEEK) == {"dodatek": Usage(given=1, up=1)}
    staff.close()

    assert write_daily_totals(url, cutoff=days.start_of(TODAY)) != []
    assert delete_old_conversations(url, days=30) == 2
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id)))).scalar() == 5
    engine.dispose()
