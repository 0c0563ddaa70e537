"""The gateway's Prometheus metrics, and the server that gives them on METRICS_PORT.

Each is counted where its event happens (the turn in bot/conversation.py, refusals in bot/web.py and the
Telegram webhook, feedback in bot/feedback.py, publications in the staff area) through the small functions
below, so that names and labels are written once, here. Labels take a few known values each (channel,
language, outcome, endpoint, status, a Rasa URL from RASA_URLS): never a session, a sender or a text, which
would both leak what people write and grow without bound.

Served by prometheus_client's own HTTP server, in a thread, on a port of its own: not a route of the public
app, so /metrics never reaches the internet through the ingress or the TLS proxy (only Prometheus should
reach METRICS_PORT), and a scrape is answered even while the event loop is busy. What each alert made from
these means: docs/deploy.md, "Metrics and alerts"; the rules: deploy/prometheus/alerts.yml.
"""

from __future__ import annotations

from typing import Literal
from wsgiref.simple_server import WSGIServer

from prometheus_client import Counter, Gauge, Histogram, start_http_server
from prometheus_client.context_managers import Timer

from replies.languages import SERVED

# What became of a turn, as the person saw it. "not_understood": the fallback reply, or the polite note to a
# message in a language the assistant does not answer in (the question was not answered either way).
Outcome = Literal["answered", "not_understood", "danger", "staff_answer", "apology"]
OUTCOMES: tuple[Outcome, ...] = ("answered", "not_understood", "danger", "staff_answer", "apology")
# The sender id's prefix (bot/conversation.py: "tg:<chat>", "web:<session>") names the channel.
CHANNELS = {"web": "web", "tg": "telegram"}
LANGUAGES = SERVED
ENDPOINTS = ("chat", "feedback", "history", "telegram")
PUBLICATION_KINDS = ("publish", "withdraw", "restore")
# Seconds. A turn takes tens of milliseconds alone and a few hundred under load (docs/performance.md); the
# apology comes at RASA_TIMEOUT (20 s). The p95 alert's bound (2 s) is a bucket edge, so it is exact.
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0)

TURNS = Counter(
    "csd_gateway_turns", "Messages answered, by channel, the conversation's language and outcome",
    ["channel", "language", "outcome"],
)  # fmt: skip
TURN_SECONDS = Histogram(
    "csd_gateway_turn_seconds", "From a message reaching the gateway to its answer, failovers included",
    ["channel"], buckets=LATENCY_BUCKETS,
)  # fmt: skip
RASA_CALL_SECONDS = Histogram(
    "csd_gateway_rasa_call_seconds", "One message sent to one Rasa instance's webhook, until its answer or error",
    ["rasa"], buckets=LATENCY_BUCKETS,
)  # fmt: skip
FAILOVERS = Counter(
    "csd_gateway_failovers", "Messages passed to the next Rasa instance because this one failed", ["rasa"]
)
REFUSALS = Counter(
    "csd_gateway_refusals",
    "Requests answered 429 (too much from one source) or 503 (the gateway busy, Rasa or the database unreachable)",
    ["endpoint", "status"],
)
FEEDBACK = Counter("csd_gateway_feedback", "Feedback stored on answers, up or down", ["channel", "value"])
PUBLICATIONS = Counter(
    "csd_gateway_staff_publications", "Staff-answer publications made in this gateway's staff area", ["kind"]
)
LATEST_PUBLICATION = Gauge(
    "csd_gateway_staff_publication_timestamp_seconds",
    "When the newest publication made in this gateway process was published (absent until it makes one)",
)

# Every series the alerts divide or take a rate of exists from the start at 0: a series that first appears
# at 1 shows no increase to rate() and increase(), so the first apology would go unseen.
for _channel in CHANNELS.values():
    for _language in LANGUAGES:
        for _outcome in OUTCOMES:
            TURNS.labels(_channel, _language, _outcome)
    TURN_SECONDS.labels(_channel)
    for _value in ("up", "down"):
        FEEDBACK.labels(_channel, _value)
for _endpoint in ENDPOINTS:
    for _status in ("429", "503"):
        REFUSALS.labels(_endpoint, _status)
for _kind in PUBLICATION_KINDS:
    PUBLICATIONS.labels(_kind)


def channel_of(sender: str) -> str:
    """ "web" or "telegram" from a sender id; "other" for anything else (a test's)."""
    return CHANNELS.get(sender.split(":", 1)[0], "other")


def turn(sender: str, language: str, outcome: Outcome, seconds: float) -> None:
    """One message answered."""
    channel = channel_of(sender)
    TURNS.labels(channel, language, outcome).inc()
    TURN_SECONDS.labels(channel).observe(seconds)


def rasa_call(rasa_url: str) -> Timer:
    """Times one call to Rasa's webhook (`with metrics.rasa_call(url): …`), also when it fails."""
    return RASA_CALL_SECONDS.labels(rasa_url).time()


def failover(rasa_url: str) -> None:
    """The instance at `rasa_url` failed a message, and the next instance takes it."""
    FAILOVERS.labels(rasa_url).inc()


def refusal(endpoint: str, status: int) -> None:
    """A 429 or 503 answered on `endpoint` (chat, feedback, history, telegram)."""
    REFUSALS.labels(endpoint, str(status)).inc()


def feedback(sender: str, value: int) -> None:
    """👍 (+1) or 👎 (-1) stored."""
    FEEDBACK.labels(channel_of(sender), "up" if value > 0 else "down").inc()


def publication(kind: str, created_at: float) -> None:
    """The staff area made a publication of staff answers (publish, withdraw or restore)."""
    PUBLICATIONS.labels(kind).inc()
    LATEST_PUBLICATION.set(created_at)


def serve(host: str, port: int) -> WSGIServer:
    """The metrics on http://host:port/metrics, from a daemon thread (it ends with the process)."""
    server, _ = start_http_server(port, addr=host)
    return server
