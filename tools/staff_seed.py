"""Conversations written straight into a tracker store, as Rasa writes them, for the staff area's tests,
benchmark and screenshots; and the staff accounts that sign in to look at them.

The table is Rasa's own (SQLTrackerStore's `events`), the rows are what LeanSQLTrackerStore writes, and
each event has the shape of Rasa's event as stored (a user event with parse_data and the gateway's
metadata; a slot event with name and value). The texts are already in the form the gateway stores.
"""

from __future__ import annotations

import random
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from bot.staff.accounts import AccountStore
from storage.tables import FEEDBACK, create_staff

if TYPE_CHECKING:
    import httpx

DAY = 86_400.0


@dataclass
class Turn:
    text: str
    intent: str
    confidence: float
    answer: str
    action: str = "action_answer_coverage"
    slots: dict[str, str | None] = field(default_factory=dict)
    ranking: list[tuple[str, float]] = field(default_factory=list)
    feedback: int = 0  # +1 / -1: the person's 👍 / 👎 on this turn's answer


@dataclass
class Conversation:
    sender_id: str
    start: float
    turns: list[Turn]
    seconds_between_turns: float = 40.0


def events_table(engine: sa.engine.Engine) -> sa.Table:
    """Rasa's `events` table, created by Rasa's own definition when missing."""
    from rasa.core.tracker_store import SQLTrackerStore

    table = SQLTrackerStore.SQLEvent.__table__
    table.create(engine, checkfirst=True)
    return table


def _user(at: float, turn: Turn) -> dict[str, Any]:
    message_id = uuid.uuid4().hex
    ranking = turn.ranking or [(turn.intent, turn.confidence)]
    parse = {
        "intent": {"name": turn.intent, "confidence": turn.confidence},
        "entities": [],
        "text": turn.text,
        "message_id": message_id,
        "metadata": {"language": "sl"},
        "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking],
    }
    return {
        "event": "user", "timestamp": at, "metadata": {"language": "sl", "hint": "sl"}, "text": turn.text,
        "parse_data": parse, "input_channel": "rest", "message_id": message_id,
    }  # fmt: skip


def conversation_events(conversation: Conversation) -> Iterator[tuple[dict[str, Any], float | None]]:
    """(event, feedback value or None) in the order Rasa stores them."""
    at = conversation.start
    yield {"event": "action", "timestamp": at, "name": "action_session_start"}, None
    yield {"event": "session_started", "timestamp": at + 0.001}, None
    yield {"event": "action", "timestamp": at + 0.002, "name": "action_listen"}, None
    for turn in conversation.turns:
        yield _user(at, turn), None
        yield {"event": "action", "timestamp": at + 0.01, "name": turn.action}, None
        yield {"event": "bot", "timestamp": at + 0.02, "text": turn.answer, "data": {}}, turn.feedback or None
        for n, (name, value) in enumerate(turn.slots.items()):
            yield {"event": "slot", "timestamp": at + 0.03 + n / 1000, "name": name, "value": value}, None
        yield {"event": "action", "timestamp": at + 0.05, "name": "action_listen"}, None
        at += conversation.seconds_between_turns


def write(engine: sa.engine.Engine, conversations: Iterable[Conversation]) -> int:
    """Store the conversations (and their 👍/👎); return how many events were written."""
    from runtime.tracker_store import LeanSQLTrackerStore

    table = events_table(engine)
    create_staff(engine)
    rows: list[dict[str, Any]] = []
    votes: list[dict[str, Any]] = []
    written = 0
    with engine.begin() as connection:
        for conversation in conversations:
            for event, vote in conversation_events(conversation):
                rows.append(LeanSQLTrackerStore._row(conversation.sender_id, event, event["event"]))
                if vote:
                    votes.append({"sender_id": conversation.sender_id, "answered_at": event["timestamp"],
                                  "value": vote, "created_at": event["timestamp"] + 5})  # fmt: skip
            if len(rows) >= 5000:
                connection.execute(table.insert(), rows)
                written += len(rows)
                rows = []
        if rows:
            connection.execute(table.insert(), rows)
            written += len(rows)
        if votes:
            connection.execute(FEEDBACK.insert(), votes)
    return written


# --- a realistic mix, for the benchmark and the screenshots ----------------------------------------
ANSWERED = [
    Turn("Ali interventna služba pokriva Izolo?", "ask_task_covers_municipality", 0.97,
         "Da, regijska interventna služba pokriva tudi Izolo.", slots={"task": "interventna_sluzba", "municipality": "Izola"}),
    Turn("kaj pa sezana", "follow_up", 0.91, "Ne, regijska interventna služba ne pokriva Sežane.",
         slots={"task": "interventna_sluzba", "municipality": "Sežana"}),
    Turn("Kdo pokriva pomoč na domu v Postojni?", "ask_task_covers_municipality", 0.94,
         "Da, regijski center za pomoč na domu pokriva tudi Postojno.", slots={"task": "pomoc_na_domu", "municipality": "Postojna"}),
    Turn("kaj dela center", "ask_services", 0.99, "Center za socialno delo Koper …", action="action_answer_services"),
    Turn("Koliko prebivalcev ima Koper?", "mok_size", 0.93, "Mestna občina Koper ima …", action="action_answer_koper_fact",
         slots={"municipality": "Koper"}),
    Turn("Kje ste?", "ask_practical_info", 0.88, "Naslova centra žal nimam.", action="action_answer_practical_info"),
    Turn("Katere naloge ima center za Pivko?", "ask_tasks_for_municipality", 0.9, "Za občino Pivka center …",
         slots={"municipality": "Pivka"}),
    Turn("koordinacija za nasilje v Piranu", "ask_task_covers_municipality", 0.86,
         "Da, regijska koordinacija za nasilje pokriva tudi Piran.", slots={"task": "koordinacija_nasilje", "municipality": "Piran"}),
    Turn("živjo", "greet", 0.99, "Pozdravljeni! Sem avtomatski pomočnik …", action="action_small_talk"),
]  # fmt: skip
NOT_UNDERSTOOD = [
    Turn("Kdaj dobim otroški dodatek na račun?", "nlu_fallback", 0.4, "Tega žal ne vem.", action="action_fallback",
         ranking=[("nlu_fallback", 0.4), ("ask_practical_info", 0.38), ("ask_services", 0.2)]),
    Turn("Ali lahko pridem brez naročila?", "nlu_fallback", 0.4, "Tega žal ne vem.", action="action_fallback",
         ranking=[("nlu_fallback", 0.4), ("ask_practical_info", 0.33)]),
    Turn("kako se prijavim na denarno socialno pomoč", "ask_services", 0.52, "Center za socialno delo Koper …",
         action="action_answer_services", ranking=[("ask_services", 0.52), ("ask_practical_info", 0.3)]),
    Turn("Kdo je župan?", "out_of_scope", 0.81, "Na to žal ne znam odgovoriti.", action="action_fallback",
         ranking=[("out_of_scope", 0.81), ("mok_overview", 0.1)]),
    Turn("rabim skrbnika za mamo", "nlu_fallback", 0.4, "Tega žal ne vem.", action="action_fallback",
         ranking=[("nlu_fallback", 0.4), ("ask_services", 0.31)]),
    Turn("a mate kej za rejnike", "ask_services", 0.47, "Center za socialno delo Koper …", action="action_answer_services",
         ranking=[("ask_services", 0.47), ("ask_centres", 0.2)]),
    Turn("Kakšno je vreme v Kopru?", "out_of_scope", 0.9, "Na to žal ne znam odgovoriti.", action="action_fallback",
         ranking=[("out_of_scope", 0.9)]),
    Turn("[IME] potrebuje pomoč pri hiši", "nlu_fallback", 0.4, "Tega žal ne vem.", action="action_fallback",
         ranking=[("nlu_fallback", 0.4), ("ask_task_coverage", 0.35)]),
]  # fmt: skip


def mixed(messages: int, days: float, now: float | None = None, seed: int = 12) -> list[Conversation]:
    """About `messages` user messages in conversations over the last `days` days: web and Telegram,
    about one in six not understood, some 👍 and 👎."""
    rng = random.Random(seed)
    now = time.time() if now is None else now
    conversations: list[Conversation] = []
    count = 0
    while count < messages:
        turns = []
        for _ in range(min(rng.randint(1, 7), messages - count)):
            template = rng.choice(NOT_UNDERSTOOD) if rng.random() < 0.17 else rng.choice(ANSWERED)
            feedback = rng.choice((1, 1, 1, -1)) if rng.random() < 0.12 else 0
            turns.append(Turn(**{**template.__dict__, "feedback": feedback}))
        count += len(turns)
        channel = (
            "tg:" + str(rng.randint(10**8, 10**10))
            if rng.random() < 0.35
            else "web:" + uuid.UUID(int=rng.getrandbits(128)).hex
        )
        start = now - rng.random() * days * DAY - 600
        conversations.append(Conversation(channel, start, turns))
    return conversations


def account(url: str, name: str, role: str, password: str) -> None:
    """A staff account in the database at `url` (as `python -m bot.staff.accounts create` makes one)."""
    engine = sa.create_engine(url)
    try:
        AccountStore(engine).create(name, role, password)
    finally:
        engine.dispose()


def sign_in(client: httpx.Client, name: str, password: str, target: str = "/staff/") -> httpx.Response:
    """Sign in through the form, as a browser does (the form's token from its page); the 303 it answers."""
    page = client.get("/staff/prijava")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token is not None, page.text
    fields = {"csrf": token.group(1), "ime": name, "geslo": password, "naprej": target}
    return client.post("/staff/prijava", data=fields, follow_redirects=False)
