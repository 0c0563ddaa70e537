"""The lean tracker store keeps exactly what Rasa's own SQL tracker store keeps, turn by turn, across
conversation sessions, on SQLite and on a real PostgreSQL; each reads what the other wrote."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
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


def long_session(turns: int) -> list[list[Event]]:
    """A session of `turns` messages whose slots change now and then: the language once, at its start."""
    begin = [ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.0),
             SlotSet("language", "it", timestamp=1.0), ActionExecuted("action_listen", timestamp=1.0)]  # fmt: skip
    conversation = [begin]
    for turn in range(turns):
        at = 10.0 + turn
        events: list[Event] = [UserUttered(f"domanda {turn}", intent={"name": "task_coverage", "confidence": 0.9},
                                           timestamp=at), ActionExecuted("action_answer_coverage", timestamp=at)]  # fmt: skip
        if turn % 3 == 0:
            events.append(SlotSet("task", f"task-{turn % 7}", timestamp=at))
        if turn % 4 == 1:
            events.append(SlotSet("municipality", None if turn % 8 == 1 else f"place-{turn}", timestamp=at))
        events += [BotUttered(f"risposta {turn}", timestamp=at), ActionExecuted("action_listen", timestamp=at)]
        conversation.append(events)
    return conversation


def test_a_turn_loads_its_latest_turns_with_the_slots_of_the_whole_session(url: str) -> None:
    """Rasa replays a conversation's every event on every turn, so a long conversation made every turn
    slower. A turn here loads the latest turns only, after the slots as they stood before them: replaying
    it gives the slots of the whole session, and the table holds exactly what Rasa's own store writes."""
    lean, rasa = LeanSQLTrackerStore(DOMAIN, host=url, turns_loaded=5), SQLTrackerStore(DOMAIN, host=url)
    whole = DialogueStateTracker("whole", DOMAIN.slots)  # every event, as Rasa would replay them
    for turn in long_session(40):
        tracker = asyncio.run(lean.retrieve("web:long")) or DialogueStateTracker("web:long", DOMAIN.slots)
        reference = asyncio.run(rasa.retrieve("web:rasa")) or DialogueStateTracker("web:rasa", DOMAIN.slots)
        assert tracker.current_slot_values() == whole.current_slot_values()
        assert sum(isinstance(event, UserUttered) for event in tracker.events) <= 5
        for event in turn:
            tracker.update(event)
            reference.update(event)
            whole.update(event)
        asyncio.run(lean.save(tracker))
        asyncio.run(rasa.save(reference))
    loaded = asyncio.run(lean.retrieve("web:long"))
    assert loaded.current_slot_values() == whole.current_slot_values()
    assert loaded.get_slot("language") == "it"  # set before the 35 turns it no longer loads
    assert [event.as_dict() for event in loaded.events][-6:] == [event.as_dict() for event in whole.events][-6:]
    # The history (Rasa's whole-conversation read) and the table are Rasa's own.
    assert rows(url, "web:long") == rows(url, "web:rasa")
    history = asyncio.run(lean.retrieve_full_tracker("web:long"))
    assert [event.as_dict() for event in history.events] == [event.as_dict() for event in whole.events]
    indexes = {index["name"] for index in sa.inspect(sa.create_engine(url)).get_indexes("events")}
    assert {"events_by_sender", "events_by_sender_type", "events_by_sender_type_name"} <= indexes


def test_a_session_with_an_earlier_rewind_is_loaded_whole(url: str) -> None:
    """A rewind (or a restart, a form …) changes the state other than by setting a slot: Rasa replays it."""
    lean = LeanSQLTrackerStore(DOMAIN, host=url, turns_loaded=2)
    events = [event for turn in long_session(8) for event in turn]
    events.insert(8, UserUtteranceReverted(timestamp=11.0))  # after the first message's slot
    tracker = DialogueStateTracker.from_events("web:rewound", events, DOMAIN.slots)
    asyncio.run(lean.save(tracker))
    loaded = asyncio.run(lean.retrieve("web:rewound"))
    assert [event.as_dict() for event in loaded.events] == [event.as_dict() for event in tracker.events]
    assert loaded.current_slot_values() == tracker.current_slot_values()


def test_a_new_session_loads_from_its_start_with_the_slots_it_carried(url: str) -> None:
    lean = LeanSQLTrackerStore(DOMAIN, host=url, turns_loaded=3)
    first = [event for turn in long_session(12) for event in turn]
    tracker = DialogueStateTracker.from_events("web:again", first, DOMAIN.slots)
    carried = [SlotSet(name, value, timestamp=100.0) for name, value in tracker.current_slot_values().items()
               if value is not None and name != "session_started_metadata"]  # fmt: skip
    for event in [ActionExecuted("action_session_start", timestamp=100.0), SessionStarted(timestamp=100.0),
                  *carried, ActionExecuted("action_listen", timestamp=100.0),
                  UserUttered("e Postumia?", timestamp=101.0), ActionExecuted("action_listen", timestamp=102.0)]:  # fmt: skip
        tracker.update(event)
    asyncio.run(lean.save(tracker))
    loaded = asyncio.run(lean.retrieve("web:again"))
    assert loaded.events[1].as_dict() == SessionStarted(timestamp=100.0).as_dict()  # the new session only
    assert loaded.current_slot_values() == tracker.current_slot_values()
