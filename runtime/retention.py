"""Delete conversations older than RETENTION_DAYS from the tracker store (SQLite or PostgreSQL).

    python -m runtime.retention        (the gateway also runs it once a day)

A conversation is deleted whole when its newest event is older than the retention period, so that no
conversation is cut in the middle. Before it deletes, it stores the daily totals (counts only, no text and
no sender: storage/daily_totals.py) of every day up to the cutoff's day that is not stored yet, so that the
staff area's charts outlive the conversations; a stored day is never written again. The feedback (👍/👎) of a
deleted conversation goes with it.
"""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa

from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings
from storage import daily_totals, days
from storage.tables import EVENTS, FEEDBACK, create_staff, has_events

logger = logging.getLogger(__name__)
SECONDS_PER_DAY = 86_400


def write_daily_totals(url: str, cutoff: float) -> list[str]:
    """Store the totals of the days up to the cutoff's local day (the ones this run may take events from)."""
    engine = sa.create_engine(url, future=True, hide_parameters=True)
    try:
        create_staff(engine)  # as the staff area does: the totals' table, and the index its counts read
        return daily_totals.write(engine, days.local_day(cutoff))
    finally:
        engine.dispose()


def delete_old_conversations(url: str, days: int, now: float | None = None) -> int:
    """Delete every conversation whose newest event is older than `days`; return how many."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    write_daily_totals(url, cutoff)
    engine = sa.create_engine(url)
    try:
        if not has_events(engine):
            return 0  # Rasa has not stored anything yet
        old = (
            sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id).having(sa.func.max(EVENTS.c.timestamp) < cutoff)
        )
        with engine.begin() as connection:
            senders = [row[0] for row in connection.execute(old)]
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk)))
                connection.execute(sa.delete(FEEDBACK).where(FEEDBACK.c.sender_id.in_(chunk)))
        return len(senders)
    finally:
        engine.dispose()


def run(settings: Settings) -> int:
    deleted = delete_old_conversations(tracker_store_url(settings, ROOT), settings.retention_days)
    logger.info("retention: deleted %d conversations older than %d days", deleted, settings.retention_days)
    return deleted


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    run(Settings.from_env())


if __name__ == "__main__":
    main()
