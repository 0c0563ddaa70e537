"""Rasa's SQL tracker store with a turn's reads and writes as two plain statements.

Rasa 3.6's SQLTrackerStore builds ORM queries for every turn: one to load the conversation, one to
count what is stored, and an ORM object per new event. Profiling a turn (docs/performance.md) put
it at about a third of Rasa's CPU time per message. This store keeps Rasa's table, its rows and its
meaning of a conversation (the events since the latest `session_started`), so the retention tool,
the history endpoint and a plain SQLTrackerStore read the same data; only the statements are leaner.
Its errors, which Rasa logs, do not carry the messages of a conversation.

Endpoints: `tracker_store: {type: runtime.tracker_store.LeanSQLTrackerStore, url: …}`. It replaces private
methods of Rasa's store (`_retrieve`, and `save` reads `stream_events` and `SQLEvent`): on another Rasa
release than the one it was written for, creating it raises, and Rasa does not start.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from runtime.rasa_server import check_rasa_version

# The latest conversation session of a sender, as Rasa's own query defines it: the events from the
# latest `session_started` on (all of them when there is none), in the order they were stored.
_SESSION_START = "(SELECT MAX(timestamp) FROM events WHERE sender_id = :sender_id AND type_name = :session_started)"
_SINCE_SESSION_START = (
    f"FROM events WHERE sender_id = :sender_id AND (timestamp >= {_SESSION_START} OR {_SESSION_START} IS NULL)"
)
_LATEST_SESSION = sa.text(f"SELECT data {_SINCE_SESSION_START} ORDER BY id")
_STORED_IN_LATEST_SESSION = sa.text(f"SELECT COUNT(*) {_SINCE_SESSION_START}")


class LeanSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with the same data, read and written without the ORM on every turn."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        check_rasa_version()  # not caught by Rasa's fallback to an in-memory store, unlike an ImportError
        super().__init__(*args, **kwargs)
        # A failed statement's error names its parameters (the events, the messages in them) and Rasa
        # logs that error; keep the text of conversations out of the logs.
        self.engine.hide_parameters = True

    def _parameters(self, sender_id: str) -> dict[str, Any]:
        return {"sender_id": sender_id, "session_started": SessionStarted.type_name}

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.engine.connect() as connection:
            rows = connection.execute(_LATEST_SESSION, self._parameters(sender_id)).fetchall()
        if not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(data) for (data,) in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.engine.begin() as connection:
            stored = connection.execute(_STORED_IN_LATEST_SESSION, self._parameters(tracker.sender_id)).scalar()
            rows = [self._row(tracker.sender_id, event.as_dict(), event.type_name)
                    for event in itertools.islice(tracker.events, stored, None)]  # fmt: skip
            if rows:
                connection.execute(self.SQLEvent.__table__.insert(), rows)

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
