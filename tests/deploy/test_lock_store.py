"""The lock store Rasa is given in production (runtime/lock_store.py), against a real Redis: tickets that
a killed instance leaves behind expire within the gateway's timeout, the turn waiting behind one is then
served however close the two were issued, and without Redis a conversation is locked in memory, its turns
still one after another."""

from __future__ import annotations

import asyncio
import time

from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.endpoints import lock_store
from runtime.lock_store import SOCKET_TIMEOUT, FailSafeRedisLockStore
from runtime.settings import Settings
from runtime.stack import free_port
from tests.deploy.servers import redis


def created(url: str) -> FailSafeRedisLockStore:
    """The lock store as Rasa creates it from the endpoints file."""
    config = dict(lock_store(url) or {})
    store = LockStore.create(EndpointConfig(url=config.pop("url"), **config))
    assert isinstance(store, FailSafeRedisLockStore)
    return store


IN_ORDER = ["first starts", "first ends", "second starts", "second ends"]


async def turns_in_order(store: LockStore) -> list[str]:
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


def test_a_turn_waiting_behind_a_dead_ticket_is_served_when_it_expires() -> None:
    """The killed instance's ticket and the taking-over instance's are issued a moment apart, closer than a
    poll: in Rasa's own store both have expired by the next poll, and the waiting turn waits for ever on an
    empty lock. Here it is served once the dead ticket has expired."""

    async def take_over(store: FailSafeRedisLockStore) -> float:
        store.issue_ticket("web:taken-over", store.lifetime)  # the killed instance's, never given back
        started = time.monotonic()
        async with store.lock("web:taken-over", wait_time_in_seconds=store.lifetime):
            return time.monotonic() - started

    with redis("geslo") as url:
        store = created(url)
        store.lifetime = 0.5  # a poll (wait_time) as long as a ticket's life: Rasa's store never serves it
        waited = asyncio.run(asyncio.wait_for(take_over(store), timeout=30))  # no hang, whatever the load
        assert waited >= 0.5  # the dead ticket was waited for, not ignored
        assert store.get_lock("web:taken-over") is None  # and the lock given back


def test_without_redis_a_conversation_is_locked_in_memory() -> None:
    store = created(f"redis://127.0.0.1:{free_port()}/1")  # nothing listens there
    started = time.monotonic()
    assert asyncio.run(turns_in_order(InMemoryLockStore())) == IN_ORDER  # the turns' own time, at this pace
    alone = time.monotonic() - started
    started = time.monotonic()
    assert asyncio.run(turns_in_order(store)) == IN_ORDER
    # A refused connection costs nothing like the socket timeout: measured against the same turns just before.
    assert time.monotonic() - started < alone + SOCKET_TIMEOUT / 2
