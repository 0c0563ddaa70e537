"""Readiness: Rasa is answering when its REST webhook gives the probe's /greet a message; anything else (no
answer, an error status, not JSON, not a list, no message) is not ready yet, never an exception."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from runtime.readiness import WEBHOOK_PATH, is_answering, is_ready

Handler = Callable[[httpx.Request], httpx.Response]


def answering(handler: Handler) -> bool:
    async def run() -> bool:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await is_answering(client, "http://rasa")

    return asyncio.run(run())


def test_a_greeting_answered_is_ready() -> None:
    sent: list[dict] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        assert request.url.path == WEBHOOK_PATH
        sent.append(json.loads(request.content))
        return httpx.Response(200, json=[{"text": "Pozdravljeni!"}])

    assert answering(rasa)
    assert sent == [{"sender": "readiness-probe", "message": "/greet"}]


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("refused", request=request)


@pytest.mark.parametrize(
    "rasa",
    [
        refused,
        lambda request: httpx.Response(500, json=[{"text": "…"}]),
        lambda request: httpx.Response(200, text="not json"),
        lambda request: httpx.Response(200, json={"text": "not a list"}),
        lambda request: httpx.Response(200, json=[]),  # Rasa up, its model not loaded yet
    ],
)
def test_anything_else_is_not_ready(rasa: Handler) -> None:
    assert not answering(rasa)


@pytest.mark.parametrize(("rasa", "ready"), [(lambda request: httpx.Response(200), True),
                                             (lambda request: httpx.Response(503), False), (refused, False)])  # fmt: skip
def test_is_ready_is_a_200(rasa: Handler, ready: bool) -> None:
    async def run() -> bool:
        async with httpx.AsyncClient(transport=httpx.MockTransport(rasa)) as client:
            return await is_ready(client, "http://gateway/healthz")

    assert asyncio.run(run()) is ready
