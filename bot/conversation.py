"""One turn of a conversation, for any channel: forward the message to Rasa, return the replies.

The assistant answers in Slovenian and Italian. Each message's language is guessed here and sent to
Rasa with it (metadata `language`; None when the message is too short to tell, so that the
conversation keeps its language), with the client's idea of the conversation's language as a hint
(the widget's choice, Telegram's chat). The actions answer in it and say which language the
conversation is in now. A message in English or Croatian gets a polite note here instead, and one
that speaks of danger in any other language gets the emergency lines first, whatever Rasa would
have made of it.

When Rasa or the action server is down or slow, the citizen still gets an answer within the
timeout: an apology with the emergency numbers, since the message may have been a cry for help. So
too when the tracker store's database is down: a turn that cannot be stored is not answered as if it
were (runtime/rasa_server.py says why). Rasa then answers nothing, and the message is not sent to
another instance, which shares the database: a turn is stored once or not at all.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from bot import metrics, privacy
from bot.feedback import ANSWER_ID
from bot.metrics import Outcome
from bot.privacy import redact
from bot.rasa_client import RasaGone, RasaTimedOut, RasaUnavailable, send_message, tracker_events
from knowledge import KnowledgeBase, knowledge_base
from knowledge.language import DangerWords, LanguageGuesser, LanguageRequests
from replies import answers
from replies.buttons import button_payloads
from replies.compose import quantity
from replies.languages import DEFAULT, SERVED, served
from replies.types import Button, Reply, payload_key
from runtime.readiness import is_ready

logger = logging.getLogger(__name__)


SET_LANGUAGE = "/set_language{}"  # the payload of the language choice, as its buttons send it
HELP = "/help"  # Telegram's /help command asks Rasa for its help reply
# Payloads the gateway sends itself, beside its replies' buttons: the widget's greeting when it opens, /help,
# and the language choice (the widget's switch and a request for a language in a message).
OWN_PAYLOADS = ("/greet", HELP, *(SET_LANGUAGE.format(json.dumps({"language": code})) for code in SERVED))
# Rasa reads a message that starts with "/" (after spaces) as "/intent{entities}", and logs one it cannot
# parse at INFO, text and all: typed text loses its leading slashes.
_LEADING_SLASHES = re.compile(r"^[\s/]+")
# Control characters (PostgreSQL refuses NUL) and lone surrogates, which JSON can carry but UTF-8 cannot: a
# message with one could never be sent on to Rasa.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean(text: str) -> str:
    """A message without control characters and lone surrogates, which no database or Rasa could take."""
    return _CONTROL.sub(" ", text).strip()


def typed(text: str) -> str:
    """Typed text as Rasa must take it: as words, never as a payload ("/greet …" → "greet …")."""
    return _LEADING_SLASHES.sub("", text)


def as_json(reply: Reply) -> dict[str, Any]:
    """A reply as the chat API returns it: `buttons` only where there are some."""
    data: dict[str, Any] = {"text": reply.text}
    if reply.buttons:
        data["buttons"] = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
    return data


@dataclass(frozen=True)
class Answer:
    """The assistant's replies to one message, the language the conversation is in after it, the
    id by which feedback names this answer (None when there is nothing to rate: a greeting, an apology),
    and what became of the message, for the metrics."""

    replies: list[Reply]
    language: str
    answer_id: str | None = None
    outcome: Outcome = "answered"


def unavailable_reply(kb: KnowledgeBase) -> Reply:
    """The apology when the assistant cannot answer, with the emergency lines."""
    return Reply(f"{kb.reply('unavailable').text}\n\n{answers.emergency(kb).text}")


def language_from_rasa(raw: list[dict[str, Any]]) -> str | None:
    """The conversation's language, as the actions tell it in a custom message {"language": "it"}."""
    for item in raw:
        custom = item.get("custom")
        if isinstance(custom, dict) and served(custom.get("language")):
            return custom["language"]
    return None


def answer_id_from_rasa(raw: list[dict[str, Any]]) -> str | None:
    """The answer's id, as the actions tell it in their custom message {"answer_id": "…"} (bot/feedback.py)."""
    for item in raw:
        custom = item.get("custom")
        answer_id = custom.get("answer_id") if isinstance(custom, dict) else None
        if isinstance(answer_id, str) and ANSWER_ID.fullmatch(answer_id):
            return answer_id
    return None


def emergency_sent_by_rasa(raw: list[dict[str, Any]]) -> bool:
    """Whether the actions sent the emergency lines, as their custom message says {"emergency": true}. The
    reply texts cannot tell: the help and "are you a bot" replies name 112 too."""
    return any(isinstance(item.get("custom"), dict) and item["custom"].get("emergency") is True for item in raw)


def outcome_of(raw: list[dict[str, Any]], replies: list[Reply], kb: KnowledgeBase, danger: bool) -> Outcome:
    """What became of a message Rasa answered with `replies`: the emergency lines (sent by the actions, or by
    the gateway for `danger` words) first of all, then a staff answer (the actions name it in their custom
    message), then the fallback reply ("not understood", whatever contact details follow it)."""
    if danger or emergency_sent_by_rasa(raw):
        return "danger"
    if any(isinstance(item.get("custom"), dict) and item["custom"].get("staff_answer") for item in raw):
        return "staff_answer"
    fallback = kb.reply("fallback").text
    if any(reply.text.startswith(fallback) for reply in replies):
        return "not_understood"
    return "answered"


def from_rasa(raw: dict[str, Any]) -> Reply | None:
    """Rasa's message as ours; None for what carries no text (images, custom payloads)."""
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    buttons = tuple(
        Button(str(b["title"]), str(b["payload"]))
        for b in raw.get("buttons") or []
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    )
    return Reply(text, buttons)


def turns_from_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A conversation's turns as the chat shows them. A pressed button's payload is shown as the
    button's title, as the user saw it."""
    turns: list[dict[str, Any]] = []
    titles: dict[str, str] = {}
    for event in events:
        text = event.get("text")
        if not isinstance(text, str) or not text:
            continue
        if event.get("event") == "user":
            if text.startswith("/"):
                if text not in titles:
                    continue  # not typed by the person (a probe or a restart)
                text = titles[text]
            turns.append({"role": "user", "text": text})
        elif event.get("event") == "bot":
            reply = from_rasa({"text": text, "buttons": (event.get("data") or {}).get("buttons")})
            if reply is not None:
                titles.update({b.payload: b.title for b in reply.buttons})
                turns.append({"role": "assistant", **as_json(reply)})
    return turns


def _weight(instance: str, sender: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{instance}\n{sender}".encode()).digest()[:8], "big")


class Assistant:
    """The gateway's side of Rasa: one HTTP client, the Rasa instances, the knowledge base for the apology
    and for messages in other languages.

    Every conversation goes to one instance, chosen by rendezvous hashing of its sender id, so that its
    turns never race between instances; when that instance does not answer, the next one takes the
    conversation over with its history from the shared tracker store.
    """

    def __init__(self, rasa_urls: Sequence[str], timeout: float, kb: KnowledgeBase, rasa_token: str = "") -> None:
        if not rasa_urls:
            raise ValueError("at least one Rasa instance is needed")
        self.rasa_urls = tuple(rasa_urls)
        self.kb = kb
        self.kbs = {DEFAULT: kb} | {code: knowledge_base(code) for code in SERVED if code != DEFAULT}
        self.danger = DangerWords(kb)
        self.guesser = LanguageGuesser(kb)
        self.requests = LanguageRequests(kb, self.guesser)
        privacy.prepare()
        # What a pressed button may send on unredacted: (intent, entities) → the payload as the replies build it.
        self.payloads = {
            key: payload
            for base in self.kbs.values()
            for payload in [*button_payloads(base), *OWN_PAYLOADS]
            if (key := payload_key(payload)) is not None
        }
        self.rasa_token = rasa_token
        self._client = httpx.AsyncClient(timeout=timeout)

    def kb_in(self, language: str | None) -> KnowledgeBase:
        """The knowledge base in `language`, or in the default language when it is not served."""
        return self.kbs[served(language) or DEFAULT]

    def canned(self, name: str, language: str | None) -> Reply:
        """One of the assistant's own replies (conversation.yml) in `language`."""
        kb = self.kb_in(language)
        return answers.canned(kb, name)

    def days(self, count: int, language: str | None) -> str:
        """ "30 dni", "en dan", "dva dneva" ("30 giorni"): a number of days as `language` agrees it, for the
        {days} of the texts that say how long conversations are kept."""
        kb = self.kb_in(language)
        return quantity(kb.language, count, "days")

    def instances_for(self, sender: str) -> list[str]:
        """The instances in the order `sender`'s conversation tries them: its own first.

        Rendezvous (highest-random-weight) hashing: each instance gets a score from its URL and the sender,
        and the highest wins. Adding an instance to N moves only the conversations it now wins, about
        1/(N+1) of them, and removing one moves only its own, each to its next instance, which is also
        where they go while it is down.
        """
        return sorted(self.rasa_urls, key=lambda url: _weight(url, sender), reverse=True)

    async def ask(self, sender: str, text: str, language: str | None = None) -> Answer:
        """The assistant's replies to `text` typed by `sender` (e.g. "tg:42", "web:…"); `language` is the
        client's idea of the conversation's language, a hint for a message too short to tell.

        Personal data is redacted first, so that Rasa never stores it. Typed text is never a payload, whatever
        it starts with: only `press` sends one.
        """
        started = time.perf_counter()
        answer = await self._answer(sender, text, language)
        metrics.turn(sender, answer.language, answer.outcome, time.perf_counter() - started)
        return answer

    async def _answer(self, sender: str, text: str, language: str | None) -> Answer:
        conversation = served(language) or DEFAULT
        text = typed(clean(text))
        if not text:
            return Answer([self.canned("fallback", conversation)], conversation, outcome="not_understood")
        metadata: dict[str, Any] = {"hint": conversation}
        # "E Pirano? Scusi, preferisco l'italiano.": the language asked for, and the question without it.
        asked, question = self.requests.split(text)
        question = typed(question)  # "Preferisco l'italiano. /greet …": what follows is typed too
        # The question's language, not a sentence's about one ("Non parlo bene lo sloveno. Chi copre Isola?").
        said, danger = self.guesser.guess(question or text), self.danger.language(text)
        other = said not in (None, *SERVED) and not asked  # a language asked for is answered in, whatever follows
        if other or (danger and not served(danger)):
            outcome: Outcome = "danger" if danger else "not_understood"
            return Answer(self.answer_other_language(danger), conversation, outcome=outcome)
        # Danger words weigh the languages too. Courtesy alone ("Grazie mille") is too little to change the
        # conversation's language, but enough to start one: the actions weigh it after their slot.
        courtesy = self.guesser.courteous(question or text)
        metadata["language"] = asked or served(danger) or (None if courtesy else said)
        if courtesy and said:
            metadata["tentative"] = said
        metadata["danger"] = bool(danger)
        text = redact(question) if question else SET_LANGUAGE.format(json.dumps({"language": asked}))
        return await self.answer(sender, text, metadata, metadata["language"] or conversation)

    async def press(self, sender: str, payload: str, language: str | None = None) -> Answer:
        """The assistant's replies to a button `sender` pressed. Its payload goes to Rasa as the replies build
        it when it is one of theirs (or the gateway's own); anything else is taken as typed text and redacted,
        since a client can put whatever it likes in a "payload"."""
        key = payload_key(clean(payload))
        known = self.payloads.get(key) if key is not None else None
        if known is None:
            return await self.ask(sender, payload, language)
        conversation = served(language) or DEFAULT
        started = time.perf_counter()
        answer = await self.answer(sender, known, {"hint": conversation}, conversation)
        metrics.turn(sender, answer.language, answer.outcome, time.perf_counter() - started)
        return answer

    async def answer(self, sender: str, text: str, metadata: dict[str, Any], fallback_language: str) -> Answer:
        """Rasa's replies to `text` (redacted, or a known payload), from `sender`'s instance or the next."""
        # The turn's id, stored with the message: an instance that took the message over finds by it
        # whether the one that died under it had already stored (and answered) the turn.
        metadata["turn"] = uuid.uuid4().hex
        died_under = False
        instances = self.instances_for(sender)
        for index, url in enumerate(instances):
            if index:  # the one before failed the message (a timeout breaks out of the loop instead)
                metrics.failover(instances[index - 1])
            try:
                raw = await self.stored_answer(url, sender, metadata["turn"]) if died_under else None
                if raw is None:
                    with metrics.rasa_call(url):
                        raw = await send_message(self._client, url, sender, text, metadata)
            except RasaGone as error:  # not there, or killed under the message: the next one takes it
                logger.warning("Rasa unavailable: %s", error)
                died_under = died_under or error.sent
                continue
            except RasaTimedOut as error:
                # The instance may still be answering: another one would answer the message a second time,
                # and the person would wait a second timeout. The apology now.
                logger.warning("Rasa too slow: %s", error)
                break
            except RasaUnavailable as error:
                # An error status, or an answer that is not Rasa's: the next one takes the message.
                logger.warning("Rasa unavailable: %s", error)
                continue
            replies = [reply for reply in (from_rasa(item) for item in raw) if reply is not None]
            now = language_from_rasa(raw) or fallback_language
            if replies:
                outcome = outcome_of(raw, replies, self.kb_in(now), bool(metadata.get("danger")))
                if metadata.get("danger") and not emergency_sent_by_rasa(raw):
                    replies = [self.emergency(now), *replies]
                return Answer(replies, now, answer_id_from_rasa(raw), outcome)
            # Every turn is answered by an action, so no reply means the action server (or the model) is not
            # there, or the turn could not be stored (the tracker store's database down, runtime/rasa_server.py):
            # the same apology, with the emergency numbers. Not another instance: it shares both.
            logger.warning("Rasa at %s answered nothing (its action server or its database down: see its log)", url)
            return Answer([unavailable_reply(self.kb_in(now))], now, outcome="apology")
        return Answer([unavailable_reply(self.kb_in(fallback_language))], fallback_language, outcome="apology")

    async def stored_answer(self, url: str, sender: str, turn: str) -> list[dict[str, Any]] | None:
        """Rasa's messages of turn `turn`, as the REST webhook gives them, when the conversation has it
        stored (an instance that died under it had saved it); None when it has not, or without a token.

        Rasa stores a turn once, in one transaction, after its actions have run (MessageProcessor.
        handle_message), so a turn is either wholly stored or not at all; sent again after it was, the
        message would be stored and answered twice."""
        if not self.rasa_token:
            return None
        events = await tracker_events(self._client, url, self.rasa_token, sender)
        for index, event in enumerate(events):
            if event.get("event") == "user" and (event.get("metadata") or {}).get("turn") == turn:
                logger.warning("Rasa had stored the turn before it died: its stored answer is given")
                messages = []
                for later in itertools.takewhile(lambda e: e.get("event") != "user", events[index + 1 :]):
                    if later.get("event") == "bot":
                        data = later.get("data") or {}
                        messages.append(
                            {"text": later.get("text"), "buttons": data.get("buttons"), "custom": data.get("custom")}
                        )
                return messages
        return None

    def emergency(self, language: str) -> Reply:
        """The emergency lines, which the gateway sends first itself for a message with danger words when the
        actions did not say they sent them (a model that took the message for something else, an old action
        server)."""
        kb = self.kb_in(language)
        return answers.emergency(kb)

    def answer_other_language(self, danger: str | None) -> list[Reply]:
        """The replies to a message in a language the assistant does not answer in (English, Croatian):
        the polite note in three languages, after the emergency lines with a line in the message's
        language when it speaks of danger."""
        note = self.canned("other_language", DEFAULT)
        if danger:
            return [answers.emergency_in(self.kb, danger), note]
        return [note]

    async def reset(self, sender: str) -> None:
        """Start a new conversation for `sender` (Rasa's /restart)."""
        for url in self.instances_for(sender):
            try:
                await send_message(self._client, url, sender, "/restart")
                return
            except RasaUnavailable as error:
                logger.warning("Rasa unavailable for a reset: %s", error)

    async def history(self, sender: str) -> list[dict[str, Any]]:
        """The turns of `sender`'s conversation; RasaUnavailable without a token or an answer."""
        if not self.rasa_token:
            raise RasaUnavailable("RASA_TOKEN is not set: Rasa's tracker cannot be read")
        problem = RasaUnavailable("no Rasa instance answered")
        for url in self.instances_for(sender):
            try:
                return turns_from_events(await tracker_events(self._client, url, self.rasa_token, sender))
            except RasaUnavailable as error:
                problem = error
        raise problem

    async def ready(self) -> bool:
        """Whether at least one Rasa instance answers."""
        for url in self.rasa_urls:
            if await is_ready(self._client, f"{url}/"):
                return True
        return False

    async def close(self) -> None:
        await self._client.aclose()
