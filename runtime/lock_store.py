"""Rasa's Redis lock store, with a shorter ticket lifetime and a fallback for when Redis is gone.

Rasa takes a conversation's lock (a ticket in Redis) for each message. Two changes to Rasa 3.6's
RedisLockStore:

- **Lifetime.** A killed Rasa instance leaves its conversations' tickets in Redis, and the instance that
  the gateway sends them to next waits until they expire: with Rasa's 60 s, longer than the gateway's
  RASA_TIMEOUT (20 s), the person got the apology. 10 s (TICKET_LOCK_LIFETIME, Rasa's own variable,
  overrides it) is ten times a turn's p99 at 50 concurrent conversations (docs/performance.md) and
  leaves the next instance 10 s of the gateway's 20 to answer.
- **Redis gone.** Rasa's store raises, Rasa answers nothing and logs the message's text with the error.
  This one locks the conversation in the process's memory meanwhile, as Rasa's in-memory store does:
  the gateway sends a conversation to one instance, so that lock still keeps its turns in order.

Endpoints: `lock_store: {type: runtime.lock_store.FailSafeRedisLockStore, url: host, port: …}`.
"""

from __future__ import annotations

import logging
import os
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
            lock = await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
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
