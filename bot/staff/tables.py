"""The staff area's own tables, one definition that every side imports (the feedback writer too).

They live in the tracker store's database, beside Rasa's `events` table, so that one URL and one backup
hold everything. `create(engine)` makes what is missing and never changes what exists.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# 👍/👎 on one answer: `answered_at` is the `timestamp` of the bot event in `events` (the answer's last one
# with text); the question is the sender's last user event before it. One vote per answer.
FEEDBACK = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.Text, nullable=False),
    sa.Column("answered_at", sa.Float, nullable=False),
    sa.Column("value", sa.Integer, nullable=False),  # +1 or -1
    sa.Column("created_at", sa.Float, nullable=False),
    sa.UniqueConstraint("sender_id", "answered_at"),
)

# Not-understood texts a member of staff has looked at, by the hash of the folded text: no text is kept
# here, so nothing outlives the retention of the conversations it came from.
REVIEWED = sa.Table(
    "staff_reviewed",
    metadata,
    sa.Column("text_hash", sa.String(64), primary_key=True),
    sa.Column("reviewed_at", sa.Float, nullable=False),
    sa.Column("reviewed_by", sa.String(64), nullable=False),
)

# Counts per local day (no text, no sender), written by the retention job before it deletes, so that the
# overview covers months: (day, metric, key) -> value, e.g. ("2026-11-27", "messages", "web") -> 41.
DAILY_TOTALS = sa.Table(
    "staff_daily_totals",
    metadata,
    sa.Column("day", sa.String(10), primary_key=True),  # YYYY-MM-DD, Europe/Ljubljana
    sa.Column("metric", sa.String(32), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

# Every view of the staff area: who (the basic-auth user name), when, what (method, path and query;
# the query holds filters only, never message text).
VIEW_LOG = sa.Table(
    "staff_view_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
    sa.Column("user_name", sa.String(64), nullable=False),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("path", sa.String(512), nullable=False),
)

# Rasa's `events` table is Rasa's: only indexes are added to it, for the staff area's scans by time.
_EVENTS = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("sender_id", sa.String(255)),
)
# One covering index: the overview's counts by day, channel, intent and slot read it alone, not the rows
# (whose `data` is large); the not-understood list scans a time range of user events through it.
EVENT_INDEXES = (
    sa.Index(
        "ix_events_staff",
        _EVENTS.c.type_name,
        _EVENTS.c.timestamp,
        _EVENTS.c.intent_name,
        _EVENTS.c.action_name,
        _EVENTS.c.sender_id,
    ),
)


def create(engine: sa.engine.Engine) -> None:
    """Create the staff tables, and the indexes on `events` when that table exists; idempotent."""
    metadata.create_all(engine, checkfirst=True)
    if sa.inspect(engine).has_table("events"):
        with engine.begin() as connection:
            for index in EVENT_INDEXES:
                index.create(connection, checkfirst=True)
