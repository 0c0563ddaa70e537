"""The REST webhook client: an error says what went wrong (its type, Rasa's status), never what was sent, since
the gateway logs it at WARNING and nothing at INFO or above may carry a message's text."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from bot.rasa_client import RasaUnavailable, send_message
from runtime.readiness import WEBHOOK_PATH
from runtime.stack import free_port
from tests.bot.fake_telegram import serving

TEXT = "pišite mi na ana.novak@example.si"


async def failure(rasa_url: str, text: str) -> str:
    """What the error says when `text` is sent to `rasa_url`."""
    async with httpx.AsyncClient(timeout=2.0) as client:
        with pytest.raises(RasaUnavailable) as problem:
            await send_message(client, rasa_url, "web:private-session", text, {"hint": "sl"})
    return str(problem.value)


def test_a_message_that_cannot_be_encoded_is_not_in_the_error() -> None:
    # A lone surrogate fails httpx's UTF-8 encoding, and a UnicodeEncodeError's repr holds the whole body.
    said = asyncio.run(failure(f"http://127.0.0.1:{free_port()}", f"{TEXT} \ud800"))
    assert "ana.novak" not in said and "private-session" not in said
    assert "UnicodeEncodeError" in said


def test_an_error_status_is_named_without_the_body() -> None:
    async def webhook(request: Request) -> PlainTextResponse:
        return PlainTextResponse(f"failed on {(await request.json())['message']}", status_code=500)

    async def run() -> str:
        port = free_port()
        async with serving(Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])]), port):
            return await failure(f"http://127.0.0.1:{port}", TEXT)

    said = asyncio.run(run())
    assert "500" in said and "ana.novak" not in said


def test_no_instance_is_named_by_the_errors_type() -> None:
    said = asyncio.run(failure(f"http://127.0.0.1:{free_port()}", TEXT))
    assert "ConnectError" in said and "ana.novak" not in said
