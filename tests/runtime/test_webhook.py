"""Several gateway replicas: the Telegram webhook is registered once by a one-shot role, not by each replica
at start, and retention runs from a scheduler, not in each replica. `make run` and compose are unchanged."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from runtime import retention
from runtime.role import command
from runtime.settings import Settings, SettingsError
from runtime.stack import free_port
from runtime.webhook import register
from tests.bot.fake_telegram import TOKEN, FakeTelegram, gateway_process, serving

URL = "https://pomocnik.example/telegram"
SECRET = "webhook-secret_123"


def test_the_one_shot_roles() -> None:
    settings = Settings(telegram_token=TOKEN, telegram_webhook_url=URL, telegram_webhook_secret=SECRET)
    assert command("register-webhook", settings)[1:] == ["-m", "runtime.webhook"]
    assert command("retention", Settings())[1:] == ["-m", "runtime.retention"]
    assert command("backup", Settings())[1:] == ["-m", "runtime.backup", "dump"]
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_URL"):
        command("register-webhook", Settings(telegram_token=TOKEN))  # fails at once, before Telegram is asked


def test_register_webhook_sets_it_once_with_the_secret() -> None:
    async def scenario() -> FakeTelegram:
        fake = FakeTelegram()
        settings = Settings(
            telegram_token=TOKEN,
            telegram_base_url=fake.base_url,
            telegram_webhook_url=URL,
            telegram_webhook_secret=SECRET,
        )
        async with serving(fake.app(), fake.port):
            await register(settings)
        return fake

    (call,) = asyncio.run(scenario()).sent("setWebhook")
    assert (call["url"], call["secret_token"]) == (URL, SECRET)
    # Telegram opens no more connections at once than a gateway reads updates at once (bot/telegram_webhook.py).
    assert int(call["max_connections"]) == Settings().max_in_flight
    assert "message" in call["allowed_updates"] and "callback_query" in call["allowed_updates"]


async def run_gateway(settings: Settings) -> None:
    """The gateway's serve() until it answers /healthz, against a Rasa that answers `/`."""
    rasa_port = free_port()
    rasa = Starlette(routes=[Route("/", lambda request: JSONResponse({"version": "3.6.21"}))])
    settings = replace(settings, rasa_url="", rasa_urls=(f"http://127.0.0.1:{rasa_port}",))
    async with serving(rasa, rasa_port), gateway_process(settings):
        await asyncio.sleep(0.2)  # the retention task, when there is one, has run by now


@pytest.mark.parametrize("single", [True, False], ids=["one-gateway", "replica"])
def test_a_replica_neither_registers_the_webhook_nor_runs_retention(
    single: bool, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    runs: list[Settings] = []
    monkeypatch.setattr(retention, "run", runs.append)
    fake = FakeTelegram()
    settings = Settings(
        port=free_port(),
        data_dir=str(tmp_path),
        telegram_token=TOKEN,
        telegram_base_url=fake.base_url,
        telegram_webhook_url=URL,
        telegram_webhook_secret=SECRET,
        telegram_webhook_register=single,
        retention_in_gateway=single,
    )

    async def scenario() -> None:
        async with serving(fake.app(), fake.port):
            await run_gateway(settings)

    asyncio.run(scenario())
    assert fake.sent("getMe")  # the replica did start its Telegram application
    assert len(fake.sent("setWebhook")) == (1 if single else 0)
    assert len(runs) == (1 if single else 0)
