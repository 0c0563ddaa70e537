"""Every table of the tracker store's database, declared once: Rasa's `events`, and the assistant's own.

Rasa creates `events` (its SQLTrackerStore, at start); it is declared here as Rasa 3.6 creates it, in a
MetaData of its own that nothing here ever creates, and only an index is added to it. The feedback and retention
name its columns from here; the SQL written out by hand for speed (runtime/tracker_store.py, the staff area's
counts) names them in its text, and tests/storage/ runs all of it on a table made from this declaration.
The assistant's tables are in `metadata`, created by their users when missing (`create`), never altered once
they exist: the staff area's (with the feedback) and the staff answers'.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

# --- Rasa's ------------------------------------------------------------------------------------------------
rasa_metadata = sa.MetaData()

# rasa.core.tracker_store.SQLTrackerStore.SQLEvent of Rasa 3.6 (tests/storage/test_tables.py compares the two):
# one row per event of a conversation, `data` its JSON; a conversation is a sender's events in `id` order.
EVENTS = sa.Table(
    "events",
    rasa_metadata,
    # Rasa's optional sequence: used only by databases without autoincrement (Oracle), like Rasa's.
    sa.Column("id", sa.Integer, sa.Sequence("events_seq", optional=True), primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)

# The staff area's one covering index: the overview's counts by day, channel, intent and slot read it alone,
# not the rows (whose `data` is large); the not-understood list scans a time range of user events through it.
EVENT_INDEXES = (
    sa.Index(
        "ix_events_staff",
        EVENTS.c.type_name,
        EVENTS.c.timestamp,
        EVENTS.c.intent_name,
        EVENTS.c.action_name,
        EVENTS.c.sender_id,
    ),
)


# The tracker store's (runtime/tracker_store.py, which creates them when it starts): a turn reads one sender's
# latest rows by id, or by type (and a slot's or action's name) and id; with these each of its statements
# reads a few index entries, however long the conversation.
TURN_INDEXES = (
    sa.Index("events_by_sender", EVENTS.c.sender_id, EVENTS.c.id),
    sa.Index("events_by_sender_type", EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.id),
    sa.Index("events_by_sender_type_name", EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.action_name, EVENTS.c.id),
)


def has_events(bind: sa.engine.Engine | sa.engine.Connection) -> bool:
    """Whether Rasa has made its table yet (it has stored nothing before)."""
    return sa.inspect(bind).has_table(EVENTS.name)


# --- the assistant's -----------------------------------------------------------------------------------------
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


# Staff answers (staff_answers/store.py): rows that are never edited. A revision is one version of one entry
# as a member of staff saved it; a publication the whole set of live entries at one moment.
REVISIONS = sa.Table(
    "staff_answer_revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entry_id", sa.String(64), nullable=False, index=True),
    sa.Column("data", sa.Text, nullable=True),  # JSON of the bulk format's entry; NULL: withdrawn
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    # The revision this one was written over: a second editor who started from an older one is told.
    sa.Column("based_on", sa.Integer, nullable=True),
    sa.Column("note", sa.String(500), nullable=False, server_default=""),
)

PUBLICATIONS = sa.Table(
    "staff_answer_publications",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("publisher", sa.String(64), nullable=False),
    sa.Column("note", sa.String(500), nullable=False, server_default=""),
    # The publisher also wrote a revision published here (allowed only by STAFF_SELF_PUBLISH).
    sa.Column("self_approved", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("restores", sa.Integer, nullable=True),  # a rollback: the publication published again
)

PUBLISHED = sa.Table(
    "staff_answer_published",
    metadata,
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("staff_answer_publications.id"), primary_key=True),
    sa.Column("entry_id", sa.String(64), primary_key=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("staff_answer_revisions.id"), nullable=False),
)

# Who creates which: the staff area (and retention, which writes its daily totals) the first group, the staff
# answers' store (the staff area and every action server) the second, the feedback writer only its table.
STAFF_TABLES = (FEEDBACK, REVIEWED, DAILY_TOTALS, VIEW_LOG, ACCOUNTS, SESSIONS, AUDIT, KEYS)
STAFF_ANSWER_TABLES = (REVISIONS, PUBLICATIONS, PUBLISHED)


def create(engine: sa.engine.Engine, tables: Iterable[sa.Table]) -> None:
    """Create those of `tables` that are missing; a table that exists is left as it is."""
    metadata.create_all(engine, tables=list(tables), checkfirst=True)


def create_staff(engine: sa.engine.Engine) -> None:
    """Create the staff tables, and the index on `events` when that table exists; idempotent."""
    create(engine, STAFF_TABLES)
    if has_events(engine):
        with engine.begin() as connection:
            for index in EVENT_INDEXES:
                index.create(connection, checkfirst=True)
