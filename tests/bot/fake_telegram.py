"""A fake Telegram Bot API server on 127.0.0.1, for running the real python-telegram-bot
Application in tests. It serves getMe, getUpdates, webhook calls, sendMessage, sendChatAction and
answerCallbackQuery, queues updates that a test pushes, and records what the bot sent."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qsl

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from runtime.settings import Settings
from runtime.stack import free_port

TOKEN = "123456:TEST-token_for-the-fake-server"
BOT = {"id": 999, "is_bot": True, "first_name": "Pomočnik", "username": "csd_koper_bot", "can_join_groups": True,
       "can_read_all_group_messages": False, "supports_inline_queries": False}  # fmt: skip
USER = {"id": 42, "is_bot": False, "first_name": "Ana", "language_code": "sl"}


class FakeTelegram:
    def __init__(self) -> None:
        self.port = free_port()
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # --- what tests do -----------------------------------------------------------------------
    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self._changed.set()
        return update

    def message(self, text: str | None = None, chat: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "from": USER,
                   "chat": chat or {"id": USER["id"], "type": "private", "first_name": "Ana"}, **extra}  # fmt: skip
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return message

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(self, count: int, method: str = "sendMessage", timeout: float = 30.0) -> list[dict[str, Any]]:
        """Wait until the bot has called `method` at least `count` times in all."""
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"bot called {method} {len(self.sent(method))} times, expected {count}: {self.calls}"
                )
            await asyncio.sleep(0.05)
        return self.sent(method)

    # --- the Bot API -------------------------------------------------------------------------
    async def handle(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.path_params["token"] != TOKEN:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
        params = await self._params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return JSONResponse({"ok": True, "result": True})
        return JSONResponse({"ok": True, "result": await handler(params)})

    @staticmethod
    async def _params(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            return await request.json()
        # python-telegram-bot sends form-encoded fields, each value JSON-encoded.
        params = {}
        for key, value in parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True):
            try:
                params[key] = json.loads(value)
            except (TypeError, ValueError):
                params[key] = value
        return params

    async def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return BOT

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending:
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(float(params.get("timeout") or 0), 1.0))
            pending = [u for u in self.updates if u["update_id"] >= offset]
        return pending

    async def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        chat_id = int(params["chat_id"])
        return {"message_id": next(self._message_ids), "date": int(time.time()), "from": BOT,
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "text": params["text"]}  # fmt: skip

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/bot{token}/{method}", self.handle, methods=["GET", "POST"])])


@contextlib.asynccontextmanager
async def serving(app: Starlette, port: int, **options: Any) -> AsyncIterator[None]:
    """Run an ASGI app with uvicorn on 127.0.0.1:`port` inside the running event loop (`options`: uvicorn's)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", **options)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def gateway_process(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """`python -m bot`'s serve() running in this event loop until it is healthy; a client for it."""
    from bot.__main__ import serve

    gateway = asyncio.create_task(serve(settings))
    async with httpx.AsyncClient(base_url=settings.gateway_url, timeout=30.0) as client:
        for _ in range(400):
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get("/healthz")).status_code == 200:
                    break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the gateway did not become healthy")
        try:
            yield client
        finally:
            gateway.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await gateway


@contextlib.contextmanager
def serving_in_a_thread(fake: FakeTelegram) -> Iterator[asyncio.AbstractEventLoop]:
    """The fake server in a thread of its own, for a gateway running in another process; yields its
    event loop, through which the test's thread pushes updates and waits for replies."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop: asyncio.Event | None = None

    async def serve() -> None:
        nonlocal stop
        stop = asyncio.Event()
        async with serving(fake.app(), fake.port):
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    assert ready.wait(timeout=30), "the fake Telegram server did not start"
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=30)
        loop.close()
