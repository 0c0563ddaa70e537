"""The gateway process: `python -m bot`.

Runs the web server (chat API, health check, Telegram webhook) and, when TELEGRAM_TOKEN is set,
the Telegram Application side by side in one event loop, as python-telegram-bot's custom webhook
example does. Long polling by default; webhook mode when TELEGRAM_WEBHOOK_URL is set.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING

import uvicorn
from telegram import Update

from bot import metrics
from bot.conversation import Assistant
from bot.feedback import FeedbackStore
from bot.headers import MAX_HEAD_BYTES
from bot.telegram_bot import build_application
from bot.telegram_webhook import webhook_route
from bot.web import create_app
from knowledge import KnowledgeBaseError, knowledge_base
from runtime import retention
from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings, SettingsError
from runtime.webhook import set_webhook

if TYPE_CHECKING:
    from bot.staff.routes import StaffOptions

logger = logging.getLogger("bot")


async def keep_retention(settings: Settings) -> None:
    """Once a day, delete conversations older than RETENTION_DAYS from the tracker store."""
    while True:
        try:
            await asyncio.to_thread(retention.run, settings)
        except Exception:  # a failed clean-up must not stop the gateway; it is tried again tomorrow
            logger.exception("retention: could not delete old conversations")
        await asyncio.sleep(retention.SECONDS_PER_DAY)


def staff_options(settings: Settings) -> StaffOptions | None:
    """The staff area's options when it is on (STAFF_AREA or STAFF_PASSWORD), else None: no /staff/ at all."""
    if not settings.staff_enabled:
        return None
    from bot.staff.routes import StaffOptions  # templates and charts only where the area is on

    return StaffOptions.from_settings(settings, tracker_store_url(settings, ROOT))


async def serve(settings: Settings) -> None:
    if settings.metrics_port:  # beside the public port, never on it (bot/metrics.py)
        metrics.serve(settings.host, settings.metrics_port)
    assistant = Assistant(settings.rasa_urls, settings.rasa_timeout, knowledge_base(), settings.rasa_token)
    # Feedback lives in the tracker store's database, which every replica shares (bot/feedback.py).
    feedback = FeedbackStore(tracker_store_url(settings, ROOT))
    application = build_application(settings, assistant, feedback) if settings.telegram_token else None
    routes = []
    if application is not None and settings.telegram_webhook_url:
        url, secret, limit = settings.telegram_webhook_url, settings.telegram_webhook_secret, settings.max_in_flight
        routes.append(webhook_route(application, url, secret, max_waiting=limit, max_in_flight=limit))
    app = create_app(
        assistant,
        cors_origins=settings.cors_origins,
        messages_per_minute=settings.messages_per_minute,
        retention_days=settings.retention_days,
        feedback_store=feedback,
        extra_routes=routes,
        staff=staff_options(settings),
        requests_per_minute_per_address=settings.requests_per_minute_per_address,
        max_in_flight=settings.max_in_flight,
        max_in_flight_per_address=settings.max_in_flight_per_address,
    )
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,  # request lines carry no message text, but nothing needs them either
        use_colors=False,
        # The client's address from X-Forwarded-For, only when a trusted proxy sent it (bot/flood.py).
        proxy_headers=True,
        forwarded_allow_ips=list(settings.trusted_proxies),
        # h11, not httptools: only with h11 does uvicorn bound a request's head while reading it (httptools
        # took 2 MB of headers); the app answers a complete head over the bound with 431 (bot/headers.py).
        http="h11",
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
    )
    server = uvicorn.Server(config)
    # Where a scheduler runs retention (RETENTION_IN_GATEWAY=false), replicas do not repeat it.
    cleaner = asyncio.create_task(keep_retention(settings)) if settings.retention_in_gateway else None
    try:
        if application is None:
            logger.info("TELEGRAM_TOKEN is not set: serving the web chat only, on %s:%s", settings.host, settings.port)
            await server.serve()
            return
        async with application:
            if settings.telegram_webhook_url:
                if settings.telegram_webhook_register:  # else registered once by ROLE=register-webhook
                    await set_webhook(application.bot, settings)
                logger.info("Telegram: webhook mode at %s", settings.telegram_webhook_url)
            await application.start()
            if application.updater is not None:
                await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
                logger.info("Telegram: long polling as @%s", application.bot.username)
            try:
                await server.serve()
            finally:
                if application.updater is not None and application.updater.running:
                    await application.updater.stop()
                await application.stop()
    finally:
        if cleaner is not None:
            cleaner.cancel()
        await assistant.close()
        feedback.close()


def main() -> None:
    try:
        settings = Settings.from_env()
        logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the bot token in URLs
        asyncio.run(serve(settings))
    except (SettingsError, KnowledgeBaseError) as error:
        sys.exit(f"gateway: {error}")


if __name__ == "__main__":
    main()
