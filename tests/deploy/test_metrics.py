"""The metrics of the running assistant, read as Prometheus reads them after a few turns: the production shape
(tests/deploy/conftest.py: PostgreSQL, Redis, Telegram against the fake Bot API), the gateway's and the action
server's metrics ports scraped before and after web and Telegram turns in two languages, a cry for help, a
message not understood, and a staff answer published meanwhile. The public ports serve no metrics."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
from prometheus_client.parser import text_string_to_metric_families

from knowledge import load_knowledge_base
from staff_answers.entries import read_bulk
from staff_answers.store import AnswerStore
from tests.deploy.conftest import GuardedStack
from tests.deploy.pace import publication_bound
from tests.deploy.test_staff_answers_end_to_end import ENTRIES

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
# Until the staff publish an answer to it, not understood, or taken for a question about the centre's work.
STAFF_QUESTION = "dodatek za veliko družino"
STAFF_MARKER = "TESTNI ODGOVOR dodatek za veliko družino"


def scrape(port: int) -> Samples:
    page = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10.0)
    assert page.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(page.text)
        for sample in family.samples
    }


def moved(before: Samples, after: Samples, name: str, **labels: str) -> float:
    """How much one series grew between two scrapes."""
    key = (name, frozenset(labels.items()))
    return after.get(key, 0.0) - before.get(key, 0.0)


def chat(guarded: GuardedStack, session: str, text: str) -> str:
    reply = httpx.post(
        f"{guarded.settings.gateway_url}/api/chat", json={"session": session, "text": text}, timeout=60.0
    )
    assert reply.status_code == 200, reply.text
    return "\n".join(message["text"] for message in reply.json()["messages"])


def telegram(guarded: GuardedStack, text: str) -> str:
    before = len(guarded.telegram.sent())
    guarded.telegram_loop.call_soon_threadsafe(guarded.telegram.push, "message", guarded.telegram.message(text))
    waiting = guarded.telegram.wait_for(before + 1, timeout=60.0)
    return asyncio.run_coroutine_threadsafe(waiting, guarded.telegram_loop).result()[-1]["text"]


def eventually(check: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds:.0f} s"
        time.sleep(0.5)


def test_the_metrics_move_with_the_turns_and_stay_off_the_public_ports(guarded_stack: GuardedStack) -> None:
    settings = guarded_stack.settings
    gateway_before = scrape(settings.metrics_port)
    actions_before = scrape(settings.action_metrics_port)

    assert chat(guarded_stack, "metrics-1", "Katere občine pokriva interventna služba?").startswith(
        "Regijska interventna služba pokriva občine Koper, Izola in Piran."
    )
    assert chat(guarded_stack, "metrics-1", "Il servizio di intervento copre anche Isola?")
    assert "112" in chat(guarded_stack, "metrics-2", "mož me spet tepe, kaj naj naredim")
    before_publication = chat(guarded_stack, "metrics-3", STAFF_QUESTION)
    assert STAFF_MARKER not in before_publication
    understood = not before_publication.startswith(load_knowledge_base().reply("fallback").text)
    assert telegram(guarded_stack, "Kaj izvajate za Izolo?").startswith("Za Izolo CSD Koper izvaja")

    # The staff publish an answer (as the staff area does, into the shared database); the action server
    # takes it within seconds, and its metrics say which publication it answers from.
    store = AnswerStore(settings.tracker_store_url)
    entry = next(e for e in read_bulk(ENTRIES.read_text(encoding="utf-8")) if e.id == "velika-druzina")
    limit = publication_bound([entry])  # this machine's pace now (tests/deploy/pace.py)
    published_at = time.time()
    _, publication = store.import_entries([entry], "uvoz", publish_as="uvoz")
    assert publication is not None
    try:
        in_use = ("csd_actions_staff_publication_id", frozenset())
        eventually(lambda: scrape(settings.action_metrics_port).get(in_use) == publication.id, limit)
        assert STAFF_MARKER in chat(guarded_stack, "metrics-4", STAFF_QUESTION)
    finally:  # the package's other tests answer without it
        store.withdraw("uvoz", entry.id)
        store.close()

    gateway, actions = scrape(settings.metrics_port), scrape(settings.action_metrics_port)
    turns = "csd_gateway_turns_total"
    assert moved(gateway_before, gateway, turns, channel="web", language="sl", outcome="answered") == 1 + understood
    assert moved(gateway_before, gateway, turns, channel="web", language="it", outcome="answered") == 1
    assert moved(gateway_before, gateway, turns, channel="web", language="sl", outcome="danger") == 1
    assert (
        moved(gateway_before, gateway, turns, channel="web", language="sl", outcome="not_understood") == 1 - understood
    )
    assert moved(gateway_before, gateway, turns, channel="web", language="sl", outcome="staff_answer") == 1
    assert moved(gateway_before, gateway, turns, channel="telegram", language="sl", outcome="answered") == 1
    assert moved(gateway_before, gateway, turns, channel="web", language="sl", outcome="apology") == 0
    assert moved(gateway_before, gateway, "csd_gateway_turn_seconds_count", channel="web") == 5
    assert moved(gateway_before, gateway, "csd_gateway_turn_seconds_count", channel="telegram") == 1
    (rasa,) = guarded_stack.stack.rasa_urls  # the stack's one Rasa instance, as the gateway names it
    assert moved(gateway_before, gateway, "csd_gateway_rasa_call_seconds_count", rasa=rasa) == 6
    assert moved(actions_before, actions, "csd_actions_staff_matches_total", language="sl") == 1
    age = actions[("csd_actions_staff_publication_age_seconds", frozenset())]
    # The publication in use (the import, or the withdrawal after it) was made in this test: not older.
    assert 0 <= age <= time.time() - published_at + 1.0  # + 1 s: the metric's clock is read apart from ours

    # Not on the servers' own ports (rasa_sdk answers an unknown path with 500, the gateway with 404).
    for public in (settings.gateway_url, f"http://127.0.0.1:{settings.action_port}"):
        response = httpx.get(f"{public}/metrics", timeout=10.0)
        assert response.status_code in (404, 500) and "csd_" not in response.text, public
