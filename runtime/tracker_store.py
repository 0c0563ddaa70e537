"""Rasa's SQL tracker store with a turn's reads and writes as plain statements, bounded by the turn.

Rasa 3.6's SQLTrackerStore builds ORM queries for every turn: one to load the conversation, one to
count what is stored, and an ORM object per new event. Profiling a turn (docs/performance.md) put
it at about a third of Rasa's CPU time per message. Worse, a turn loads and replays the whole
conversation session, and Rasa's policies walk it again: in one conversation of 300 turns, the p50 of
a turn grew from 39 ms (its first 50 turns) to 217 ms (its last 50), a cost that no rate limit bounds.

This store keeps Rasa's table, its rows and its meaning of a conversation (the events since the latest
`session_started`): the history endpoint (`retrieve_full_tracker`), the staff area, retention and a
plain SQLTrackerStore read the same data. Only what a *turn* reads is bounded: the events since the
`TURNS_LOADED`-th latest message of the session, after the slots as they stood before them (the latest
value of each slot, from its latest `slot` row). Replaying those gives exactly the slots of the whole
session, and our policy (RulePolicy) and actions look back a few turns at most. A session whose earlier
part holds an event that changes the state otherwise (a rewind, a restart, a form) is loaded whole.
A loaded tracker remembers how many of its events came from the table, so saving it writes the new ones
without counting what is stored.

Its errors, which Rasa logs, do not carry the messages of a conversation.

Endpoints: `tracker_store: {type: runtime.tracker_store.LeanSQLTrackerStore, url: …}` (optionally
`turns_loaded: N`). It replaces private methods of Rasa's store (`_retrieve`, and `save` reads
`stream_events` and `SQLEvent`): on another Rasa release than the one it was written for, creating it
raises, and Rasa does not start.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from runtime.rasa_server import check_rasa_version
from storage.tables import TURN_INDEXES, has_events

# The messages of a session a turn loads (with the events after them), when it has more.
TURNS_LOADED = 10
# Events before the loaded turns that change the state other than by setting a slot: a session that
# holds one there is loaded whole, so that Rasa replays it as it always did.
_STATEFUL = ("rewind", "undo", "restart", "reset_slots", "active_loop", "loop_interrupted", "pause", "resume")

# The latest conversation session of a sender, as Rasa's own query defines it: the events from the
# latest `session_started` on (all of them when there is none), in the order they were stored.
_SESSION_START = "(SELECT MAX(timestamp) FROM events WHERE sender_id = :sender_id AND type_name = :session_started)"
_SINCE_SESSION_START = (
    f"FROM events WHERE sender_id = :sender_id AND (timestamp >= {_SESSION_START} OR {_SESSION_START} IS NULL)"
)
_LATEST_SESSION = sa.text(f"SELECT data {_SINCE_SESSION_START} ORDER BY id")
_STORED_IN_LATEST_SESSION = sa.text(f"SELECT COUNT(*) {_SINCE_SESSION_START}")

# The row of the session's latest `session_started` (none: 0): the loaded turns' bounds are ids. Each
# statement below takes the latest or earliest row by `ORDER BY id … LIMIT`, which an index answers by
# reading that row, where MAX/MIN over a range may read the whole range.
_SESSION_START_ID = sa.text(
    "SELECT id FROM events WHERE sender_id = :sender_id AND type_name = :session_started ORDER BY id DESC LIMIT 1"
)
# The message before the loaded ones (none when the session has no more than `turns` messages).
_BEFORE_LOADED_TURNS = sa.text(
    "SELECT id FROM events WHERE sender_id = :sender_id AND type_name = :user AND id > :session_start "
    "ORDER BY id DESC LIMIT 1 OFFSET :turns"
)
# The loaded turns: from the `action_listen` after that message on.
_LOADED_TURNS = sa.text(
    "SELECT id, data FROM events WHERE sender_id = :sender_id AND id >= (SELECT id FROM events "
    "WHERE sender_id = :sender_id AND type_name = :action AND action_name = :listen AND id > :before "
    "ORDER BY id LIMIT 1) ORDER BY id"
)
# Whether the session holds an event of `_STATEFUL` before the loaded turns: one short index range a type.
_STATEFUL_BEFORE = sa.text(
    " UNION ALL ".join(
        f"SELECT * FROM (SELECT id FROM events WHERE sender_id = :sender_id AND type_name = '{type_name}' "
        f"AND id > :session_start AND id < :start LIMIT 1) AS {type_name}"
        for type_name in _STATEFUL
    )
)
# A slot's latest value before the loaded turns (a `slot` row keeps the slot's name in `action_name`).
_SLOT_BEFORE = sa.text(
    "SELECT data FROM events WHERE sender_id = :sender_id AND type_name = :slot AND action_name = :name "
    "AND id > :session_start AND id < :start ORDER BY id DESC LIMIT 1"
)


def create_indexes(engine: sa.engine.Engine) -> None:
    """Add the indexes the statements above read (storage.tables.TURN_INDEXES) to Rasa's table when missing.
    Without the table (Rasa could not create it) nothing: Rasa's start waits for the table (runtime.rasa_server)
    and makes the store again."""
    if not has_events(engine):
        return
    for index in TURN_INDEXES:
        try:
            with engine.begin() as connection:
                index.create(connection, checkfirst=True)
        except sa.exc.DBAPIError:
            # Two instances starting at once: PostgreSQL may refuse the second while the first creates it.
            if index.name not in {found["name"] for found in sa.inspect(engine).get_indexes("events")}:
                raise


class LeanSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with the same data; a turn reads its latest turns and writes its new events."""

    def __init__(self, *args: Any, turns_loaded: int = TURNS_LOADED, **kwargs: Any) -> None:
        check_rasa_version()  # not caught by Rasa's fallback to an in-memory store, unlike an ImportError
        super().__init__(*args, **kwargs)
        # A failed statement's error names its parameters (the events, the messages in them) and Rasa
        # logs that error; keep the text of conversations out of the logs.
        self.engine.hide_parameters = True
        self.turns_loaded = turns_loaded
        create_indexes(self.engine)

    def _parameters(self, sender_id: str) -> dict[str, Any]:
        return {
            "sender_id": sender_id,
            "session_started": SessionStarted.type_name,
            "user": UserUttered.type_name,
            "action": ActionExecuted.type_name,
            "listen": "action_listen",
            "slot": SlotSet.type_name,
            "turns": self.turns_loaded,
        }

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        parameters = self._parameters(sender_id)
        with self.engine.connect() as connection:
            events = self._latest_turns(connection, parameters)
            if events is None:
                events = [json.loads(data) for (data,) in connection.execute(_LATEST_SESSION, parameters)]
        if not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        tracker.stored_events_loaded = len(events)  # type: ignore[attr-defined]
        return tracker

    def _latest_turns(
        self, connection: sa.engine.Connection, parameters: dict[str, Any]
    ) -> list[dict[str, Any]] | None:
        """The slots as they stood before the session's latest turns, then those turns; None: load it whole."""
        parameters["session_start"] = connection.execute(_SESSION_START_ID, parameters).scalar() or 0
        parameters["before"] = connection.execute(_BEFORE_LOADED_TURNS, parameters).scalar()
        if parameters["before"] is None:
            return None
        turns = connection.execute(_LOADED_TURNS, parameters).fetchall()
        if not turns:
            return None
        parameters["start"] = turns[0][0]
        if connection.execute(_STATEFUL_BEFORE, parameters).first():
            return None
        slots = []
        for name in self.domain.slots:
            data = connection.execute(_SLOT_BEFORE, {**parameters, "name": name.name}).scalar()
            if data is not None:
                slots.append(json.loads(data))
        return slots + [json.loads(data) for _, data in turns]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.engine.begin() as connection:
            stored = getattr(tracker, "stored_events_loaded", None)
            if stored is None:  # a tracker this store did not load: count what is stored of it
                stored = connection.execute(_STORED_IN_LATEST_SESSION, self._parameters(tracker.sender_id)).scalar()
            rows = [self._row(tracker.sender_id, event.as_dict(), event.type_name)
                    for event in itertools.islice(tracker.events, stored, None)]  # fmt: skip
            if rows:
                connection.execute(self.SQLEvent.__table__.insert(), rows)
        tracker.stored_events_loaded = len(tracker.events)  # type: ignore[attr-defined]

    @staticmethod
    def _row(sender_id: str, data: dict[str, Any], type_name: str) -> dict[str, Any]:
        return {
            "sender_id": sender_id,
            "type_name": type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }
