"""The lean tracker store keeps exactly what Rasa's own SQL tracker store keeps, turn by turn, across
conversation sessions, on SQLite and on a real PostgreSQL; each reads what the other wrote."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.role import ROOT
from runtime.tracker_store import LeanSQLTrackerStore

DOMAIN = Domain.load(ROOT / "domain.yml")


def session(start: float, question: str, answer: str, intent: str, task: str | None) -> list[list[Event]]:
    """One conversation session as the turns Rasa saves, each a list of new events."""
    begin = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start),
             ActionExecuted("action_listen", timestamp=start)]  # fmt: skip
    asked = UserUttered(question, intent={"name": intent, "confidence": 0.97}, timestamp=start + 1)
    answered = [ActionExecuted("action_answer_coverage", timestamp=start + 2), BotUttered(answer, timestamp=start + 2),
                ActionExecuted("action_listen", timestamp=start + 2)]  # fmt: skip
    slots = [SlotSet("task", task, timestamp=start + 2)] if task else []
    return [begin, [asked, *slots, *answered]]


TURNS = [
    *session(1000.0, "Katere občine pokriva interventna služba?", "Koper, Izolo in Piran.", "task_coverage", "interventna"),
    [UserUttered("kaj pa sezana", intent={"name": "follow_up", "confidence": 0.9}, timestamp=1010.0),
     BotUttered("Ne.", timestamp=1011.0), ActionExecuted("action_listen", timestamp=1011.0)],
    *session(5000.0, "Kaj izvajate za Pivko?", "Za Pivko …", "municipality_services", None),
]  # fmt: skip


@pytest.fixture
def url(empty_tracker_store: str) -> str:
    return empty_tracker_store


def converse(store: SQLTrackerStore, sender: str) -> list[dict]:
    """Save the conversation turn by turn, reading it back before each turn as Rasa does."""
    for turn in TURNS:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
        for event in turn:
            tracker.update(event)
        asyncio.run(store.save(tracker))
    return [event.as_dict() for event in asyncio.run(store.retrieve(sender)).events]


def rows(url: str, sender: str) -> list[tuple]:
    with sa.create_engine(url).connect() as connection:
        query = sa.text("SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                        "WHERE sender_id = :sender ORDER BY id")  # fmt: skip
        return [tuple(row) for row in connection.execute(query, {"sender": sender})]


def test_the_same_rows_and_conversations_as_rasa_s_own_store(url: str) -> None:
    rasa, lean = SQLTrackerStore(DOMAIN, host=url), LeanSQLTrackerStore(DOMAIN, host=url)
    latest_session = converse(rasa, "web:rasa")
    assert converse(lean, "web:lean") == latest_session
    assert [event["event"] for event in latest_session][:2] == ["action", "session_started"]  # the 2nd session
    assert rows(url, "web:lean") == rows(url, "web:rasa") and len(rows(url, "web:rasa")) == 18
    for sender in ("web:rasa", "web:lean"):  # each reads what the other wrote
        assert [e.as_dict() for e in asyncio.run(lean.retrieve(sender)).events] == latest_session
        assert [e.as_dict() for e in asyncio.run(rasa.retrieve(sender)).events] == latest_session
        assert len(asyncio.run(lean.retrieve_full_tracker(sender)).events) == 18
    assert asyncio.run(lean.retrieve("web:nobody")) is None


def test_a_conversation_without_a_session_start(url: str) -> None:
    lean = LeanSQLTrackerStore(DOMAIN, host=url)
    tracker = DialogueStateTracker.from_events(
        "tg:1", [UserUttered("zivjo", timestamp=1.0), BotUttered("Pozdravljeni.", timestamp=2.0)]
    )
    asyncio.run(lean.save(tracker))
    asyncio.run(lean.save(tracker))  # nothing new: nothing written twice
    assert [e.as_dict() for e in asyncio.run(lean.retrieve("tg:1")).events] == [e.as_dict() for e in tracker.events]
    assert len(rows(url, "tg:1")) == 2


def test_an_error_does_not_carry_the_messages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    lean = LeanSQLTrackerStore(DOMAIN, host=url)
    with sa.create_engine(url).begin() as connection:
        # A table that answers the count but refuses the events: the insert, with the message, fails.
        connection.execute(sa.text("DROP TABLE events"))
        connection.execute(
            sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp REAL)")
        )
    tracker = DialogueStateTracker.from_events("web:1", [UserUttered("Sprašujem za teto Hildegardo.", timestamp=1.0)])
    with pytest.raises(sa.exc.OperationalError) as error:
        asyncio.run(lean.save(tracker))
    assert "INSERT INTO events" in str(error.value) and "Hildegard" not in str(error.value)
