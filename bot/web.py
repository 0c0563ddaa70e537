"""The web side of the gateway: the chat API (widget, evaluation) and the health check.

POST /api/chat  {"session": "<id>", "text": "…"} or {"session": "<id>", "payload": "/intent{…}"}
             -> 200 {"messages": [{"text": "…", "buttons": [{"title": "…", "payload": "…"}]}]}
GET  /healthz   -> 200 when Rasa answers, 503 otherwise
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.conversation import Assistant, as_json

MAX_BODY_BYTES = 16 * 1024
MAX_TEXT_CHARS = 4000
SESSION = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


class BadRequest(ValueError):
    """The request cannot be served; the message says why, for the caller."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_json(request: Request) -> dict[str, Any]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BadRequest("request body is too large", 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BadRequest("request body is too large", 413)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest("body must be JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("body must be a JSON object")
    return data


def chat_message(data: dict[str, Any]) -> tuple[str, str]:
    """(session, message for Rasa) from a chat request, or BadRequest."""
    session = data.get("session")
    if not isinstance(session, str) or not SESSION.match(session):
        raise BadRequest("`session` must be 1-128 characters of A-Z, a-z, 0-9, _ and -")
    text, payload = data.get("text"), data.get("payload")
    if (text is None) == (payload is None):
        raise BadRequest("give either `text` or `payload`")
    if payload is not None:
        if not isinstance(payload, str) or not payload.startswith("/") or len(payload) > MAX_TEXT_CHARS:
            raise BadRequest("`payload` must be a button payload starting with /")
        return session, payload
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("`text` must be a non-empty string")
    if len(text) > MAX_TEXT_CHARS:
        raise BadRequest(f"`text` must be at most {MAX_TEXT_CHARS} characters", 413)
    return session, text.strip()


def create_app(assistant: Assistant, extra_routes: list[Route] | None = None) -> Starlette:
    """The gateway's web application; the Telegram webhook route joins it when configured."""

    async def chat(request: Request) -> Response:
        try:
            session, message = chat_message(await read_json(request))
        except BadRequest as problem:
            return error(str(problem), problem.status)
        replies = await assistant.ask(f"web:{session}", message)
        return JSONResponse({"messages": [as_json(reply) for reply in replies]})

    async def healthz(request: Request) -> Response:
        if await assistant.ready():
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "rasa unavailable"}, status_code=503)

    routes = [Route("/api/chat", chat, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    return Starlette(routes=routes + (extra_routes or []))
