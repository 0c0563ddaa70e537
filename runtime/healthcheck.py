"""Health checks of this container's role (ROLE), on loopback: exit 0 when it answers.

    python -m runtime.healthcheck           alive: the role's server answers (the image's HEALTHCHECK)
    python -m runtime.healthcheck --ready   ready: it does its real work (Kubernetes' readiness and
                                            startup probes of Rasa)

Rasa's `/` answers as soon as its HTTP server runs, before the model is loaded, and messages sent then get
no reply; ready means the loaded model parses a message (POST /model/parse, with RASA_TOKEN). The parse
touches neither the tracker store nor the action server, so a probe stores nothing and a database or
action server outage does not take every Rasa out of service (each has its own fail-safe answer).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from urllib.parse import quote

from runtime.settings import Settings

TIMEOUT_SECONDS = 4
PROBE_TEXT = "dober dan"


def url(role: str, settings: Settings) -> str:
    if role == "rasa":
        return f"http://127.0.0.1:{settings.rasa_port}/"
    if role == "actions":
        return f"http://127.0.0.1:{settings.action_port}/health"
    return f"http://127.0.0.1:{settings.port}/healthz"  # gateway, or everything in one container


def alive(role: str, settings: Settings) -> bool:
    with urllib.request.urlopen(url(role, settings), timeout=TIMEOUT_SECONDS) as response:
        return response.status == 200


def rasa_parses(settings: Settings) -> bool:
    """Whether Rasa's loaded model classifies a message (409 before a model is loaded, 401 without the token)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.rasa_port}/model/parse?token={quote(settings.rasa_token)}",
        data=json.dumps({"text": PROBE_TEXT}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        parsed = json.load(response)
    return response.status == 200 and bool((parsed.get("intent") or {}).get("name"))


def ready(role: str, settings: Settings) -> bool:
    return rasa_parses(settings) if role == "rasa" else alive(role, settings)


def main() -> None:
    role = os.environ.get("ROLE", "all")
    check = ready if "--ready" in sys.argv[1:] else alive
    try:
        sys.exit(0 if check(role, Settings.from_env()) else 1)
    except (OSError, ValueError):  # refused, timed out, an HTTP error status, or no JSON
        sys.exit(1)


if __name__ == "__main__":
    main()
