"""The image's HEALTHCHECK: exit 0 when this container's role (ROLE) answers on loopback."""

from __future__ import annotations

import os
import sys
import urllib.request

from runtime.settings import Settings


def url(role: str, settings: Settings) -> str:
    if role == "rasa":
        return f"http://127.0.0.1:{settings.rasa_port}/"
    if role == "actions":
        return f"http://127.0.0.1:{settings.action_port}/health"
    return f"http://127.0.0.1:{settings.port}/healthz"  # gateway, or everything in one container


def main() -> None:
    try:
        with urllib.request.urlopen(url(os.environ.get("ROLE", "all"), Settings.from_env()), timeout=4) as response:
            sys.exit(0 if response.status == 200 else 1)
    except OSError:
        sys.exit(1)


if __name__ == "__main__":
    main()
