"""The tables the gateway keeps beside Rasa's `events`, in the same database (the tracker store)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# One 👍 (+1) or 👎 (-1) per answer. An answer is named by its sender and the `timestamp` of the Rasa
# `bot` event that ends it (the one carrying {"custom": {"answer_id": …}}), as stored in `events`.
FEEDBACK = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.Text, nullable=False),
    sa.Column("answered_at", sa.Float, nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.UniqueConstraint("sender_id", "answered_at"),
)
