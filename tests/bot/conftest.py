"""The whole assistant (Rasa with the trained model, the action server, the gateway) on free
loopback ports, started once for the gateway's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.settings import Settings
from runtime.stack import ROOT, Stack, free_port


@pytest.fixture(scope="session")
def assistant_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    data_dir = str(tmp_path_factory.mktemp("assistant-data"))  # a tracker store of the tests' own
    settings = Settings(
        rasa_port=free_port(), action_port=free_port(), port=free_port(), rasa_timeout=30.0, data_dir=data_dir,
        requests_per_minute_per_address=100_000, max_in_flight_per_address=100,  # every test from one address
        messages_per_minute=1000,  # a long conversation within a minute (the limit's own tests: test_web, in process)
    )  # fmt: skip
    with Stack(settings, log_dir=Path(ROOT) / "var" / "log" / "tests"):
        yield settings
