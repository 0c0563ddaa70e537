"""The guards of the staff area: failed sign-ins limited, forms checked (CSRF), pages closed to other roles.

Failed sign-ins are counted per client (bot.flood.client_address: X-Forwarded-For only from a trusted proxy),
an IPv6 client by its /64 network, whose every address is his to pick (bot.flood.network_of): after
FAILURES_PER_CLIENT in WINDOW seconds his sign-ins get 429 until the window has passed. And in all: after
FAILURES_IN_ALL failures in WINDOW seconds from anywhere (someone with many networks), every sign-in gets 429
for what is left of the window. Staff already signed in are not touched by either. Counted in memory, per
gateway process.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from starlette.requests import Request

from bot.flood import RateLimiter, client_address, network_of

FAILURES_PER_CLIENT = 5
FAILURES_IN_ALL = 50
WINDOW = 60.0
EVERYONE = ""


class SignInLimits:
    """How many sign-ins failed lately, per client and in all; whether one more may be tried."""

    def __init__(
        self,
        per_client: int = FAILURES_PER_CLIENT,
        in_all: int = FAILURES_IN_ALL,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client = RateLimiter(per_client, window, clock)
        self.in_all = RateLimiter(in_all, window, clock)

    @staticmethod
    def client(request: Request) -> str:
        return network_of(client_address(request))

    def retry_after(self, request: Request) -> int | None:
        """Seconds to wait when a sign-in from this request's client may not be tried now, else None."""
        client = self.client(request)
        if self.per_client.full(client):
            return self.per_client.retry_after(client)
        if self.in_all.full(EVERYONE):
            return self.in_all.retry_after(EVERYONE)
        return None

    def failed(self, request: Request) -> None:
        self.per_client.count(self.client(request))
        self.in_all.count(EVERYONE)


def same_site(request: Request) -> bool:
    """The request, if the browser says where it comes from, comes from this site (not a form elsewhere)."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    # The host only: behind the TLS proxy the scheme the app sees may differ from the browser's.
    return not origin or origin.partition("://")[2] == request.headers.get("host", "")


def csrf_ok(request: Request, expected: str, given: str) -> bool:
    """A form's token is the one expected (its session's, or the sign-in form's cookie) and it comes from here."""
    return bool(expected) and same_site(request) and hmac.compare_digest(given.encode(), expected.encode())
