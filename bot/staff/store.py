"""What the staff area reads from the tracker store: counts per day (stored daily totals, else counted:
storage/daily_totals.py, where "not understood" is defined), messages not understood, 👎 answers, one
conversation.

Rasa's `events` table (storage/tables.py) is read as it is; message text in it is already redacted by the
gateway. A sender id never leaves this module: a conversation is named by a keyed short hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from bot.staff.answer_stats import Usage, answer_usage
from replies.languages import DEFAULT, served
from storage import daily_totals, days
from storage.daily_totals import CHANNELS, LOW_CONFIDENCE, NOT_UNDERSTOOD_SQL, STORED_DAY, Totals, json_sql
from storage.tables import DAILY_TOTALS, FEEDBACK, REVIEWED, create_staff, has_events

SLOTS = ("task", "municipality")
CACHE_SECONDS = 600.0


def channel_of(sender_id: str) -> str:
    return "telegram" if sender_id.startswith(CHANNELS["telegram"]) else "web"


def fold(text: str) -> str:
    """The form in which two texts count as the same question: case, spacing and end punctuation aside."""
    return " ".join(text.casefold().split()).strip(" .,!?;:…")


def text_key(text: str) -> str:
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


@dataclass
class Group:
    """Identical (folded) not-understood texts, described by the newest of them."""

    key: str
    text: str
    count: int
    last_at: float
    channels: set[str]
    intent: str
    guess: str
    confidence: float
    conversation: str
    reviewed: bool = False
    language: str = "sl"  # the language the gateway gave the newest of them ("sl" when it could not tell)

    @property
    def day(self) -> date:
        return days.local_day(self.last_at)


@dataclass
class Turn:
    role: str  # "user" or "bot"
    text: str
    at: float
    intent: str = ""
    confidence: float | None = None
    feedback: int = 0


@dataclass
class Disliked:
    at: float
    channel: str
    conversation: str
    question: str
    answers: list[str] = field(default_factory=list)


@dataclass
class Overview:
    first: date
    last: date
    totals: Totals
    stored_days: set[str]

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def get(self, day: date, metric: str, key: str) -> int:
        return self.totals.get((day.isoformat(), metric, key), 0)

    def summed(self, metric: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (_, name, key), value in self.totals.items():
            if name == metric:
                counts[key] += value
        return counts


class Store:
    """The staff area's reads and writes on one database (the tracker store's)."""

    def __init__(self, url: str | sa.engine.Engine, hash_key: bytes) -> None:
        # An engine when the staff area shares its own with the accounts, sessions and audit log.
        self.engine = (
            url if isinstance(url, sa.engine.Engine) else sa.create_engine(url, future=True, hide_parameters=True)
        )
        self.dialect = self.engine.dialect.name
        self._hash_key = hash_key
        self._sql = json_sql(self.dialect)
        self._cached: dict[date, tuple[float, Totals]] = {}  # finished days' counts: (when counted, counts)
        create_staff(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def short_hash(self, sender_id: str) -> str:
        """10 hex of an HMAC of the sender id: stable, and no way back to a Telegram chat id by trying them."""
        return hmac.new(self._hash_key, sender_id.encode("utf-8"), hashlib.sha256).hexdigest()[:10]

    # --- the overview ------------------------------------------------------------------------------
    def overview(self, first: date, last: date) -> Overview:
        """Counts per day: the stored daily totals where a day has them, else counted from the events."""
        with self.engine.connect() as connection:
            stored = self._stored_totals(connection, first, last)
        stored_days = {day for (day, metric, _) in stored if metric == STORED_DAY}
        totals = {k: v for k, v in stored.items() if k[1] != STORED_DAY}
        span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        now, today = time.time(), days.today()
        missing = [
            d for d in span
            if d.isoformat() not in stored_days and not (d < today and now - self._cached.get(d, (0.0, {}))[0] < CACHE_SECONDS)
        ]  # fmt: skip
        if missing:
            counted = daily_totals.count_days(self.engine, missing[0], missing[-1])
            for d in missing:
                if d < today:  # a finished day changes little (a late 👍): kept for CACHE_SECONDS
                    self._cached[d] = (now, {k: v for k, v in counted.items() if k[0] == d.isoformat()})
                else:
                    totals |= {k: v for k, v in counted.items() if k[0] == d.isoformat()}
        for d in span:
            if d.isoformat() not in stored_days and d in self._cached:
                totals |= self._cached[d][1]
        return Overview(first, last, totals, stored_days)

    def _stored_totals(self, connection: sa.engine.Connection, first: date, last: date) -> Totals:
        rows = connection.execute(
            sa.select(DAILY_TOTALS).where(DAILY_TOTALS.c.day.between(first.isoformat(), last.isoformat()))
        )
        return {(row.day, row.metric, row.key): row.value for row in rows}

    # --- not understood ----------------------------------------------------------------------------
    def not_understood(
        self,
        first: date,
        last: date,
        channel: str = "",
        intent: str = "",
        with_reviewed: bool = False,
    ) -> list[Group]:
        """Groups of identical not-understood texts, newest first. `intent` matches the intent Rasa gave
        or the best guess; reviewed groups are left out unless `with_reviewed`."""
        if not has_events(self.engine):
            return []
        start, end = days.bounds(first, last)
        query = (
            "SELECT sender_id, timestamp, intent_name, data FROM events"
            " WHERE type_name = 'user' AND timestamp >= :start AND timestamp < :end"
            f" AND {NOT_UNDERSTOOD_SQL.format(**self._sql)}"
        )
        parameters: dict[str, Any] = {"start": start, "end": end, "low": LOW_CONFIDENCE}
        if channel in CHANNELS:
            query += " AND sender_id LIKE :prefix"
            parameters["prefix"] = CHANNELS[channel] + "%"
        with self.engine.connect() as connection:
            rows = connection.execute(sa.text(query + " ORDER BY timestamp DESC"), parameters).fetchall()
            groups: dict[str, Group] = {}
            for sender_id, timestamp, intent_name, data in rows:
                event = json.loads(data)
                text = " ".join(str(event.get("text") or "").split())
                if not text or text.startswith("/"):  # a button's payload: nothing typed to misunderstand
                    continue
                guess, confidence = best_guess(event)
                if intent and intent not in (intent_name, guess):
                    continue
                key = text_key(text)
                if key in groups:
                    groups[key].count += 1
                    groups[key].channels.add(channel_of(sender_id))
                    continue
                groups[key] = Group(
                    key=key,
                    text=text,
                    count=1,
                    last_at=timestamp,
                    channels={channel_of(sender_id)},
                    intent=intent_name or "",
                    guess=guess,
                    confidence=confidence,
                    conversation=self.short_hash(sender_id),
                    language=message_language(event),
                )
            reviewed = self._reviewed(connection, list(groups))
        for key in reviewed:
            groups[key].reviewed = True
        return [group for group in groups.values() if with_reviewed or not group.reviewed]

    def _reviewed(self, connection: sa.engine.Connection, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                r[0] for r in connection.execute(sa.select(REVIEWED.c.text_hash).where(REVIEWED.c.text_hash.in_(chunk)))
            )
        return found

    def mark_reviewed(self, keys: Iterable[str], user_name: str) -> int:
        """Mark texts (by key) as reviewed; already reviewed ones stay as they were."""
        wanted = {key for key in keys if len(key) == 64 and all(c in "0123456789abcdef" for c in key)}
        with self.engine.begin() as connection:
            new = wanted - self._reviewed(connection, sorted(wanted))
            if new:
                now = time.time()
                connection.execute(
                    sa.insert(REVIEWED), [{"text_hash": k, "reviewed_at": now, "reviewed_by": user_name} for k in new]
                )
        return len(new)

    # --- staff answers --------------------------------------------------------------------------------
    def answer_usage(self, first: date, last: date) -> dict[str, Usage]:
        """entry id -> how often the staff answer was given in the range, and its 👍 and 👎
        (bot/staff/answer_stats.py)."""
        return answer_usage(self.engine, first, last)

    # --- 👎 answers and one conversation -------------------------------------------------------------
    def disliked(self, first: date, last: date, limit: int = 200) -> list[Disliked]:
        """The answers that got a 👎, newest first, with the question before each."""
        if not has_events(self.engine):
            return []
        start, end = days.bounds(first, last)
        question = sa.text(
            "SELECT timestamp, data FROM events WHERE sender_id = :sender AND type_name = 'user'"
            " AND timestamp < :at ORDER BY timestamp DESC LIMIT 1"
        )
        answers = sa.text(
            "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'bot'"
            " AND timestamp > :after AND timestamp <= :at ORDER BY id"
        )
        found: list[Disliked] = []
        with self.engine.connect() as connection:
            votes = connection.execute(
                sa.select(FEEDBACK.c.sender_id, FEEDBACK.c.answered_at)
                .where(FEEDBACK.c.value < 0, FEEDBACK.c.answered_at >= start, FEEDBACK.c.answered_at < end)
                .order_by(FEEDBACK.c.answered_at.desc())
                .limit(limit)
            ).fetchall()
            for sender_id, answered_at in votes:
                asked = connection.execute(question, {"sender": sender_id, "at": answered_at}).first()
                after = asked[0] if asked else 0.0
                texts = [
                    _text(data)
                    for (data,) in connection.execute(answers, {"sender": sender_id, "after": after, "at": answered_at})
                ]
                found.append(
                    Disliked(
                        at=answered_at,
                        channel=channel_of(sender_id),
                        conversation=self.short_hash(sender_id),
                        question=_text(asked[1]) if asked else "",
                        answers=[text for text in texts if text],
                    )
                )
        return found

    def conversation(self, short: str) -> tuple[str, list[Turn]] | None:
        """(channel, turns) of the whole conversation whose short hash is `short`, or None."""
        if len(short) != 10 or not has_events(self.engine):
            return None
        with self.engine.connect() as connection:
            senders = connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars()
            sender_id = next((s for s in senders if hmac.compare_digest(self.short_hash(s), short)), None)
            if sender_id is None:
                return None
            rows = connection.execute(
                sa.text(
                    "SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender"
                    " AND type_name IN ('user', 'bot') ORDER BY id"
                ),
                {"sender": sender_id},
            ).fetchall()
            votes = dict(
                connection.execute(
                    sa.select(FEEDBACK.c.answered_at, FEEDBACK.c.value).where(FEEDBACK.c.sender_id == sender_id)
                ).fetchall()
            )
        turns = []
        for type_name, timestamp, data in rows:
            event = json.loads(data)
            text = _text(data, event)
            if not text:
                continue  # a bot event with only custom data (the conversation's language)
            turn = Turn(role=type_name, text=text, at=timestamp, feedback=votes.get(timestamp, 0))
            if type_name == "user":
                intent = event.get("parse_data", {}).get("intent") or {}
                turn.intent, turn.confidence = intent.get("name") or "", intent.get("confidence")
            turns.append(turn)
        return channel_of(sender_id), turns


def _text(data: str, event: dict[str, Any] | None = None) -> str:
    event = json.loads(data) if event is None else event
    return str(event.get("text") or "")


def message_language(event: dict[str, Any]) -> str:
    """The language the gateway gave a user message (or its client's hint), one of those served; the default
    when neither."""
    metadata = event.get("metadata") or {}
    for candidate in (metadata.get("language"), metadata.get("hint")):
        if served(candidate):
            return str(candidate)
    return DEFAULT


def best_guess(event: dict[str, Any]) -> tuple[str, float]:
    """The most likely intent other than the fallback, and its confidence."""
    parse = event.get("parse_data") or {}
    for candidate in parse.get("intent_ranking") or [parse.get("intent") or {}]:
        if candidate.get("name") and candidate["name"] != "nlu_fallback":
            return candidate["name"], float(candidate.get("confidence") or 0.0)
    return "", 0.0
