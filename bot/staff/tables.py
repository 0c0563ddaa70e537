"""The tables the gateway keeps beside Rasa's `events`, in the same database (the tracker store)."""

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
