"""The staff area's own tables, one definition that every side imports (the feedback writer too).

They live in the tracker store's database, beside Rasa's `events` table, so that one URL and one backup
hold everything. `create(engine)` makes what is missing and never changes what exists.
"""

from __future__ import annotations

import secrets

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

# Every view of the staff area before named accounts (who: the basic-auth user name). No longer written:
# kept, with its rows, for the record; the audit below has taken its place.
VIEW_LOG = sa.Table(
    "staff_view_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
    sa.Column("user_name", sa.String(64), nullable=False),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("path", sa.String(512), nullable=False),
)

# Named staff accounts (bot/staff/accounts.py). `name_key` is the casefolded name: "Ana" and "ana" are one
# person, both at sign-in and when a name is taken. Only the Argon2id hash of a password is kept.
ACCOUNTS = sa.Table(
    "staff_accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("name_key", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_sign_in_at", sa.Float, nullable=True),
)

# Signed-in browsers (bot/staff/sessions.py): the SHA-256 of the cookie's random token, never the token, so
# that a copy of the database signs nobody in; the form token (CSRF) belongs to the session.
SESSIONS = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("staff_accounts.id"), nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("seen_at", sa.Float, nullable=False),
)

# What staff did and saw (bot/staff/audit.py): every page view, sign-in (failed ones too), sign-out and
# change. The path keeps only filter parameters, never message text; `details` is short JSON.
AUDIT = sa.Table(
    "staff_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
    sa.Column("user_name", sa.String(64), nullable=True),  # None: nobody signed in (a failed sign-in, the CLI)
    sa.Column("role", sa.String(16), nullable=True),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("path", sa.String(512), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("details", sa.Text, nullable=False),
)

# Keys the staff area makes once and every replica shares, e.g. the key of the conversations' short hashes.
KEYS = sa.Table(
    "staff_keys",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
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


def stored_key(engine: sa.engine.Engine, name: str) -> bytes:
    """The key `name`, made at random the first time any replica asks for it."""
    with engine.begin() as connection:
        found = connection.execute(sa.select(KEYS.c.value).where(KEYS.c.name == name)).scalar()
    if found is None:
        try:
            with engine.begin() as connection:
                connection.execute(sa.insert(KEYS), {"name": name, "value": secrets.token_hex(32)})
        except sa.exc.IntegrityError:
            pass  # another replica made it first: its key is the one
        with engine.begin() as connection:
            found = connection.execute(sa.select(KEYS.c.value).where(KEYS.c.name == name)).scalar_one()
    return bytes.fromhex(found)
