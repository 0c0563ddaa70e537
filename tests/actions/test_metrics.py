"""The action server's metrics: staff-answer matches by language, and the age and id of the publication in use,
read from the live publication at each scrape; served on a port of their own."""

from __future__ import annotations

import math
import time

import httpx
from prometheus_client import REGISTRY

from actions import metrics, staff
from actions.actions import ActionFallback
from runtime.stack import free_port
from staff_answers.live import Live
from staff_answers.matching import Matcher
from staff_answers.store import EMPTY, AnswerStore
from tests.actions.test_actions import run
from tests.actions.test_staff_answers import published  # noqa: F401  (a fixture)


def matches(language: str) -> float:
    return REGISTRY.get_sample_value("csd_actions_staff_matches_total", {"language": language}) or 0.0


def test_a_staff_answer_given_is_counted_and_a_miss_is_not(published: AnswerStore) -> None:  # noqa: F811
    before = matches("sl")
    run(ActionFallback(), "Kako dobim dodatek za veliko družino?", "nlu_fallback")
    assert matches("sl") == before + 1
    run(ActionFallback(), "Koliko je ura na Marsu?", "nlu_fallback")
    assert matches("sl") == before + 1


def test_the_age_of_the_publication_in_use_and_infinity_without_one(published: AnswerStore) -> None:  # noqa: F811
    assert metrics.age(EMPTY) == math.inf  # never reached the database: older than any publication
    live = staff.live_answers()
    metrics.watch_publication(live.current)
    try:
        publication = live.current().publication
        assert publication.id >= 1
        assert REGISTRY.get_sample_value("csd_actions_staff_publication_id") == publication.id
        age = REGISTRY.get_sample_value("csd_actions_staff_publication_age_seconds")
    finally:  # the test's store closes after it
        metrics.watch_publication(lambda: Live(EMPTY, Matcher([])))
    assert 0 <= age <= time.time() - publication.created_at + 1
    assert metrics.age(publication, now=publication.created_at + 90) == 90


def test_the_metrics_server_serves_them_on_its_own_port() -> None:
    port = free_port()
    server = metrics.serve("127.0.0.1", port)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5.0).text
    finally:
        server.shutdown()
        server.server_close()
    assert 'csd_actions_staff_matches_total{language="it"}' in page
