"""The action server: rasa_sdk's own, with the project's metrics beside it on ACTION_METRICS_PORT.

    python -m actions --actions actions --port 5055      (rasa_sdk's arguments; runtime/role.py)

The metrics are served from a thread of this process, on the action server's own interface (SANIC_HOST, as
rasa_sdk reads it). rasa_sdk's Sanic runs one worker, in this process (ACTION_SERVER_SANIC_WORKERS unset: scale
with replicas instead), so the counters the actions move are the ones served.
"""

from __future__ import annotations

import os
import sys

from rasa_sdk.__main__ import main as run_action_server

from actions import metrics
from actions.staff import live_answers
from runtime.settings import Settings, SettingsError


def main() -> None:
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        sys.exit(f"actions: {error}")
    if settings.action_metrics_port:
        # The first scrape also starts the polling for publications, if no turn has: an idle action server
        # follows the staff's publications too, and its metrics say which one it has.
        metrics.watch_publication(lambda: live_answers().current())
        metrics.serve(os.environ.get("SANIC_HOST", "0.0.0.0"), settings.action_metrics_port)
    run_action_server()


if __name__ == "__main__":
    main()
