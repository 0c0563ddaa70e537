"""The staff area's numbers, checked against what was seeded, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.staff.store import Store, fold
from runtime.retention import delete_old_conversations
from storage import days
from storage.tables import DAILY_TOTALS, FEEDBACK
from tests.bot.staff.conftest import TODAY, day

WEEK = (TODAY - timedelta(days=6), TODAY)


def store(url: str) -> Store:
    return Store(url, b"test-key")


def test_the_seeded_rows_are_what_rasa_reads(database: str) -> None:
    tracker = asyncio.run(SQLTrackerStore(Domain.empty(), host=database).retrieve("web:ana-session"))
    assert tracker.latest_message.text == "kaj pa sezana"
    assert tracker.latest_message.intent["name"] == "follow_up"


def test_overview_counts_per_day_and_channel(database: str) -> None:
    overview = store(database).overview(*WEEK)
    got = {k: v for k, v in overview.totals.items() if k[1] in ("conversations", "messages", "not_understood")}
    assert got == {
        (day(1), "conversations", "web"): 2, (day(1), "conversations", "telegram"): 1,
        (day(1), "messages", "web"): 4, (day(1), "messages", "telegram"): 1,
        (day(1), "not_understood", "web"): 2, (day(1), "not_understood", "telegram"): 1,
        (day(2), "conversations", "telegram"): 1, (day(2), "messages", "telegram"): 3,
        (day(2), "not_understood", "telegram"): 1,  # the fallback; the button's /greet is no failure
    }  # fmt: skip
    assert overview.summed("intent") == {
        "out_of_scope": 2, "ask_task_covers_municipality": 1, "follow_up": 1, "ask_practical_info": 1,
        "nlu_fallback": 1, "greet": 1, "ask_services": 1,
    }  # fmt: skip
    assert overview.summed("task") == {"interventna_sluzba": 1}  # one conversation, asked twice
    assert overview.summed("municipality") == {"Izola": 1, "Sežana": 1}
    assert overview.summed("helpful") == {"yes": 1, "no": 2}
    assert overview.stored_days == set()


def test_not_understood_groups_newest_first(database: str) -> None:
    groups = store(database).not_understood(*WEEK)
    assert [(g.text, g.count, sorted(g.channels)) for g in groups] == [
        ("kdo je ŽUPAN", 2, ["telegram", "web"]),  # "Kdo je župan?" folds to the same text
        ("kako se prijavim na denarno socialno pomoč", 1, ["web"]),
        ("Kdaj dobim otroški dodatek na račun?", 1, ["telegram"]),
    ]
    assert [(g.guess, g.confidence, g.intent) for g in groups] == [
        ("out_of_scope", 0.79, "out_of_scope"), ("ask_services", 0.52, "ask_services"),
        ("ask_practical_info", 0.38, "nlu_fallback"),
    ]  # fmt: skip
    assert groups[2].day == TODAY - timedelta(days=2)


def test_not_understood_filters_and_review(database: str) -> None:
    staff = store(database)
    assert [g.text for g in staff.not_understood(*WEEK, channel="telegram")] == [
        "kdo je ŽUPAN", "Kdaj dobim otroški dodatek na račun?",
    ]  # fmt: skip
    assert [g.text for g in staff.not_understood(*WEEK, intent="ask_practical_info")] == [
        "Kdaj dobim otroški dodatek na račun?"  # the best guess matches
    ]
    assert [g.text for g in staff.not_understood(*WEEK, intent="nlu_fallback")] == [
        "Kdaj dobim otroški dodatek na račun?"  # the intent Rasa gave matches
    ]
    first = staff.not_understood(*WEEK)[0]
    assert staff.mark_reviewed([first.key, "not-a-key"], "Ana") == 1
    assert staff.mark_reviewed([first.key], "Ana") == 0
    assert first.key not in [g.key for g in staff.not_understood(*WEEK)]
    shown = staff.not_understood(*WEEK, with_reviewed=True)
    assert [g.reviewed for g in shown] == [True, False, False]


def test_disliked_answers_with_their_questions(database: str) -> None:
    disliked = store(database).disliked(*WEEK)
    assert [(d.question, d.answers, d.channel) for d in disliked] == [
        ("Kdo je župan?", ["Na to žal ne znam odgovoriti."], "web"),
        ("Kje ste?", ["Naslova centra žal nimam."], "telegram"),
    ]


def test_one_conversation_by_its_short_hash(database: str) -> None:
    staff = store(database)
    short = staff.short_hash("tg:123456789")
    assert len(short) == 10 and "123456789" not in short
    channel, turns = staff.conversation(short)
    assert channel == "telegram"
    assert [(t.role, t.text) for t in turns][:2] == [("user", "Kje ste?"), ("bot", "Naslova centra žal nimam.")]
    assert turns[1].feedback == -1 and turns[0].intent == "ask_practical_info"
    assert staff.conversation("0123456789") is None
    assert Store(database, b"another key").short_hash("tg:123456789") != short  # keyed: not a plain sha256


def test_totals_outlive_the_conversations(database: str) -> None:
    span = (TODAY - timedelta(days=50), TODAY)
    before = store(database).overview(*span)
    assert before.summed("messages") == {"web": 6, "telegram": 5}
    assert "Kdaj ste [odprti]?" in [g.text for g in store(database).not_understood(*span)]

    assert delete_old_conversations(database, days=30) == 2
    after = store(database).overview(*span)
    assert after.totals == before.totals  # the old days now come from the stored totals
    assert {day(40), day(45)} <= after.stored_days and day(1) not in after.stored_days
    assert "Kdaj ste [odprti]?" not in [g.text for g in store(database).not_understood(*span)]
    engine = sa.create_engine(database)
    with engine.connect() as connection:
        senders = {row[0] for row in connection.execute(sa.select(FEEDBACK.c.sender_id))}
        stored = connection.execute(sa.select(sa.func.count()).select_from(DAILY_TOTALS)).scalar()
        texts = [row.key for row in connection.execute(sa.select(DAILY_TOTALS.c.key))]
    engine.dispose()
    assert {c.name for c in DAILY_TOTALS.c} == {"day", "metric", "key", "value"}  # counts only
    assert senders == {"web:ana-session", "tg:123456789", "web:bor-session"}  # the old feedback went too
    assert not any(sender in texts for sender in ("web:old-session", "tg:555"))
    assert not any("odprti" in text for text in texts)

    assert delete_old_conversations(database, days=30) == 0  # a stored day is never written again
    with engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(DAILY_TOTALS)).scalar() == stored


def test_days_group_by_local_day_across_a_dst_switch(tmp_path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'days.db'}")
    first, last = date(2026, 3, 27), date(2026, 3, 31)  # summer time starts on 29 March 2026
    start, end = days.bounds(first, last)
    moments = [datetime(2026, 3, d, h, m, tzinfo=days.TIMEZONE).timestamp()
               for d in range(27, 32) for h, m in ((0, 0), (0, 30), (1, 59), (3, 0), (23, 30), (23, 59))]  # fmt: skip
    expression = days.day_number_sql(":t", "sqlite", start, end)
    with engine.connect() as connection:
        for moment in moments:
            number = connection.execute(sa.text(f"SELECT {expression}"), {"t": moment}).scalar()
            assert days.from_number(number) == days.local_day(moment)


def test_fold() -> None:
    assert fold("  Kdo   je ŽUPAN?! ") == fold("kdo je župan") == "kdo je župan"
