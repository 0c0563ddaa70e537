"""The whole assistant (Rasa with the trained model, the action server, the gateway) on free
loopback ports, started once for the gateway's tests; for the widget's browser tests, headless Chromium and
the real gateway in front of a fake Rasa."""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.conversation import Assistant
from bot.rasa_client import WEBHOOK_PATH
from bot.web import create_app
from knowledge import load_knowledge_base
from replies.languages import SERVED
from runtime.settings import Settings
from runtime.stack import ROOT, Stack, free_port
from tests.bot.fake_telegram import serving
from tools.widget_screenshot import CHROMIUM_ARGS

KBS = {code: load_knowledge_base(language=code) for code in SERVED}


def greeting(language: str) -> str:
    """The fake Rasa's answer to every message in `language`: the greeting, long enough to fill the log as a
    real conversation does."""
    return " ".join([KBS[language].reply("greet").text] * 6)


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless; smooth scrolling off, so that a wheel turn scrolls at once or never."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=[*CHROMIUM_ARGS, "--disable-smooth-scrolling"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def gateway_url() -> Iterator[str]:
    """The real gateway (demo pages, widget, /api/config with the real words) in front of a fake Rasa, both in
    a thread of their own. The fake answers every message with `greeting` in the conversation's language: the
    one a language choice asks for, else the widget's."""

    async def webhook(request: Request) -> JSONResponse:
        body = await request.json()
        metadata = body.get("metadata", {})
        language = metadata.get("language") or metadata.get("hint") or SERVED[0]
        if body.get("message", "").startswith("/set_language{"):
            language = json.loads(body["message"][len("/set_language") :])["language"]
        buttons = [{"title": "Regijske naloge", "payload": "/ask_tasks"}]
        return JSONResponse(
            [
                {"recipient_id": "x", "text": greeting(language), "buttons": buttons},
                {"recipient_id": "x", "custom": {"language": language}},
            ]
        )

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    url: dict[str, Any] = {}

    async def serve() -> None:
        url["stop"] = asyncio.Event()
        rasa_port, port = free_port(), free_port()
        rasa = Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])])
        gateway = create_app(Assistant([f"http://127.0.0.1:{rasa_port}"], 10.0, KBS[SERVED[0]]))
        async with serving(rasa, rasa_port), serving(gateway, port):
            url["gateway"] = f"http://127.0.0.1:{port}"
            ready.set()
            await url["stop"].wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    assert ready.wait(timeout=60), "the gateway did not start"
    try:
        yield url["gateway"]
    finally:
        loop.call_soon_threadsafe(url["stop"].set)
        thread.join(timeout=30)
        loop.close()
