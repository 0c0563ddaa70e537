"""The route through which Telegram delivers updates in webhook mode, checking its secret token.

Updates wait in the Application's queue and are answered one at a time. When `max_waiting` wait already,
the update is refused with 503: Telegram keeps an update that was not taken with a 2xx and delivers it
again later, so the message is delayed, not lost, and the backlog waits at Telegram rather than in this
process's memory. (A 2xx would drop it; 429 would blame Telegram for sending too much, which it does not:
the load comes from its users.) For the same reason at most `max_in_flight` updates are read at once, and
one more gets a 503 too; the webhook is registered with Telegram's `max_connections` no higher than that
(runtime/webhook.py), so that Telegram itself never meets the bound.

Per address only wrong secrets are limited: every update comes from Telegram's servers, and only the secret
token says it is Telegram. A client network that sent WRONG_SECRETS_PER_MINUTE wrong ones (or none) in a
minute gets a held 429 instead of the 403, as the chat API holds a flood (bot/flood.py); a right secret is
always taken."""

from __future__ import annotations

import hmac
import logging
from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot import metrics
from bot.flood import BUSY_RETRY_SECONDS, AddressGuard, Refusal, client_address, network_of
from bot.web import BadRequest, read_json

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WRONG_SECRETS_PER_MINUTE = 10  # Telegram never sends a wrong one: these are someone else's guesses


def webhook_path(webhook_url: str) -> str:
    """The path of TELEGRAM_WEBHOOK_URL that this server answers (default /telegram)."""
    return urlparse(webhook_url).path or "/telegram"


def webhook_route(
    application: Application, webhook_url: str, secret: str, max_waiting: int = 32, max_in_flight: int = 32
) -> Route:
    expected = secret.encode("ascii")  # the settings allow A-Z, a-z, 0-9, _ and - only
    # Its rate counts wrong secrets only; one address may hold every slot in flight: Telegram has few.
    guard = AddressGuard(WRONG_SECRETS_PER_MINUTE, max_in_flight, max_in_flight)

    def busy() -> Response:
        metrics.refusal("telegram", 503)
        return Response("busy", status_code=503, headers={"Retry-After": str(BUSY_RETRY_SECONDS)})

    async def receive(request: Request) -> Response:
        # The header's bytes as sent (Starlette decodes headers as Latin-1): compare_digest refuses a str
        # that is not ASCII.
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode("latin-1"), expected):
            client = network_of(client_address(request))
            if guard.rate.full(client):
                refusal = Refusal(429, guard.rate.retry_after(client), "too many wrong secrets", held=True)
                await guard.hold(refusal)
                return Response(status_code=429, headers=refusal.headers)
            guard.rate.count(client)
            return Response(status_code=403)
        with guard.in_flight.slot(client_address(request)) as refused:
            if refused is not None:
                return busy()
            if application.update_queue.qsize() >= max_waiting:
                logger.warning(
                    "Telegram: %d updates wait already; this one is left to Telegram to send again", max_waiting
                )
                return busy()
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
