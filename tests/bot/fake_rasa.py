"""A fake Rasa on 127.0.0.1 that takes every message for a goodbye, as Rasa's Slovenian model took
"voglio farla finita"; it records every message that reaches it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from knowledge import load_knowledge_base
from runtime.readiness import WEBHOOK_PATH
from runtime.stack import free_port
from tests.bot.fake_telegram import serving

GOODBYE = load_knowledge_base().reply("goodbye").text


@contextlib.asynccontextmanager
async def goodbye_rasa(received: list[str]) -> AsyncIterator[str]:
    """The fake Rasa's URL while it runs; what it is sent is appended to `received`."""

    async def webhook(request: Request) -> JSONResponse:
        received.append((await request.json())["message"])
        return JSONResponse([{"recipient_id": "x", "text": GOODBYE}])

    port = free_port()
    async with serving(Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])]), port):
        yield f"http://127.0.0.1:{port}"


@contextlib.asynccontextmanager
async def recording_rasa(received: list[dict], language: str | None = None) -> AsyncIterator[str]:
    """A fake Rasa that records every request body and answers "ok", then, when `language` is given, the
    custom message by which the actions tell the conversation's language."""

    async def webhook(request: Request) -> JSONResponse:
        received.append(await request.json())
        messages: list[dict] = [{"recipient_id": "x", "text": "ok"}]
        if language:
            messages.append({"recipient_id": "x", "custom": {"language": language}})
        return JSONResponse(messages)

    port = free_port()
    async with serving(Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])]), port):
        yield f"http://127.0.0.1:{port}"


@contextlib.asynccontextmanager
async def held_rasa(release: asyncio.Event, arrived: list[str]) -> AsyncIterator[str]:
    """A fake Rasa that holds every message until `release` is set, then answers "ok": work in flight that a
    test lets go of when it wants. What it is sent is appended to `arrived` as it comes."""

    async def webhook(request: Request) -> JSONResponse:
        arrived.append((await request.json())["message"])
        await release.wait()
        return JSONResponse([{"recipient_id": "x", "text": "ok"}])

    port = free_port()
    async with serving(Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])]), port):
        yield f"http://127.0.0.1:{port}"


@contextlib.asynccontextmanager
async def scripted_rasa(messages: list[dict]) -> AsyncIterator[str]:
    """A fake Rasa that answers every message with `messages` (texts and custom messages, as the REST webhook
    gives them)."""

    async def webhook(request: Request) -> JSONResponse:
        return JSONResponse([{"recipient_id": "x", **message} for message in messages])

    port = free_port()
    async with serving(Starlette(routes=[Route(WEBHOOK_PATH, webhook, methods=["POST"])]), port):
        yield f"http://127.0.0.1:{port}"
