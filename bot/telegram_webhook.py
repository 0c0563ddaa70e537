"""The route through which Telegram delivers updates in webhook mode, checking its secret token.

Updates wait in the Application's queue and are answered one at a time. When `max_waiting` wait already,
the update is refused with 503: Telegram keeps an update that was not taken with a 2xx and delivers it
again later, so the message is delayed, not lost, and the backlog waits at Telegram rather than in this
process's memory. (A 2xx would drop it; 429 would blame Telegram for sending too much, which it does not:
the load comes from its users.) Per address there is nothing to limit: every update comes from
Telegram's servers, and only the secret token says it is Telegram."""

from __future__ import annotations

import hmac
import logging
from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.flood import BUSY_RETRY_SECONDS
from bot.web import BadRequest, read_json

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(webhook_url: str) -> str:
    """The path of TELEGRAM_WEBHOOK_URL that this server answers (default /telegram)."""
    return urlparse(webhook_url).path or "/telegram"


def webhook_route(application: Application, webhook_url: str, secret: str, max_waiting: int = 32) -> Route:
    async def receive(request: Request) -> Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            return Response(status_code=403)
        if application.update_queue.qsize() >= max_waiting:
            logger.warning("Telegram: %d updates wait already; this one is left to Telegram to send again", max_waiting)
            return Response("busy", status_code=503, headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
        try:
            data = await read_json(request)
        except BadRequest as problem:
            return Response(str(problem), status_code=problem.status)
        try:
            update = Update.de_json(data, application.bot)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            update = None
        if update is None or not isinstance(data.get("update_id"), int):
            return Response("not a Telegram update", status_code=400)
        await application.update_queue.put(update)
        return Response()

    return Route(webhook_path(webhook_url), receive, methods=["POST"])
