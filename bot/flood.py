"""Keep one source from crowding out everyone else: limits per client address and a bound on the work in flight.

A client's address is the one uvicorn leaves in the request's scope: the peer's, or, when the peer is a proxy
listed in TRUSTED_PROXIES, the client that proxy names in X-Forwarded-For (uvicorn's proxy headers support,
`forwarded_allow_ips`). Nothing here reads that header: a client that is no trusted proxy cannot pick its
address. Everything is kept in memory, per gateway process, and refuses at once rather than queueing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from starlette.requests import Request

# How soon to come back when the work in flight was full: a turn takes tens of milliseconds, so in a second
# the line has moved, and a person hardly notices the wait.
BUSY_RETRY_SECONDS = 1
# An address that has used up its minute gets its 429 after this long, not at once. It could not be served
# sooner anyway; a flood that waits for its answers (as scripts do) then sends at most its concurrency in
# requests a second, instead of the thousands a second whose refusals alone would keep the gateway's one
# event loop busy (docs/performance.md, make bench-flood). A held refusal costs a sleeping task, and at
# most MAX_HELD are held: past that, a flood is the TLS proxy's to limit (docs/deploy.md).
HOLD_SECONDS = 1.0
MAX_HELD = 1000


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def network_of(address: str) -> str:
    """The unit one client is counted by: an IPv4 address, or the /64 network of an IPv6 one (one
    subscriber's usual allocation: he can pick any address in it). Anything else as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class RateLimiter:
    """At most `limit` requests a minute for each key (a session, an address): a sliding window in memory."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._sent: dict[str, deque[float]] = {}

    def _recent(self, key: str, now: float) -> deque[float]:
        if len(self._sent) > 10_000:  # forget keys that have been quiet for a window
            self._sent = {k: times for k, times in self._sent.items() if times and now - times[-1] < self.window}
        times = self._sent.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def full(self, key: str) -> bool:
        """`key` has used up its window (nothing is counted)."""
        return len(self._recent(key, self.clock())) >= self.limit

    def count(self, key: str) -> None:
        """Count one for `key`, whether or not it is full (e.g. a failed sign-in)."""
        now = self.clock()
        self._recent(key, now).append(now)

    def allow(self, key: str) -> bool:
        if self.full(key):
            return False
        self.count(key)
        return True

    def retry_after(self, key: str) -> int:
        """Whole seconds until `key` may send again (at least 1)."""
        times = self._sent.get(key)
        if not times or len(times) < self.limit:
            return 1
        return max(1, math.ceil(self.window - (self.clock() - times[0])))


@dataclass(frozen=True)
class Refusal:
    """Why a request is not served now: 429 when its source sends too much, 503 when the gateway is full."""

    status: int
    retry_after: int  # seconds, for the Retry-After header
    reason: str  # for the API's `error`, in English like its other errors
    held: bool = False  # answered after HOLD_SECONDS: its address has used up its minute

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class InFlight:
    """At most `total` requests worked on at once, and at most `per_address` of them from one address.

    One over either bound is refused at once: waiting in line would hold its connection and memory, and
    make every other request wait behind it."""

    def __init__(self, total: int, per_address: int) -> None:
        self.total = total
        self.per_address = per_address
        self.count = 0
        self._by_address: dict[str, int] = {}

    @contextmanager
    def slot(self, address: str) -> Iterator[Refusal | None]:
        """None while the request holds a slot, or the Refusal when there is none for it."""
        # No await between the check and the count: in one event loop this cannot race.
        if self._by_address.get(address, 0) >= self.per_address:
            yield Refusal(429, BUSY_RETRY_SECONDS, "too many requests at once from this address")
            return
        if self.count >= self.total:
            yield Refusal(503, BUSY_RETRY_SECONDS, "the assistant is busy")
            return
        self.count += 1
        self._by_address[address] = self._by_address.get(address, 0) + 1
        try:
            yield None
        finally:
            self.count -= 1
            left = self._by_address[address] - 1
            if left:
                self._by_address[address] = left
            else:
                del self._by_address[address]


class AddressGuard:
    """Per client address at most `per_minute` requests a minute; and the bounds of InFlight."""

    def __init__(self, per_minute: int, total_in_flight: int, in_flight_per_address: int) -> None:
        self.rate = RateLimiter(per_minute)
        self.in_flight = InFlight(total_in_flight, in_flight_per_address)
        self.holding = 0

    @contextmanager
    def admit(self, address: str) -> Iterator[Refusal | None]:
        """None while the request may be worked on, or the Refusal to answer with.

        A request refused for a full line still counts against its address's minute: a flood then runs out
        of it at once, instead of taking every slot that frees."""
        if not self.rate.allow(address):
            yield Refusal(429, self.rate.retry_after(address), "too many requests from this address", held=True)
            return
        with self.in_flight.slot(address) as refused:
            yield refused

    async def hold(self, refusal: Refusal) -> None:
        """Wait HOLD_SECONDS before a held refusal is answered (at once when MAX_HELD already wait)."""
        if not refusal.held or self.holding >= MAX_HELD:
            return
        self.holding += 1
        try:
            await asyncio.sleep(HOLD_SECONDS)
        finally:
            self.holding -= 1
