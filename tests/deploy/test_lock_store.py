"""The lock store Rasa is given in production (runtime/lock_store.py), against a real Redis: tickets that
a killed instance leaves behind expire within the gateway's timeout, and without Redis a conversation is
locked in memory, its turns still one after another."""

from __future__ import annotations

import asyncio
import time

from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.endpoints import lock_store
from runtime.lock_store import FailSafeRedisLockStore
from runtime.settings import Settings
from runtime.stack import free_port
from tests.deploy.servers import redis


def created(url: str) -> FailSafeRedisLockStore:
    """The lock store as Rasa creates it from the endpoints file."""
    config = dict(lock_store(url) or {})
    store = LockStore.create(EndpointConfig(url=config.pop("url"), **config))
    assert isinstance(store, FailSafeRedisLockStore)
    return store


async def turns_in_order(store: FailSafeRedisLockStore) -> list[str]:
    """Two turns of one conversation at once; each turn notes its start and its end."""
    notes: list[str] = []

    async def turn(name: str) -> None:
        async with store.lock("web:order"):
            notes.append(f"{name} starts")
            await asyncio.sleep(0.2)  # a turn's work, long enough for the other to try to start
            notes.append(f"{name} ends")

    await asyncio.gather(turn("first"), turn("second"))
    return notes


def test_a_ticket_left_behind_expires_within_the_gateways_timeout() -> None:
    with redis("geslo") as url:
        store = created(url)
        store.issue_ticket("web:killed", store.lifetime)  # taken by an instance that was then killed
        ticket = store.get_lock("web:killed").tickets[0]
        assert 0 < ticket.expires - time.time() <= store.lifetime < Settings().rasa_timeout
        assert asyncio.run(turns_in_order(store)) == ["first starts", "first ends", "second starts", "second ends"]


def test_without_redis_a_conversation_is_locked_in_memory() -> None:
    store = created(f"redis://127.0.0.1:{free_port()}/1")  # nothing listens there
    started = time.monotonic()
    assert asyncio.run(turns_in_order(store)) == ["first starts", "first ends", "second starts", "second ends"]
    assert time.monotonic() - started < 2.0  # a refused connection costs nothing like the socket timeout
