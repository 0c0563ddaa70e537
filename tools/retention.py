"""Delete conversations older than RETENTION_DAYS from the tracker store (SQLite or PostgreSQL).

    python -m tools.retention        (the gateway also runs it once a day)

A conversation is deleted whole when its newest event is older than the retention period, so that no
conversation is cut in the middle.
"""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa

from bot.settings import Settings
from tools.endpoints import tracker_store_url
from tools.role import ROOT

logger = logging.getLogger(__name__)
SECONDS_PER_DAY = 86_400


def delete_old_conversations(url: str, days: int, now: float | None = None) -> int:
    """Delete every conversation whose newest event is older than `days`; return how many."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0  # Rasa has not stored anything yet
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        old = (
            sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) < cutoff)
        )
        with engine.begin() as connection:
            senders = [row[0] for row in connection.execute(old)]
            for start in range(0, len(senders), 500):
                connection.execute(sa.delete(events).where(events.c.sender_id.in_(senders[start : start + 500])))
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
