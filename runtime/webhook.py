"""Register the Telegram webhook once: `python -m runtime.role register-webhook` (ROLE=register-webhook).

With several gateway replicas (TELEGRAM_WEBHOOK_REGISTER=false) none registers the webhook at start; a
one-shot job does it here instead, so that scaling or restarting replicas never calls setWebhook again.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram import Bot, Update
from telegram.error import TelegramError

from runtime.settings import Settings, SettingsError

logger = logging.getLogger(__name__)


def check(settings: Settings) -> None:
    """What the job needs, checked before it talks to Telegram."""
    if not settings.telegram_token or not settings.telegram_webhook_url:
        raise SettingsError("TELEGRAM_TOKEN and TELEGRAM_WEBHOOK_URL must be set to register the webhook")


async def set_webhook(bot: Bot, settings: Settings) -> None:
    """Point Telegram at TELEGRAM_WEBHOOK_URL with the secret it sends back on every update, and no more
    connections at once than a gateway reads updates at once (MAX_IN_FLIGHT; Telegram allows 1-100)."""
    await bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret,
        allowed_updates=Update.ALL_TYPES,
        max_connections=min(settings.max_in_flight, 100),
    )
    logger.info("Telegram: webhook registered at %s", settings.telegram_webhook_url)


async def register(settings: Settings) -> None:
    check(settings)
    async with Bot(settings.telegram_token, base_url=settings.telegram_base_url) as bot:
        await set_webhook(bot, settings)


def main() -> None:
    try:
        settings = Settings.from_env()
        logging.basicConfig(level=settings.log_level, format="%(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the bot token in URLs
        asyncio.run(register(settings))
    except SettingsError as error:
        sys.exit(f"register-webhook: {error}")
    except TelegramError as error:  # the job fails and is retried; the message names no token
        sys.exit(f"register-webhook: Telegram refused: {error}")


if __name__ == "__main__":
    main()
