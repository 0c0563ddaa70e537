"""The action server's Prometheus metrics, served on ACTION_METRICS_PORT (actions/__main__.py starts it).

- Staff-answer matches, by the conversation's language, counted where an answer is taken from the staff's
  (actions.actions.answer_from_staff).
- The staff publication this action server answers from (staff_answers/live.py): its age and its id, read at
  each scrape. Every action server picks up a new publication within seconds; one whose publication stays
  older than the newest the staff made (the gateway's csd_gateway_staff_publication_timestamp_seconds) did
  not get it: the alert StaffPublicationNotReached (deploy/prometheus/alerts.yml).

The labels take a few known values: never a text or an entry's words.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from wsgiref.simple_server import WSGIServer

from prometheus_client import Counter, Gauge, start_http_server

from replies.languages import SERVED
from staff_answers.live import Live
from staff_answers.store import Publication

STAFF_MATCHES = Counter(
    "csd_actions_staff_matches", "Messages answered with a published staff answer, by language", ["language"]
)
PUBLICATION_AGE = Gauge(
    "csd_actions_staff_publication_age_seconds",
    "Seconds since the staff publication this action server answers from was published; +Inf while it has none",
)
PUBLICATION_ID = Gauge(
    "csd_actions_staff_publication_id", "The staff publication this action server answers from (0: none)"
)
for _language in SERVED:  # from 0, so that rate() sees the first match
    STAFF_MATCHES.labels(_language)


def staff_match(language: str) -> None:
    """A message was answered with a staff answer."""
    STAFF_MATCHES.labels(language).inc()


def age(publication: Publication, now: float | None = None) -> float:
    """Seconds since `publication` was published; infinite for none (the empty one, id 0): an action server
    that never reached the database is older than any publication."""
    if not publication.id:
        return math.inf
    return max(0.0, (time.time() if now is None else now) - publication.created_at)


def watch_publication(live: Callable[[], Live]) -> None:
    """Report the publication `live()` answers from at each scrape."""
    PUBLICATION_AGE.set_function(lambda: age(live().publication))
    PUBLICATION_ID.set_function(lambda: live().id)


def serve(host: str, port: int) -> WSGIServer:
    """The metrics on http://host:port/metrics, from a daemon thread (it ends with the process)."""
    server, _ = start_http_server(port, addr=host)
    return server
