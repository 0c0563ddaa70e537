"""Feedback on answers (👍/👎), kept in the tracker store's database beside Rasa's `events`.

The actions name each real answer with an id in the custom message they already send
({"language": …, "answer_id": …}); Rasa stores that message as a `bot` event of the conversation
before it replies, and the gateway hands the id to the client. Feedback names the answer by that id
and is checked against the stored events: the answer must exist in the sender's own conversation.
It is then stored once per answer under the sender and the timestamp (`answered_at`) of the answer's
last `bot` event with text, by which the staff area finds the answer and its question again. Nothing is
kept in a gateway's memory, so any replica can take the feedback for an answer any Rasa instance gave.
"""

from __future__ import annotations

import asyncio
import enum
import json
import re
import time

import sqlalchemy as sa

from bot import metrics
from storage.tables import EVENTS, FEEDBACK, create, has_events

ANSWER_ID = re.compile(r"[0-9a-f]{32}")  # as the actions make them: uuid4().hex; fullmatch it
VALUES = {"up": 1, "down": -1}


def _custom(data: str) -> dict:
    """The custom message of a stored `bot` event ({} when it has none)."""
    custom = ((json.loads(data) or {}).get("data") or {}).get("custom")
    return custom if isinstance(custom, dict) else {}


class Outcome(enum.Enum):
    STORED = "stored"
    ALREADY_GIVEN = "already given"
    UNKNOWN_ANSWER = "unknown answer"


class FeedbackStore:
    """The feedback table in the database at `url` (SQLite or PostgreSQL), created when missing."""

    def __init__(self, url: str) -> None:
        # A failed statement's error names its parameters (sender ids); keep them out of the logs.
        self.engine = sa.create_engine(url, hide_parameters=True)
        self._created = False

    def _create_table(self) -> None:
        # Lazily, so that a database that is down at start does not stop the gateway; idempotent.
        if self._created:
            return
        try:
            create(self.engine, [FEEDBACK])
        except sa.exc.DBAPIError:
            if not sa.inspect(self.engine).has_table(FEEDBACK.name):
                raise  # not a race with another replica creating it
        self._created = True

    def answered_at(self, sender: str, answer_id: str) -> float | None:
        """The timestamp of the answer `answer_id` in `sender`'s conversation, or None when there is none.

        The id is in the turn's last `bot` event, a custom message without text; the answer is named by its
        last `bot` event with text before it, which the staff area shows and finds the question before.
        """
        if not ANSWER_ID.fullmatch(answer_id):
            return None
        with self.engine.connect() as connection:
            if not has_events(connection):
                return None  # Rasa has stored nothing yet
            # The id is hex, so LIKE has no wildcard in it; the JSON is checked exactly below.
            marked = connection.execute(
                sa.select(EVENTS.c.id, EVENTS.c.data).where(
                    EVENTS.c.sender_id == sender,
                    EVENTS.c.type_name == "bot",
                    EVENTS.c.data.like(f"%{answer_id}%"),
                )
            ).fetchall()
            marker = next((row.id for row in marked if _custom(row.data).get("answer_id") == answer_id), None)
            if marker is None:
                return None
            before = connection.execute(
                sa.select(EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
                .where(EVENTS.c.sender_id == sender, EVENTS.c.id < marker, EVENTS.c.type_name.in_(("bot", "user")))
                .order_by(EVENTS.c.id.desc())
                .limit(50)  # an answer is a few messages
            ).fetchall()
        for type_name, timestamp, data in before:
            if type_name == "user":
                break
            if (json.loads(data) or {}).get("text"):
                return timestamp
        return None

    def record(self, sender: str, answer_id: str, value: int, now: float | None = None) -> Outcome:
        """Store `value` (+1 or -1) for the answer `answer_id` of `sender`'s conversation, once."""
        if value not in VALUES.values():
            raise ValueError(f"feedback must be one of {sorted(VALUES.values())}, not {value!r}")
        self._create_table()
        answered_at = self.answered_at(sender, answer_id)
        if answered_at is None:
            return Outcome.UNKNOWN_ANSWER
        row = {"sender_id": sender, "answered_at": answered_at, "value": value, "created_at": now or time.time()}
        try:
            with self.engine.begin() as connection:
                connection.execute(FEEDBACK.insert().values(**row))
        except sa.exc.IntegrityError:  # UNIQUE(sender_id, answered_at): even when two replicas race
            return Outcome.ALREADY_GIVEN
        return Outcome.STORED

    async def give(self, sender: str, answer_id: str, value: int) -> Outcome:
        """`record` in a thread, so that the database never blocks the event loop."""
        outcome = await asyncio.to_thread(self.record, sender, answer_id, value)
        if outcome is Outcome.STORED:  # once per answer, as stored: a second click is not a second opinion
            metrics.feedback(sender, value)
        return outcome

    def close(self) -> None:
        self.engine.dispose()
