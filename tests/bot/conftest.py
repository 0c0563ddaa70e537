"""The whole assistant (Rasa with the trained model, the action server, the gateway) on free
loopback ports, started once for the gateway's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from tools.stack import ROOT, Stack, free_port


@pytest.fixture(scope="session")
def assistant_stack() -> Iterator[Settings]:
    settings = Settings(rasa_port=free_port(), action_port=free_port(), port=free_port(), rasa_timeout=30.0)
    with Stack(settings, log_dir=Path(ROOT) / "var" / "log" / "tests"):
        yield settings
