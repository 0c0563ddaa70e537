"""How often each staff answer was given in a date range, and the 👍 and 👎 it got.

Given: a `bot` event of Rasa's `events` table whose custom message names the entry
({"language": …, "answer_id": …, "staff_answer": <entry id>}, actions/actions.py). Rated: a row of `feedback`
that pairs with such an event.

The pairing (bot/feedback.py writes the row from this very event): feedback names an answer by its sender and
`answered_at`, the timestamp of the answer's *last bot event with text* before the custom message that carries
the answer id, with no user event in between. So for each staff-answer custom message M of a conversation,
the rated answer is the bot event T of the same conversation with text, the newest by id before M and after
the last user event before M; a feedback row (sender of M, answered_at = T.timestamp) is that answer's
rating. The custom message is the same event for `answer_id` and `staff_answer`, so the rating belongs to
exactly the entry M names. The search runs in SQL: the markers are found with LIKE '%"staff_answer"%' (then
checked exactly in the JSON), each one's T by a correlated subquery on the conversation's own events (indexed by
sender), and the feedback joined on (sender, answered_at); a turn without an answer id has no feedback and
counts as given only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from storage import days
from storage.tables import has_events


@dataclass(frozen=True)
class Usage:
    given: int = 0
    up: int = 0
    down: int = 0

    @property
    def rated(self) -> int:
        return self.up + self.down

    @property
    def helpful(self) -> float | None:
        """The share of 👍 among the ratings; None when it got none."""
        return self.up / self.rated if self.rated else None


def _json(dialect: str) -> dict[str, str]:
    """The entry a marker names and the text of a bot event, inside the `data` JSON text, per dialect."""
    if dialect == "postgresql":
        return {
            "entry": "CAST(m.data AS json) #>> '{data,custom,staff_answer}'",
            "text": "CAST(t.data AS json) ->> 'text'",
        }
    return {"entry": "json_extract(m.data, '$.data.custom.staff_answer')", "text": "json_extract(t.data, '$.text')"}


def answer_usage(engine: sa.engine.Engine, first: date, last: date) -> dict[str, Usage]:
    """entry id -> Usage for the staff answers given from `first` to `last` (local days, both included)."""
    if not has_events(engine):
        return {}
    start, end = days.bounds(first, last)
    expression = _json(engine.dialect.name)
    # The rated answer T of each marker M: see the module's docstring.
    answered_at = (
        "SELECT t.timestamp FROM events t WHERE t.sender_id = m.sender_id AND t.type_name = 'bot'"
        f" AND t.id < m.id AND {expression['text']} <> ''"
        " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.sender_id = m.sender_id AND u.type_name = 'user'"
        " AND u.id > t.id AND u.id < m.id)"
        " ORDER BY t.id DESC LIMIT 1"
    )
    markers = (
        f"SELECT m.sender_id AS sender_id, {expression['entry']} AS entry_id, ({answered_at}) AS answered_at"
        " FROM events m WHERE m.type_name = 'bot' AND m.timestamp >= :start AND m.timestamp < :end"
        " AND m.data LIKE '%\"staff\\_answer\"%' ESCAPE '\\'"
    )
    query = sa.text(
        "SELECT x.entry_id, COUNT(*),"
        " SUM(CASE WHEN f.value > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN f.value < 0 THEN 1 ELSE 0 END)"
        f" FROM ({markers}) x LEFT JOIN feedback f"
        " ON f.sender_id = x.sender_id AND f.answered_at = x.answered_at"
        " WHERE x.entry_id IS NOT NULL AND x.entry_id <> '' GROUP BY x.entry_id"
    )
    with engine.connect() as connection:
        rows = connection.execute(query, {"start": start, "end": end}).fetchall()
    return {str(entry): Usage(int(given), int(up or 0), int(down or 0)) for entry, given, up, down in rows}
