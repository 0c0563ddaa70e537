"""Signed-in browsers: a random token in a cookie, its session a row in the database (`staff_sessions`).

A session ends after `idle` seconds without a request, after `absolute` seconds whatever happens, at sign-out,
and when its account is disabled or gets a new password. Every replica sees the same sessions. The role is
read from the account at each request: a change of role counts at once. The row holds the token's SHA-256,
not the token; the session's form token (CSRF) is the one its pages' forms carry.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from bot.staff.accounts import Account, StaffUser
from storage.tables import ACCOUNTS, SESSIONS, create_staff

COOKIE = "staff_session"
IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 8 * 3600
SEEN_EVERY = 30.0  # seconds between two writes of a session's last request: its idle time need not be exact


@dataclass(frozen=True)
class Session:
    user: StaffUser
    csrf: str
    token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SessionStore:
    def __init__(
        self,
        engine: sa.engine.Engine,
        idle: float = IDLE_SECONDS,
        absolute: float = ABSOLUTE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.idle = idle
        self.absolute = absolute
        self.clock = clock
        create_staff(engine)

    def start(self, account: Account) -> Session:
        """A new session for `account` (the sign-in); expired sessions of everyone are removed on the way."""
        token, csrf, now = secrets.token_urlsafe(32), secrets.token_hex(32), self.clock()
        with self.engine.begin() as connection:
            connection.execute(sa.delete(SESSIONS).where(self._expired(now)))
            connection.execute(
                sa.insert(SESSIONS),
                {
                    "token_hash": _digest(token),
                    "account_id": account.id,
                    "csrf": csrf,
                    "created_at": now,
                    "seen_at": now,
                },
            )
        return Session(account.user, csrf, token)

    def _expired(self, now: float) -> sa.sql.ColumnElement[bool]:
        return sa.or_(SESSIONS.c.seen_at <= now - self.idle, SESSIONS.c.created_at <= now - self.absolute)

    def find(self, token: str) -> Session | None:
        """The session of this cookie's token, if it is still valid (and its account active); it is kept alive."""
        if not token or len(token) > 128:
            return None
        now = self.clock()
        query = (
            sa.select(SESSIONS.c.csrf, SESSIONS.c.seen_at, SESSIONS.c.created_at, ACCOUNTS.c.name, ACCOUNTS.c.role,
                      ACCOUNTS.c.active)
            .join(ACCOUNTS, ACCOUNTS.c.id == SESSIONS.c.account_id)
            .where(SESSIONS.c.token_hash == _digest(token))
        )  # fmt: skip
        with self.engine.begin() as connection:
            row = connection.execute(query).first()
            if row is None:
                return None
            if not row.active or row.seen_at <= now - self.idle or row.created_at <= now - self.absolute:
                connection.execute(sa.delete(SESSIONS).where(SESSIONS.c.token_hash == _digest(token)))
                return None
            if now - row.seen_at >= SEEN_EVERY:
                connection.execute(
                    sa.update(SESSIONS).where(SESSIONS.c.token_hash == _digest(token)).values(seen_at=now)
                )
        return Session(StaffUser(row.name, row.role), row.csrf, token)

    def end(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.delete(SESSIONS).where(SESSIONS.c.token_hash == _digest(token)))
