"""Rasa's Redis lock store, with a shorter ticket lifetime and a fallback for when Redis is gone.

Rasa takes a conversation's lock (a ticket in Redis) for each message. Two changes to Rasa 3.6's
RedisLockStore:

- **Lifetime.** A killed Rasa instance leaves its conversations' tickets in Redis, and the instance that
  the gateway sends them to next waits until they expire: with Rasa's 60 s, longer than the gateway's
  RASA_TIMEOUT (20 s), the person got the apology. 10 s (TICKET_LOCK_LIFETIME, Rasa's own variable,
  overrides it) is ten times a turn's p99 at 50 concurrent conversations (docs/performance.md) and
  leaves the next instance 10 s of the gateway's 20 to answer.
- **Waiting.** In Rasa's store a ticket waiting behind another expires like a ticket being served. When
  the ticket ahead of it expires less than a poll before its own (a killed instance's ticket, taken over
  at once), the waiting ticket is gone by the next poll, and Rasa waits on an empty lock for ever: the
  person got the apology. Here a waiting ticket is renewed at every poll (the process that waits is
  alive), and one that expired all the same, while the event loop was held, is issued anew.
- **Redis gone.** Rasa's store raises, Rasa answers nothing and logs the message's text with the error.
  This one locks the conversation in the process's memory meanwhile, as Rasa's in-memory store does:
  the gateway sends a conversation to one instance, so that lock still keeps its turns in order.

Endpoints: `lock_store: {type: runtime.lock_store.FailSafeRedisLockStore, url: host, port: …}`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockError, RedisLockStore
from redis.exceptions import RedisError

from runtime.rasa_server import check_rasa_version

logger = logging.getLogger(__name__)

LIFETIME = 10.0
SOCKET_TIMEOUT = 2.0  # a Redis command takes a millisecond; an unreachable Redis should not hold a turn 10 s


def lifetime() -> float:
    return float(os.environ.get("TICKET_LOCK_LIFETIME") or LIFETIME)


class FailSafeRedisLockStore(RedisLockStore):
    """RedisLockStore with tickets of `lifetime()` seconds, and locks in memory while Redis is gone."""

    def __init__(self, endpoint_config: Any) -> None:
        check_rasa_version()  # it relies on how Rasa 3.6's LockStore.lock takes and gives back a ticket
        options = {"socket_timeout": SOCKET_TIMEOUT, **endpoint_config.kwargs}
        super().__init__(host=endpoint_config.url or "localhost", **options)
        self.lifetime = lifetime()
        self._in_memory = InMemoryLockStore()

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float | None = None, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        lifetime = lock_lifetime or self.lifetime  # Rasa's agent passes none
        try:
            ticket = self.issue_ticket(conversation_id, lifetime)
            lock, ticket = await self._wait_for_turn(conversation_id, ticket, lifetime, wait_time_in_seconds)
        except (LockError, RedisError) as error:
            # Neither the conversation id nor the error's text (the message is not in it, but keep to the rule).
            logger.error(
                "Redis lock store unavailable (%s): locking in memory", type(error.__context__ or error).__name__
            )
            async with self._in_memory.lock(conversation_id, lifetime, wait_time_in_seconds) as memory_lock:
                yield memory_lock
            return
        try:
            yield lock
        finally:
            try:
                self.cleanup(conversation_id, ticket)
            except RedisError as error:  # the turn is done; its ticket expires by itself
                logger.error("Redis lock store unavailable (%s) giving a ticket back", type(error).__name__)

    async def _wait_for_turn(
        self, conversation_id: str, ticket: int, lifetime: float, wait_time_in_seconds: float
    ) -> tuple[TicketLock, int]:
        """Rasa's `_acquire_lock`, with the waiting ticket kept alive: the lock once `ticket` is served, and
        the ticket (a new one when it had expired while the event loop was held)."""
        while True:
            lock = self.get_lock(conversation_id)
            if not lock:  # deleted under us, as in Rasa: the turn is not answered rather than run unlocked
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not lock.is_locked(ticket):
                return lock, ticket
            if not self._renew(conversation_id, ticket, lifetime + wait_time_in_seconds):
                ticket = self.issue_ticket(conversation_id, lifetime)  # at the back of the queue again
                continue
            await asyncio.sleep(wait_time_in_seconds)

    def _renew(self, conversation_id: str, ticket: int, seconds: float) -> bool:
        """Make `ticket` expire `seconds` from now, in one Redis transaction (another instance may issue a
        ticket meanwhile); False when it has expired already."""
        key = self.key_prefix + conversation_id
        renewed = False

        def renew(pipe: Any) -> None:
            nonlocal renewed
            serialised = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(serialised)) if serialised else None
            mine = next((t for t in lock.tickets if t.number == ticket and not t.has_expired()), None) if lock else None
            renewed = mine is not None
            if lock and mine is not None:
                mine.expires = time.time() + seconds
                pipe.multi()
                pipe.set(key, lock.dumps())

        self.red.transaction(renew, key)
        return renewed
