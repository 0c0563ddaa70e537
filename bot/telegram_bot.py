"""The Telegram channel: a python-telegram-bot Application whose handlers forward to the assistant.

Built like python-telegram-bot's examples: `build_application` registers every handler; small
async handlers; one error handler that logs first. Replies are sent as plain text (no parse mode),
so characters such as _ * < > & from users or from the knowledge base never break a message.

Feedback: an answer that can be rated gets a row of two inline buttons, 👍 and 👎, under its last
message, below its quick replies (if any), rather than a message of its own that would push the
answer up and stay in the chat. A press is stored once (bot/feedback.py), thanked for in the
callback's answer (a short notice, nothing added to the chat), and the row is removed from the message.

Languages: /language (and /jezik, /lingua) offers every served language by its own name; a new chat starts in
the user's Telegram language (`language_code`, bot/languages.py: "en-GB" → en, "bs" → hr) when it is served.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType, MessageLimit
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.conversation import HELP, Assistant
from bot.feedback import VALUES, FeedbackStore, Outcome
from bot.flood import RateLimiter
from bot.languages import hinted
from replies.buttons import button_payloads, language_buttons
from replies.languages import SERVED
from replies.types import Button, Reply
from runtime.settings import Settings

logger = logging.getLogger(__name__)
TYPING_EVERY_SECONDS = 4.0
FEEDBACK = "fb"  # callback data "fb:<answer id>:up|down", 40 bytes, within Telegram's 64
FEEDBACK_DATA = rf"^{FEEDBACK}:[0-9a-f]{{32}}:(up|down)\Z"  # \Z: `$` matches before a final newline too
THUMBS = (("👍", "up"), ("👎", "down"))


class CallbackPayloads:
    """A quick reply's callback_data (64 bytes at most in Telegram): a key derived from its payload alone, so
    that every gateway replica, and one restarted since, finds the payload of a button another one sent.

    Keys are looked up among the payloads the knowledge base's buttons can carry (replies.buttons.button_payloads),
    never decoded: a forged callback cannot make the assistant receive an intent or entities that no button
    offers, and an old button whose payload the knowledge no longer has gets None."""

    def __init__(self, payloads: Iterable[str]) -> None:
        self._payloads = {self.key_of(payload): payload for payload in payloads}

    @staticmethod
    def key_of(payload: str) -> str:
        # The key this gateway has always given (buttons sent before a rollout keep working): 128 bits of
        # SHA-256, 32 bytes of callback_data.
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]

    def key_for(self, payload: str) -> str | None:
        """The callback_data of a button with `payload`; None when no replica would know it."""
        key = self.key_of(payload)
        return key if key in self._payloads else None

    def payload_for(self, key: str) -> str | None:
        return self._payloads.get(key)


@dataclass
class Gateway:
    """What the handlers share, kept in `application.bot_data["gateway"]`."""

    assistant: Assistant
    payloads: CallbackPayloads
    retention_days: int
    feedback: FeedbackStore | None = None
    # The chats told "please wait" in long polling: once a minute each, so that a flood gets no flood back.
    told_busy: RateLimiter = field(default_factory=lambda: RateLimiter(1))


class PolledUpdates(asyncio.Queue[object]):
    """The update queue in long polling, bounded as in webhook mode (bot/telegram_webhook.py): when `bound`
    updates wait, the Updater's next one is refused instead of queued, so that a flood waits neither in this
    process's memory nor in a line that grows without end. The Updater confirms a fetched batch to Telegram
    once it is in the queue, so a refused update cannot be left with Telegram as a webhook's 503 leaves it:
    it is dropped, and the person told politely to write again (`refuse_busy`), as the web chat is."""

    def __init__(self, bound: int) -> None:
        super().__init__()  # no maxsize: the Application's own stop signal must always go in
        self.bound = bound
        self.application: Application | None = None  # set once built: refusals answer through its bot

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and self.application is not None and self.qsize() >= self.bound:
            await refuse_busy(self.application, item)
            return
        await super().put(item)


def gateway_of(context: ContextTypes.DEFAULT_TYPE) -> Gateway:
    return context.application.bot_data["gateway"]


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut a long reply into messages Telegram accepts, at paragraph, then line, then word boundaries."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind("\n"), 0) or max(window.rfind(" "), 0) or limit
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [*parts, rest] if rest else parts


def keyboard(
    buttons: tuple[Button, ...], payloads: CallbackPayloads, answer_id: str | None = None
) -> InlineKeyboardMarkup | None:
    """The quick replies, one a row; then 👍 and 👎 side by side when `answer_id` is given."""
    rows = []
    for button in buttons:
        key = payloads.key_for(button.payload)
        if key is None:  # a kind of button missing from button_payloads: better none than one that fails
            logger.error("Telegram: a button's payload is not among the knowledge base's: %s", button.payload)
            continue
        rows.append([InlineKeyboardButton(button.title, callback_data=key)])
    if answer_id:
        rows.append(
            [InlineKeyboardButton(thumb, callback_data=f"{FEEDBACK}:{answer_id}:{value}") for thumb, value in THUMBS]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def without_feedback(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The message's buttons without the 👍/👎 row, so that its quick replies stay."""
    rows = [
        row
        for row in (markup.inline_keyboard if markup is not None else ())
        if not any(str(button.callback_data or "").startswith(f"{FEEDBACK}:") for button in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None


async def send_replies(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply], answer_id: str | None = None
) -> None:
    """Send the replies; with `answer_id` (and feedback stored), 👍/👎 go under the last message."""
    gateway = gateway_of(context)
    rate = answer_id if gateway.feedback is not None else None
    for reply_index, reply in enumerate(replies):
        parts = split_text(reply.text)
        for index, part in enumerate(parts):
            markup = None
            if index == len(parts) - 1:  # buttons go under a reply's last part, 👍/👎 under the answer's last
                markup = keyboard(reply.buttons, gateway.payloads, rate if reply_index == len(replies) - 1 else None)
            await context.bot.send_message(chat_id, part, reply_markup=markup)


@contextlib.asynccontextmanager
async def typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block ends."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(Exception):  # a lost typing indicator must not lose the answer
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def converse(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, pressed: bool = False) -> None:
    """Send `text` to the assistant as this chat, typed or (`pressed`) a button's payload, and its replies back."""
    chat_id = update.effective_chat.id
    assistant = gateway_of(context).assistant
    turn = assistant.press if pressed else assistant.ask
    async with typing(context, chat_id):
        answer = await turn(f"tg:{chat_id}", text, chat_language(update, context))
    context.chat_data["language"] = answer.language
    await send_replies(context, chat_id, answer.replies, answer.answer_id)


def chat_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The chat's language as this process knows it: the conversation's last, else the user's Telegram
    language ("it-IT" → "it", "bs" → "hr" when served) as a first hint; the conversation's own lives in
    Rasa's tracker."""
    known = context.chat_data.get("language") if context.chat_data is not None else None
    if known:
        return known
    user = update.effective_user
    return hinted(user.language_code) if user is not None else None


def addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The text meant for the bot: all of it in a private chat; in a group only when the bot is
    mentioned (the mention removed) or replied to, else None."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{bot_username}"
    if bot_username and mention.lower() in text.lower():
        start = text.lower().index(mention.lower())
        return (text[:start] + text[start + len(mention) :]).strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    return None


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome, what can be asked, example questions as buttons, and the privacy note."""
    gateway = gateway_of(context)
    language = chat_language(update, context)
    welcome = gateway.assistant.canned("start", language)
    text = welcome.text.replace("{days}", gateway.assistant.days(gateway.retention_days, language))
    await send_replies(context, update.effective_chat.id, [Reply(text, welcome.buttons)])


def language_choice(assistant: Assistant, language: str | None) -> Reply:
    """The question "Which language?" in every served language, `language` first, so that each reader finds
    their own, with a button a language by its own name; a button sets the conversation's language in Rasa,
    and its reply says so in that language."""
    first = assistant.kb_in(language).language
    questions = [assistant.canned("language_choice", code).text for code in sorted(SERVED, key=lambda c: c != first)]
    return Reply(" — ".join(questions), language_buttons(assistant.kb))


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/language (/jezik, /lingua): the choice of every served language, as buttons."""
    choice = language_choice(gateway_of(context).assistant, chat_language(update, context))
    await send_replies(context, update.effective_chat.id, [choice])


async def say(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> None:
    """One of the assistant's own replies (conversation.yml), in the chat's language."""
    chat = update.effective_chat
    if chat is not None:
        reply = gateway_of(context).assistant.canned(name, chat_language(update, context))
        await context.bot.send_message(chat.id, reply.text)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the assistant can answer, with examples."""
    await converse(update, context, HELP, pressed=True)


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget this chat's conversation and start a new one."""
    await gateway_of(context).assistant.reset(f"tg:{update.effective_chat.id}")
    await say(update, context, "reset")


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message: to the assistant, unless it is in a group and not meant for the bot."""
    text = addressed_text(update.effective_message, context.bot.username or "", context.bot.id)
    if text is None:
        return
    if not text.strip():
        await start(update, context)
        return
    await converse(update, context, text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A quick-reply button: answer the callback, then send its payload as the user's message; a button
    whose payload the knowledge base no longer has (or a forged one) gets a polite word instead."""
    query = update.callback_query
    await query.answer()
    payload = gateway_of(context).payloads.payload_for(query.data or "")
    if payload is None:
        await say(update, context, "button_expired")
        return
    await converse(update, context, payload, pressed=True)


async def on_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 or 👎 under an answer: stored once, thanked for in the callback's answer; the row goes away."""
    query, chat = update.callback_query, update.effective_chat
    gateway = gateway_of(context)
    _, answer_id, value = (query.data or "").split(":")  # FEEDBACK_DATA's shape
    outcome = Outcome.UNKNOWN_ANSWER
    if gateway.feedback is not None and chat is not None:
        outcome = await gateway.feedback.give(f"tg:{chat.id}", answer_id, VALUES[value])
    language = chat_language(update, context)
    if outcome is Outcome.UNKNOWN_ANSWER:  # e.g. the conversation was deleted after RETENTION_DAYS
        await query.answer(gateway.assistant.canned("button_expired", language).text)
    else:  # stored now or before: either way the person's word is kept once
        await query.answer(gateway.assistant.kb_in(language).widget.feedback_thanks)
    if query.message is not None:
        await query.edit_message_reply_markup(reply_markup=without_feedback(query.message.reply_markup))


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice, locations, documents and edited messages: the bot reads new text."""
    chat = update.effective_chat
    if chat is None:
        return
    if chat.type != ChatType.PRIVATE and update.edited_message is None:
        return  # in a group, a photo or sticker is rarely meant for the bot
    await say(update, context, "non_text")


async def refuse_busy(application: Application, update: Update) -> None:
    """An update that found the queue full is dropped: a pressed button is answered "please wait" in its
    notice, a message meant for the bot in the chat (once a minute per chat). Never raises: the Updater
    would fetch the whole batch again, and the updates queued from it would be answered twice."""
    logger.warning("Telegram: %d updates wait already; this one is refused", application.update_queue.qsize())
    try:
        context = application.context_types.context.from_update(update, application)
        gateway = gateway_of(context)
        words = gateway.assistant.canned("slow_down", chat_language(update, context)).text
        query, message = update.callback_query, update.message
        if query is not None:
            await query.answer(words)
        elif (
            message is not None
            and addressed_text(message, application.bot.username or "", application.bot.id) is not None
            and gateway.told_busy.allow(str(message.chat.id))
        ):
            await application.bot.send_message(message.chat.id, words)
    except Exception:  # unsaid, the refusal leaves the person as a lost update would: no worse
        logger.warning("Telegram: could not say that the assistant is busy", exc_info=True)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error; tell the user politely, never with a stack trace."""
    logger.error("Error while handling a Telegram update", exc_info=context.error)
    if isinstance(update, Update):
        with contextlib.suppress(Exception):
            await say(update, context, "error")


def build_application(settings: Settings, assistant: Assistant, feedback: FeedbackStore | None = None) -> Application:
    """The Telegram Application with every handler; polling unless a webhook URL is set. Answers offer
    👍/👎 when `feedback` is given."""
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_base_url)
        .rate_limiter(AIORateLimiter())
    )
    polled = None
    if settings.telegram_webhook_url:
        builder = builder.updater(None)  # updates arrive through the web server's webhook route
    else:  # as many updates wait as in webhook mode
        polled = PolledUpdates(settings.max_in_flight)
        builder = builder.update_queue(polled)
    application = builder.build()
    if polled is not None:
        polled.application = application
    # The Italian buttons carry the same ids as the Slovenian ones (tests/replies/test_buttons.py).
    payloads = CallbackPayloads(button_payloads(assistant.kb))
    application.bot_data["gateway"] = Gateway(assistant, payloads, settings.retention_days, feedback)

    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("reset", reset))
    # /language in every language; /jezik (Slovenian, Croatian) and /lingua (Italian) as people may type it.
    application.add_handler(CommandHandler(["language", "jezik", "lingua"], choose_language))
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, on_not_text))
    # Any other command ("/greet …", a typed "/ask_task_coverage{…}") is text for the assistant, redacted like
    # any: only a pressed button sends a payload.
    application.add_handler(MessageHandler(filters.TEXT & filters.UpdateType.MESSAGE, on_text))
    application.add_handler(CallbackQueryHandler(on_feedback, pattern=FEEDBACK_DATA))  # before the quick replies
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT, on_not_text))
    application.add_error_handler(on_error)
    return application
