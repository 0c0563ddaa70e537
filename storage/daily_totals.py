"""Counts per local day from Rasa's `events` and the feedback: what the staff overview shows, and what the
retention job stores in `staff_daily_totals` before it deletes the conversations (counts only: no text, no
sender), so that the overview covers months. Both count here, so a stored day and a counted one agree.

"Not understood" (one definition, used by the counts and by the staff area's list): a user message whose intent
is `nlu_fallback` or `out_of_scope`, or whose intent's confidence is below LOW_CONFIDENCE. "Helpful": the share
of 👍 among the 👍 and 👎 given to answers.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from storage import days
from storage.tables import DAILY_TOTALS, EVENTS, has_events

NOT_UNDERSTOOD_INTENTS = ("nlu_fallback", "out_of_scope")
LOW_CONFIDENCE = 0.6
CHANNELS = {"web": "web:", "telegram": "tg:"}
STORED_DAY = "day"  # the daily totals' marker row of a stored day: ("YYYY-MM-DD", "day", "") -> 1

Totals = dict[tuple[str, str, str], int]  # (day, metric, key) -> count


def json_sql(dialect: str) -> dict[str, str]:
    """The few expressions that differ between SQLite and PostgreSQL (JSON inside the `data` text)."""
    if dialect == "postgresql":
        return {
            "confidence": "CAST(CAST(data AS json) #>> '{parse_data,intent,confidence}' AS FLOAT)",
            "slot_value": "CAST(data AS json) ->> 'value'",
        }
    return {
        "confidence": "json_extract(data, '$.parse_data.intent.confidence')",
        "slot_value": "json_extract(data, '$.value')",
    }


CHANNEL_SQL = "CASE WHEN sender_id LIKE 'tg:%' THEN 'telegram' ELSE 'web' END"
NOT_UNDERSTOOD_SQL = "(intent_name IN ('nlu_fallback', 'out_of_scope') OR {confidence} < :low)"


def count_days(engine: sa.engine.Engine, first: date, last: date) -> Totals:
    """Counts per local day from the events and the feedback (what the daily totals keep)."""
    dialect = engine.dialect.name
    sql = json_sql(dialect)
    start, end = days.bounds(first, last)
    totals: Totals = {}
    if not has_events(engine):
        return totals
    day = days.day_number_sql("timestamp", dialect, start, end)
    where = "timestamp >= :start AND timestamp < :end"
    window = {"start": start, "end": end, "low": LOW_CONFIDENCE}
    not_understood = NOT_UNDERSTOOD_SQL.format(**sql)
    traffic = sa.text(
        f"SELECT {day}, {CHANNEL_SQL}, COUNT(*), COUNT(DISTINCT sender_id)"
        f" FROM events WHERE type_name = 'user' AND {where} GROUP BY 1, 2"
    )
    # Only this one reads the rows: the confidence is inside `data`.
    failed = sa.text(
        f"SELECT {day}, {CHANNEL_SQL}, COUNT(*) FROM events"
        f" WHERE type_name = 'user' AND {where} AND {not_understood} GROUP BY 1, 2"
    )
    intents = sa.text(
        f"SELECT {day}, intent_name, COUNT(*) FROM events"
        f" WHERE type_name = 'user' AND intent_name IS NOT NULL AND {where} GROUP BY 1, 2"
    )
    # The actions set `task` and `municipality` after each answer: a conversation counts once a day
    # for each value it had.
    slots = sa.text(
        f"SELECT {day}, action_name, {sql['slot_value']}, COUNT(DISTINCT sender_id) FROM events"
        f" WHERE type_name = 'slot' AND action_name IN ('task', 'municipality') AND {where}"
        " GROUP BY 1, 2, 3"
    )
    feedback_day = days.day_number_sql("answered_at", dialect, start, end)
    feedback = sa.text(
        f"SELECT {feedback_day}, value, COUNT(*) FROM feedback"
        " WHERE answered_at >= :start AND answered_at < :end GROUP BY 1, 2"
    )

    def add(number: float, metric: str, key: str, value: int) -> None:
        if value:
            totals[(days.from_number(number).isoformat(), metric, key)] = int(value)

    with engine.connect() as connection:
        for number, channel, messages, conversations in connection.execute(traffic, window):
            add(number, "messages", channel, messages)
            add(number, "conversations", channel, conversations)
        for number, channel, count in connection.execute(failed, window):
            add(number, "not_understood", channel, count)
        for number, intent, count in connection.execute(intents, window):
            add(number, "intent", intent, count)
        for number, slot, value, count in connection.execute(slots, window):
            if value:
                add(number, slot, str(value), count)
        for number, value, count in connection.execute(feedback, window):
            add(number, "helpful", "yes" if value > 0 else "no", count)
    return totals


def write(engine: sa.engine.Engine, last: date) -> list[str]:
    """Store the totals of every day up to `last` that has events and is not stored yet; return them.

    A stored day is never written again: once its conversations are deleted, it could not be recounted.
    """
    if not has_events(engine):
        return []
    with engine.connect() as connection:
        oldest = connection.execute(sa.select(sa.func.min(EVENTS.c.timestamp))).scalar()
        if oldest is None:
            return []
        first = days.local_day(oldest)
        if first > last:
            return []
        stored = {
            row[0]
            for row in connection.execute(
                sa.select(DAILY_TOTALS.c.day).where(
                    DAILY_TOTALS.c.metric == STORED_DAY, DAILY_TOTALS.c.day >= first.isoformat()
                )
            )
        }
    missing = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    missing = [day.isoformat() for day in missing if day.isoformat() not in stored]
    if not missing:
        return []
    counted = count_days(engine, date.fromisoformat(missing[0]), last)
    rows = [{"day": d, "metric": m, "key": k, "value": v} for (d, m, k), v in counted.items() if d in missing]
    rows += [{"day": day, "metric": STORED_DAY, "key": "", "value": 1} for day in missing]
    with engine.begin() as connection:
        connection.execute(sa.insert(DAILY_TOTALS), rows)
    return missing
