"""The route through which Telegram delivers updates in webhook mode, checking its secret token."""

from __future__ import annotations

import hmac
import logging
from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.web import BadRequest, read_json

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(webhook_url: str) -> str:
    """The path of TELEGRAM_WEBHOOK_URL that this server answers (default /telegram)."""
    return urlparse(webhook_url).path or "/telegram"


def webhook_route(application: Application, webhook_url: str, secret: str) -> Route:
    async def receive(request: Request) -> Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            return Response(status_code=403)
        try:
            data = await read_json(request)
        except BadRequest as problem:
            return Response(str(problem), status_code=problem.status)
        try:
            update = Update.de_json(data, application.bot)
        except (KeyError, TypeError, ValueError, AttributeError):
            update = None
        if update is None or not isinstance(data.get("update_id"), int):
            return Response("not a Telegram update", status_code=400)
        await application.update_queue.put(update)
        return Response()

    return Route(webhook_path(webhook_url), receive, methods=["POST"])
