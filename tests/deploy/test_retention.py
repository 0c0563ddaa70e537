"""Old conversations leave the tracker store, on SQLite and on a real PostgreSQL, written by Rasa's
own SQL tracker store; recent ones stay whole."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.retention import SECONDS_PER_DAY, delete_old_conversations
from tests.deploy.servers import postgres

NOW = time.time()


def store_conversations(url: str) -> SQLTrackerStore:
    store = SQLTrackerStore(Domain.empty(), host=url)
    conversations = {
        "web:old": [NOW - 40 * SECONDS_PER_DAY, NOW - 39 * SECONDS_PER_DAY],
        "tg:1": [NOW - 45 * SECONDS_PER_DAY, NOW - 2 * SECONDS_PER_DAY],  # old start, recent end: stays
        "web:new": [NOW - 60, NOW - 30],
    }
    for sender, (asked, answered) in conversations.items():
        events = [UserUttered("kaj delate", timestamp=asked), BotUttered("Center …", timestamp=answered)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    return store


def check(url: str) -> None:
    store = store_conversations(url)
    assert delete_old_conversations(url, days=30, now=NOW) == 1
    assert sorted(asyncio.run(store.keys())) == ["tg:1", "web:new"]
    assert len(asyncio.run(store.retrieve("tg:1")).events) == 2  # kept whole
    assert delete_old_conversations(url, days=30, now=NOW) == 0


def test_retention_on_sqlite(tmp_path: Path) -> None:
    check(f"sqlite:///{tmp_path / 'tracker.db'}")


def test_retention_on_postgresql() -> None:
    with postgres() as database:
        check(database.url)


def test_retention_before_anything_was_stored(tmp_path: Path) -> None:
    assert delete_old_conversations(f"sqlite:///{tmp_path / 'empty.db'}", days=30) == 0


@pytest.mark.parametrize("days", [1, 365])
def test_retention_days_decide(tmp_path: Path, days: int) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store_conversations(url)
    expected = {1: 2, 365: 0}[days]
    assert delete_old_conversations(url, days=days, now=NOW) == expected
