"""Who may see the staff area: HTTP basic auth with one password from STAFF_PASSWORD.

The user name is free, so that the view log says who looked; the password is compared in constant time.
Failed logins are counted per client address: after FAILURES_ALLOWED in WINDOW seconds, every login
from there gets 429 until the window has passed. Behind the TLS proxy the address is the one uvicorn
takes from X-Forwarded-For of a trusted proxy (its forwarded_allow_ips).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import time
from collections import deque

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

FAILURES_ALLOWED = 5
WINDOW = 60.0
REALM = 'Basic realm="Osebje CSD Koper", charset="UTF-8"'


def credentials(request: Request) -> tuple[str, str] | None:
    """(user name, password) from the Authorization header, or None when there is none or it is malformed."""
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, separator, password = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (user, password) if separator else None


def valid_user_name(user: str) -> bool:
    return 0 < len(user.strip()) <= 64 and user.isprintable()


class LoginGuard:
    """Checks the password and slows a flood of wrong ones, per client address, in memory."""

    def __init__(self, password: str, allowed: int = FAILURES_ALLOWED, window: float = WINDOW) -> None:
        self._password = password.encode("utf-8")
        self.allowed = allowed
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        # Derived from the password: a new password makes old form tokens and conversation hashes invalid.
        self.key = hashlib.sha256(b"csd-staff:" + self._password).digest()

    def _recent(self, client: str, now: float) -> deque[float]:
        if len(self._failures) > 10_000:  # forget addresses quiet for a window
            self._failures = {c: t for c, t in self._failures.items() if t and now - t[-1] < self.window}
        failures = self._failures.setdefault(client, deque())
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        return failures

    def check(self, request: Request) -> str | Response:
        """The user name when the request may pass, else the response to send (401 or 429)."""
        client = request.client.host if request.client else ""
        now = time.monotonic()
        failures = self._recent(client, now)
        if len(failures) >= self.allowed:
            retry = max(1, math.ceil(self.window - (now - failures[0])))
            return PlainTextResponse(
                "Preveč napačnih prijav. Poskusite znova čez minuto.", 429, headers={"Retry-After": str(retry)}
            )
        given = credentials(request)
        if given is None:
            return _challenge("Za ogled se prijavite z imenom in geslom za osebje.")
        user, password = given
        if not hmac.compare_digest(password.encode("utf-8"), self._password):
            failures.append(now)
            return _challenge("Napačno geslo.")
        if not valid_user_name(user):
            return _challenge("Kot uporabniško ime vpišite svoje ime (do 64 znakov).")
        return user.strip()

    def csrf_token(self, user: str) -> str:
        """A form token bound to the user and the password (basic auth alone would let another site post)."""
        return hmac.new(self.key, b"csrf:" + user.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_ok(self, request: Request, user: str, token: str) -> bool:
        """The form's token is right and the request, if the browser says so, comes from this site."""
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return False
        origin = request.headers.get("origin")
        # The host only: behind the TLS proxy the scheme the app sees may differ from the browser's.
        if origin and origin.partition("://")[2] != request.headers.get("host", ""):
            return False
        return hmac.compare_digest(token.encode("utf-8"), self.csrf_token(user).encode("utf-8"))


def _challenge(message: str) -> Response:
    return PlainTextResponse(message, 401, headers={"WWW-Authenticate": REALM})
