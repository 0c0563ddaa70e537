"""A seeded tracker store (Rasa's table, rows as Rasa writes them) on SQLite and on a real PostgreSQL,
with staff accounts, and the gateway's app in front of it with the staff area on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from bot.conversation import Assistant
from bot.staff.routes import StaffOptions
from bot.web import create_app
from knowledge import load_knowledge_base
from storage import days
from tools import staff_seed
from tools.staff_seed import Conversation, Turn

PASSWORD = "geslo-za-osebje-42"
LOGIN = ("Ana Kovač", PASSWORD)  # an editor (urednik)
ADMIN = ("Mojca Skrbnica", "geslo-skrbnice-1234")  # an administrator (skrbnik)
TODAY = days.today()
NOON = days.start_of(TODAY) + 12 * 3600  # seeded turns fall in the middle of their local day
KB = load_knowledge_base()


def at(days_ago: int, minutes: int = 0) -> float:
    return NOON - days_ago * 86_400 + minutes * 60


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


FALLBACK = dict(intent="nlu_fallback", confidence=0.4, answer="Tega žal ne vem.", action="action_fallback")
COVERAGE = Turn("Ali interventna služba pokriva Izolo?", "ask_task_covers_municipality", 0.97,
                "Da, regijska interventna služba pokriva tudi Izolo.",
                slots={"task": "interventna_sluzba", "municipality": "Izola"})  # fmt: skip

CONVERSATIONS = [
    Conversation("web:ana-session", at(1), [
        Turn(**{**COVERAGE.__dict__, "feedback": 1}),
        Turn("kaj pa sezana", "follow_up", 0.91, "Ne, regijska interventna služba ne pokriva Sežane.",
             slots={"task": "interventna_sluzba", "municipality": "Sežana"}),
    ]),
    Conversation("tg:123456789", at(2), [
        Turn("Kje ste?", "ask_practical_info", 0.88, "Naslova centra žal nimam.", feedback=-1),
        Turn("Kdaj dobim otroški dodatek na račun?", **FALLBACK,
             ranking=[("nlu_fallback", 0.4), ("ask_practical_info", 0.38), ("ask_services", 0.2)]),
        Turn("/greet", "greet", 1.0, "Pozdravljeni!"),
    ]),
    Conversation("web:bor-session", at(1, 10), [
        Turn("Kdo je župan?", "out_of_scope", 0.81, "Na to žal ne znam odgovoriti.", feedback=-1,
             ranking=[("out_of_scope", 0.81), ("mok_overview", 0.1)]),
        Turn("kako se prijavim na denarno socialno pomoč", "ask_services", 0.52, "Center za socialno delo Koper …",
             ranking=[("ask_services", 0.52), ("ask_practical_info", 0.3)]),
    ]),
    Conversation("tg:987654321", at(1, 30), [
        Turn("kdo je   ŽUPAN", "out_of_scope", 0.79, "Na to žal ne znam odgovoriti.", ranking=[("out_of_scope", 0.79)]),
    ]),
    # Older than the retention (30 days): deleted by it, their counts kept.
    Conversation("web:old-session", at(40), [
        Turn("Kdaj ste [odprti]?", **FALLBACK, ranking=[("nlu_fallback", 0.4), ("ask_practical_info", 0.35)]),
        Turn(**{**COVERAGE.__dict__, "feedback": 1}),
    ]),
    Conversation("tg:555", at(45), [Turn("živjo", "greet", 0.99, "Pozdravljeni!")]),
]  # fmt: skip
SENDERS = [conversation.sender_id for conversation in CONVERSATIONS]


@pytest.fixture
def database(empty_tracker_store: str) -> str:
    """A freshly seeded tracker store (SQLite in a file, or a real PostgreSQL emptied first), with an editor
    (LOGIN) and an administrator (ADMIN)."""
    engine = sa.create_engine(empty_tracker_store)
    staff_seed.write(engine, CONVERSATIONS)
    engine.dispose()
    staff_seed.account(empty_tracker_store, LOGIN[0], "urednik", LOGIN[1])
    staff_seed.account(empty_tracker_store, ADMIN[0], "skrbnik", ADMIN[1])
    return empty_tracker_store


def gateway(url: str, options: StaffOptions | None = None, staff: bool = True) -> TestClient:
    assistant = Assistant(("http://127.0.0.1:9",), 1.0, KB)
    return TestClient(create_app(assistant, staff=(options or StaffOptions(url)) if staff else None))


@pytest.fixture
def anonymous(database: str) -> Iterator[TestClient]:
    """The gateway, nobody signed in."""
    with gateway(database) as test_client:
        yield test_client


@pytest.fixture
def client(anonymous: TestClient) -> TestClient:
    """The gateway with the editor Ana Kovač signed in."""
    assert staff_seed.sign_in(anonymous, *LOGIN).status_code == 303
    return anonymous


@pytest.fixture
def admin(database: str) -> Iterator[TestClient]:
    """The gateway with the administrator signed in."""
    with gateway(database) as test_client:
        assert staff_seed.sign_in(test_client, *ADMIN).status_code == 303
        yield test_client
