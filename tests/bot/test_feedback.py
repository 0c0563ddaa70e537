"""Feedback on answers: the storage module on SQLite and a real PostgreSQL, against events as Rasa's
tracker store writes them; the chat API's feedback endpoint in front of the real assistant."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from starlette.testclient import TestClient

from bot.conversation import Assistant
from bot.feedback import FeedbackStore, Outcome
from bot.web import create_app
from knowledge import load_knowledge_base
from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import free_port
from runtime.tracker_store import LeanSQLTrackerStore
from storage.tables import FEEDBACK

DOMAIN = Domain.load(ROOT / "domain.yml")
ANSWER = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"


def save_turn(url: str, sender: str, answer_id: str, at: float) -> None:
    """One answered question in `sender`'s conversation, stored by the tracker store Rasa runs with."""
    store = LeanSQLTrackerStore(DOMAIN, host=url)
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
    for event in (
        UserUttered("Ali interventna služba pokriva Izolo?", timestamp=at),
        ActionExecuted("action_answer_coverage", timestamp=at + 0.1),
        BotUttered("Da, …", timestamp=at + 0.2),
        BotUttered(data={"custom": {"language": "sl", "answer_id": answer_id}}, timestamp=at + 0.3),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    store.engine.dispose()


def stored(url: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(sa.select(FEEDBACK).order_by(FEEDBACK.c.id))]
    finally:
        engine.dispose()


@pytest.fixture
def url(empty_tracker_store: str) -> str:
    return empty_tracker_store


def test_feedback_is_stored_once_per_answer_of_the_sender_s_own_conversation(url: str) -> None:
    store = FeedbackStore(url)
    assert store.record("web:ana", ANSWER, 1) is Outcome.UNKNOWN_ANSWER  # Rasa has stored nothing yet
    save_turn(url, "web:ana", ANSWER, 1000.0)
    save_turn(url, "web:ana", OTHER, 2000.0)
    assert store.record("web:bojan", ANSWER, 1) is Outcome.UNKNOWN_ANSWER  # another sender's answer
    assert store.record("web:ana", "f" * 32, 1) is Outcome.UNKNOWN_ANSWER
    assert store.record("web:ana", ANSWER, -1, now=5000.0) is Outcome.STORED
    assert store.record("web:ana", ANSWER, 1) is Outcome.ALREADY_GIVEN
    assert asyncio.run(store.give("web:ana", OTHER, 1)) is Outcome.STORED
    with pytest.raises(ValueError):
        store.record("web:ana", OTHER, 2)
    store.close()
    rows = stored(url)
    assert [(r["sender_id"], r["answered_at"], r["value"]) for r in rows] == [
        ("web:ana", 1000.2, -1),  # the timestamp of the answer's last `bot` event with text, as Rasa stored it
        ("web:ana", 2000.2, 1),
    ]
    assert rows[0]["created_at"] == 5000.0


def test_answered_at_names_the_stored_event_exactly(url: str) -> None:
    save_turn(url, "tg:42", ANSWER, 1732712345.123456)
    store = FeedbackStore(url)
    assert store.record("tg:42", ANSWER, 1) is Outcome.STORED
    store.close()
    engine = sa.create_engine(url)
    with engine.connect() as connection:  # how the staff area finds the answer again: an equality join
        (data,) = connection.execute(
            sa.text(
                "SELECT e.data FROM feedback f JOIN events e"
                " ON e.sender_id = f.sender_id AND e.timestamp = f.answered_at AND e.type_name = 'bot'"
            )
        ).one()
    engine.dispose()
    assert json.loads(data)["text"] == "Da, …"


# --- the chat API, in front of the real assistant --------------------------------------------------


def chat(settings: Settings, session: str, **body: Any) -> dict[str, Any]:
    response = httpx.post(f"{settings.gateway_url}/api/chat", json={"session": session, **body}, timeout=30.0)
    assert response.status_code == 200
    return response.json()


def feedback(settings: Settings, body: Any) -> httpx.Response:
    return httpx.post(f"{settings.gateway_url}/api/feedback", json=body, timeout=30.0)


def test_an_answer_is_rated_once_and_lands_beside_its_question(assistant_stack) -> None:
    assert "answer_id" not in chat(assistant_stack, "fb-1", payload="/greet")  # nothing to rate in a greeting
    answer = chat(assistant_stack, "fb-1", text="Ali interventna služba pokriva Izolo?")
    answer_id = answer["answer_id"]
    assert answer["messages"][0]["text"].startswith("Da, regijska interventna služba pokriva tudi Izolo.")

    given = feedback(assistant_stack, {"session": "fb-1", "answer_id": answer_id, "value": "up"})
    assert (given.status_code, given.json()) == (200, {"status": "stored"})
    again = feedback(assistant_stack, {"session": "fb-1", "answer_id": answer_id, "value": "down"})
    assert again.status_code == 409 and "already" in again.json()["error"]

    url = tracker_store_url(assistant_stack, ROOT)
    (row,) = [r for r in stored(url) if r["sender_id"] == "web:fb-1"]
    assert row["value"] == 1
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        events = connection.execute(
            sa.text("SELECT type_name, timestamp, data FROM events WHERE sender_id = 'web:fb-1' ORDER BY id")
        ).fetchall()
    engine.dispose()
    marker = next(i for i, e in enumerate(events) if answer_id in e.data)  # the custom message with the id
    rated = max(i for i, e in enumerate(events[:marker]) if e.type_name == "bot" and json.loads(e.data)["text"])
    assert events[rated].timestamp == row["answered_at"]  # the answer's last message with text
    assert json.loads(events[rated].data)["text"].startswith("Da, regijska interventna služba pokriva tudi Izolo.")
    question = next(e for e in reversed(events[:rated]) if e.type_name == "user")
    assert json.loads(question.data)["text"] == "Ali interventna služba pokriva Izolo?"


def test_another_session_s_or_an_unknown_answer_is_not_found(assistant_stack) -> None:
    answer_id = chat(assistant_stack, "fb-2", text="Kaj izvajate za Pivko?")["answer_id"]
    chat(assistant_stack, "fb-3", text="Kaj izvajate za Pivko?")
    stranger = feedback(assistant_stack, {"session": "fb-3", "answer_id": answer_id, "value": "down"})
    assert stranger.status_code == 404 and "no such answer" in stranger.json()["error"]
    unknown = feedback(assistant_stack, {"session": "fb-2", "answer_id": "a" * 32, "value": "down"})
    assert unknown.status_code == 404
    assert feedback(assistant_stack, {"session": "fb-2", "answer_id": answer_id, "value": "down"}).status_code == 200


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"answer_id": ANSWER, "value": "up"}, "`session`"),
        ({"session": "a b", "answer_id": ANSWER, "value": "up"}, "`session`"),
        ({"session": "fb-4", "value": "up"}, "`answer_id`"),
        ({"session": "fb-4", "answer_id": "../../x", "value": "up"}, "`answer_id`"),
        ({"session": "fb-4", "answer_id": 5, "value": "up"}, "`answer_id`"),
        ({"session": "fb-4", "answer_id": ANSWER}, "`value`"),
        ({"session": "fb-4", "answer_id": ANSWER, "value": 1}, "`value`"),
        ({"session": "fb-4", "answer_id": ANSWER, "value": "+1"}, "`value`"),
        ({"session": "fb-4", "answer_id": ANSWER, "value": ["up"]}, "`value`"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_feedback_gets_a_clear_400(assistant_stack, body: Any, error: str) -> None:
    response = feedback(assistant_stack, body)
    assert response.status_code == 400 and error in response.json()["error"]


def in_process_app(store: FeedbackStore | None, **options: Any) -> TestClient:
    assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, load_knowledge_base())
    return TestClient(create_app(assistant, feedback_store=store, **options))


def test_feedback_is_rate_limited_per_session(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    with in_process_app(FeedbackStore(url), messages_per_minute=2) as client:
        statuses = [client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"}).status_code
                    for _ in range(3)]  # fmt: skip
        other = client.post("/api/feedback", json={"session": "t", "answer_id": ANSWER, "value": "up"})
    assert statuses == [404, 404, 429] and other.status_code == 404


def test_a_database_that_cannot_be_reached_gives_503_not_500(tmp_path: Path) -> None:
    broken = FeedbackStore(f"sqlite:///{tmp_path / 'no-such-folder' / 'tracker.db'}")
    with in_process_app(broken) as client:
        response = client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"})
    assert response.status_code == 503 and "cannot be stored" in response.json()["error"]
    with in_process_app(None) as client:
        response = client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"})
    assert response.status_code == 503
