"""The whole assistant as in production, with a secret in every place one goes: PostgreSQL with a
password, Redis with a password, Rasa's token and a Telegram token (against the fake Bot API server).
Started once for the fault and log tests, which look at what its processes wrote."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from runtime.settings import Settings
from runtime.stack import Stack, free_port
from tests.bot.fake_telegram import TOKEN, FakeTelegram, serving_in_a_thread
from tests.deploy.servers import PostgresServer, RedisServer, postgres, redis_server


@dataclass
class GuardedStack:
    stack: Stack
    database: PostgresServer
    lock_store: RedisServer
    telegram: FakeTelegram
    telegram_loop: asyncio.AbstractEventLoop  # the fake Bot API server's, in a thread of its own
    log_dir: Path
    secrets: dict[str, str]

    @property
    def settings(self) -> Settings:
        return self.stack.settings


@pytest.fixture(scope="package")
def guarded_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GuardedStack]:
    folder = tmp_path_factory.mktemp("guarded")
    kept = {
        "PostgreSQL password": f"pg-{secrets.token_hex(12)}",
        "Redis password": f"redis-{secrets.token_hex(12)}",
        "Rasa token": f"rasa-{secrets.token_hex(12)}",
        "Telegram token": TOKEN,
    }
    telegram = FakeTelegram()
    with (
        postgres(kept["PostgreSQL password"]) as database,
        redis_server(kept["Redis password"]) as lock_store,
        serving_in_a_thread(telegram) as telegram_loop,
    ):
        settings = Settings(
            rasa_port=free_port(), action_port=free_port(), port=free_port(), rasa_timeout=10.0,
            messages_per_minute=1000, tracker_store_url=database.url, lock_store_url=lock_store.url,
            requests_per_minute_per_address=100_000, max_in_flight_per_address=100,
            rasa_token=kept["Rasa token"], telegram_token=TOKEN, telegram_base_url=telegram.base_url,
            data_dir=str(folder / "data"), log_level="INFO",
            metrics_port=free_port(), action_metrics_port=free_port(),  # read by test_metrics.py
        )  # fmt: skip
        log_dir = folder / "logs"
        with Stack(settings, log_dir=log_dir) as stack:
            yield GuardedStack(stack, database, lock_store, telegram, telegram_loop, log_dir, kept)
