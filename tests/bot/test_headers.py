"""The size of a request's head: the gateway answers 431 to one over MAX_HEAD_BYTES, and the server that runs
it (uvicorn, as `python -m bot` configures it) never reads much more than that while it waits for a head's end."""

from __future__ import annotations

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.conversation import Assistant
from bot.headers import MAX_HEAD_BYTES
from bot.web import create_app
from knowledge import load_knowledge_base
from runtime.settings import Settings
from runtime.stack import free_port
from tests.bot.fake_telegram import gateway_process, serving


def test_a_head_over_the_limit_gets_431_and_an_ordinary_one_passes() -> None:
    assistant = Assistant([f"http://127.0.0.1:{free_port()}"], 1.0, load_knowledge_base())
    with TestClient(create_app(assistant)) as client:
        assert client.get("/api/config", headers={"X-Big": "a" * 4000}).status_code == 200
        refused = client.get("/api/config", headers={"X-Big": "a" * MAX_HEAD_BYTES})
        assert refused.status_code == 431 and refused.headers["X-Content-Type-Options"] == "nosniff"
        many = {f"X-Small-{n}": "a" * 100 for n in range(200)}  # many small headers count together
        assert client.get("/api/config", headers=many).status_code == 431
        assert client.get("/api/config?q=" + "a" * MAX_HEAD_BYTES).status_code == 431  # and the query


async def first_line(port: int, head: bytes) -> bytes:
    """The status line the server answers `head` with, sent in pieces as a slow client would."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for start in range(0, len(head), 8192):
            writer.write(head[start : start + 8192])
            await writer.drain()
            if reader.at_eof():
                break
        return (await asyncio.wait_for(reader.readline(), 10.0)).strip()
    except ConnectionError:
        return b"(closed)"
    finally:
        writer.close()


@pytest.mark.parametrize("size", [64 * 1024, 2 * 1024 * 1024])
def test_the_gateway_process_does_not_read_an_endless_head(size: int) -> None:
    """`python -m bot`'s server: uvicorn with httptools took 2 MB of headers and answered 200."""

    async def scenario() -> tuple[bytes, bytes]:
        rasa_port = free_port()
        rasa = Starlette(routes=[Route("/", lambda request: JSONResponse({"version": "3.6.21"}))])
        settings = Settings(port=free_port(), rasa_urls=(f"http://127.0.0.1:{rasa_port}",))
        async with serving(rasa, rasa_port), gateway_process(settings):
            ordinary = await first_line(settings.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            big = await first_line(settings.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size)
        return ordinary, big

    ordinary, big = asyncio.run(scenario())
    assert ordinary == b"HTTP/1.1 200 OK"
    assert big == b"HTTP/1.1 400 Bad Request"  # h11 gives up past the bound: "Invalid HTTP request received."
