"""The production shape on this machine with real servers: two Rasa instances sharing a PostgreSQL
tracker store, a Redis lock store, the action server and the gateway in front of them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from bot.conversation import Assistant
from knowledge import load_knowledge_base
from runtime.settings import Settings
from runtime.stack import ROOT, Stack, free_port
from tests.deploy.servers import postgres, redis

CONVERSATIONS = 50
# (message, how the reply must begin): a task, then follow-ups with places, then another task.
TURNS = [
    ("Katere občine pokriva interventna služba?", "Regijska interventna služba pokriva občine Koper, Izola in Piran."),
    ("kaj pa sezana", "Ne, regijska interventna služba ne pokriva Sežane."),
    ("pa piran?", "Da, regijska interventna služba pokriva tudi Piran."),
    ("Kaj pa pomoč na domu?", "Da, regijski center za pomoč na domu pokriva tudi Piran."),
]


async def converse(client: httpx.AsyncClient, session: str, turns: list[tuple[str, str]]) -> list[str]:
    """One conversation, turn after turn; the problems found, none when every reply is right."""
    problems = []
    for text, expected in turns:
        response = await client.post("/api/chat", json={"session": session, "text": text})
        reply = (
            response.json()["messages"][0]["text"] if response.status_code == 200 else f"HTTP {response.status_code}"
        )
        if not reply.startswith(expected):
            problems.append(f"{session}: {text!r} -> {reply[:80]!r}")
    return problems


async def many(gateway_url: str, sessions: list[str], turns: list[tuple[str, str]]) -> list[str]:
    async with httpx.AsyncClient(base_url=gateway_url, timeout=60.0) as client:
        results = await asyncio.gather(*(converse(client, session, turns) for session in sessions))
    return [problem for problems in results for problem in problems]


def production_settings(tracker: str, lock: str, data_dir: Path) -> Settings:
    return Settings(
        action_port=free_port(), port=free_port(), rasa_timeout=60.0, messages_per_minute=1000,
        requests_per_minute_per_address=100_000, max_in_flight=1000, max_in_flight_per_address=1000,
        tracker_store_url=tracker, lock_store_url=lock, data_dir=str(data_dir),
    )  # fmt: skip


def test_two_instances_with_postgresql_and_redis(tmp_path: Path) -> None:
    with postgres() as database, redis() as lock:
        tracker = database.url
        settings = production_settings(tracker, lock, tmp_path / "data")
        ports = (free_port(), free_port())
        sessions = [f"load-{n}" for n in range(CONVERSATIONS)]
        with Stack(settings, log_dir=tmp_path / "logs", rasa_ports=ports) as stack:
            # 50 concurrent conversations of several turns: every message answered, in order, in context.
            assert asyncio.run(many(settings.gateway_url, sessions, TURNS[:3])) == []

            # One instance stops: its conversations go on on the other, with their history.
            router = Assistant(stack.rasa_urls, 1.0, load_knowledge_base())
            on_first = [s for s in sessions if router.instances_for(f"web:{s}")[0] == stack.rasa_urls[0]]
            assert 0 < len(on_first) < CONVERSATIONS  # the hash spreads conversations over both
            stack.stop_process("rasa-0")
            assert asyncio.run(many(settings.gateway_url, on_first, TURNS[3:])) == []

        # Everything restarts: a conversation continues where it was.
        with Stack(settings, log_dir=tmp_path / "logs", rasa_ports=ports):
            follow_up = [("in interventna služba?", "Da, regijska interventna služba pokriva tudi Piran.")]
            assert asyncio.run(many(settings.gateway_url, sessions[:5], follow_up)) == []


def test_the_embedded_default_keeps_conversations_across_a_restart(tmp_path: Path) -> None:
    settings = Settings(
        rasa_port=free_port(), action_port=free_port(), port=free_port(), data_dir=str(tmp_path / "data")
    )
    with Stack(settings, log_dir=tmp_path / "logs"):
        assert asyncio.run(many(settings.gateway_url, ["restart-me"], TURNS[:1])) == []
    assert (tmp_path / "data" / "tracker.db").exists()
    with Stack(settings, log_dir=tmp_path / "logs"):
        assert asyncio.run(many(settings.gateway_url, ["restart-me"], TURNS[1:2])) == []


def test_endpoints_follow_the_settings(tmp_path: Path) -> None:
    from runtime.endpoints import LOCK_STORE, TRACKER_STORE, endpoints

    default = endpoints(Settings(data_dir=str(tmp_path)), ROOT)
    assert default["tracker_store"] == {"type": TRACKER_STORE, "url": f"sqlite:///{tmp_path / 'tracker.db'}"}
    assert "lock_store" not in default
    production = endpoints(
        Settings(
            tracker_store_url="postgresql://rasa:geslo@db:5432/rasa", lock_store_url="redis://:skrivno@redis:6380/2"
        ),
        ROOT,
    )
    assert production["tracker_store"]["url"] == "postgresql://rasa:geslo@db:5432/rasa"
    assert production["lock_store"] == {
        "type": LOCK_STORE,
        "url": "redis",
        "port": 6380,
        "db": 2,
        "password": "skrivno",
    }
