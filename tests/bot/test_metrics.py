"""The gateway's metrics, counted where each event happens: a turn's outcome with its channel and language,
Rasa's latency and failovers, refusals, feedback; and the metrics server on a port of its own. Against fake
Rasa instances in this process (the real stack: tests/deploy/test_metrics.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from prometheus_client import REGISTRY
from starlette.testclient import TestClient

from bot import metrics
from bot.conversation import Answer, Assistant
from bot.feedback import FeedbackStore, Outcome
from bot.web import create_app
from knowledge import load_knowledge_base
from replies import answers
from runtime.stack import free_port
from tests.bot.fake_rasa import scripted_rasa
from tests.bot.test_feedback import ANSWER, save_turn

KB = load_knowledge_base()
IT = load_knowledge_base(language="it")
FALLBACK = answers.canned(KB, "fallback").text  # with the centre's contact details after it


def value(name: str, **labels: str) -> float:
    """A sample of this process's metrics (0 when it has none yet)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def turns(channel: str, language: str, outcome: str) -> float:
    return value("csd_gateway_turns_total", channel=channel, language=language, outcome=outcome)


def answered(messages: list[dict], text: str, sender: str = "web:metrics") -> Answer:
    """The Answer to `text` when Rasa answers every message with `messages`."""

    async def run() -> Answer:
        async with scripted_rasa(messages) as url:
            assistant = Assistant([url], 5.0, KB)
            try:
                return await assistant.ask(sender, text)
            finally:
                await assistant.close()

    return asyncio.run(run())


def test_every_label_the_alerts_use_exists_before_it_happens() -> None:
    # rate() sees no increase in a series that first appears at 1: the first apology would be missed.
    assert REGISTRY.get_sample_value(
        "csd_gateway_turns_total", {"channel": "telegram", "language": "it", "outcome": "apology"}
    ) is not None  # fmt: skip
    assert REGISTRY.get_sample_value("csd_gateway_refusals_total", {"endpoint": "chat", "status": "503"}) is not None


def test_each_outcome_is_counted_with_its_channel_and_language() -> None:
    cases = [
        ([{"text": "Da, pokriva."}, {"custom": {"language": "sl", "answer_id": ANSWER}}], "answered"),
        ([{"text": FALLBACK}, {"custom": {"language": "sl"}}], "not_understood"),
        ([{"text": "112"}, {"custom": {"language": "sl", "emergency": True}}], "danger"),
        ([{"text": "Vlogo oddate …"}, {"custom": {"language": "sl", "staff_answer": "otroski-dodatek"}}],
         "staff_answer"),
    ]  # fmt: skip
    for messages, outcome in cases:
        before = turns("telegram", "sl", outcome)
        assert answered(messages, "Ali interventna služba pokriva Izolo?", sender="tg:42").outcome == outcome
        assert turns("telegram", "sl", outcome) == before + 1, outcome


def test_danger_words_the_gateway_found_count_as_danger_whatever_rasa_said() -> None:
    before = turns("web", "it", "danger")
    answer = answered([{"text": IT.reply("help").text}, {"custom": {"language": "it"}}], "aiuto, mi picchia")
    assert answer.outcome == "danger" and turns("web", "it", "danger") == before + 1


def test_the_apology_and_the_latency_of_a_turn_when_rasa_is_down() -> None:
    before, seconds = turns("web", "it", "apology"), value("csd_gateway_turn_seconds_count", channel="web")

    async def run() -> Answer:
        assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, KB)
        try:
            return await assistant.ask("web:metrics", "Pirano?", "it")
        finally:
            await assistant.close()

    assert asyncio.run(run()).outcome == "apology"
    assert turns("web", "it", "apology") == before + 1
    assert value("csd_gateway_turn_seconds_count", channel="web") == seconds + 1


def test_a_failover_is_counted_against_the_instance_that_failed_and_each_call_is_timed() -> None:
    dead = f"http://127.0.0.1:{free_port()}"

    async def run() -> tuple[str, Answer]:
        async with scripted_rasa([{"text": "ok"}]) as alive:
            assistant = Assistant([dead, alive], 5.0, KB)
            sender = next(f"web:{n}" for n in range(100) if assistant.instances_for(f"web:{n}")[0] == dead)
            try:
                return alive, await assistant.ask(sender, "Ali interventna služba pokriva Izolo?")
            finally:
                await assistant.close()

    failovers = value("csd_gateway_failovers_total", rasa=dead)
    alive, answer = asyncio.run(run())
    assert answer.replies[0].text == "ok"
    assert value("csd_gateway_failovers_total", rasa=dead) == failovers + 1
    assert value("csd_gateway_failovers_total", rasa=alive) == 0
    assert value("csd_gateway_rasa_call_seconds_count", rasa=dead) >= 1  # a failed call is timed too
    assert value("csd_gateway_rasa_call_seconds_count", rasa=alive) == 1


def test_refusals_are_counted_by_endpoint_and_status(tmp_path: Path) -> None:
    chat_429 = value("csd_gateway_refusals_total", endpoint="chat", status="429")
    feedback_503 = value("csd_gateway_refusals_total", endpoint="feedback", status="503")
    broken = FeedbackStore(f"sqlite:///{tmp_path / 'no-such-folder' / 'tracker.db'}")
    assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, KB)
    with TestClient(create_app(assistant, messages_per_minute=1, feedback_store=broken)) as client:
        codes = [client.post("/api/chat", json={"session": "s", "text": "zivjo"}).status_code for _ in range(2)]
        stored = client.post("/api/feedback", json={"session": "s", "answer_id": ANSWER, "value": "up"})
    assert codes == [200, 429] and stored.status_code == 503
    assert value("csd_gateway_refusals_total", endpoint="chat", status="429") == chat_429 + 1
    assert value("csd_gateway_refusals_total", endpoint="feedback", status="503") == feedback_503 + 1


def test_feedback_is_counted_once_per_answer_as_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    save_turn(url, "tg:7", ANSWER, 1_700_000_000.0)
    store = FeedbackStore(url)
    before = value("csd_gateway_feedback_total", channel="telegram", value="down")
    outcomes = [asyncio.run(store.give("tg:7", ANSWER, -1)) for _ in range(2)]
    store.close()
    assert outcomes == [Outcome.STORED, Outcome.ALREADY_GIVEN]
    assert value("csd_gateway_feedback_total", channel="telegram", value="down") == before + 1


def test_the_metrics_server_serves_them_on_its_own_port() -> None:
    port = free_port()
    server = metrics.serve("127.0.0.1", port)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5.0)
    finally:
        server.shutdown()
        server.server_close()
    assert page.status_code == 200
    assert 'csd_gateway_turns_total{channel="web",language="sl",outcome="answered"}' in page.text
    assert "csd_gateway_turn_seconds_bucket" in page.text
