"""The staff area's audit log: who did or saw what, and when (the table `staff_audit`).

Every page view, sign-in (failed ones too), sign-out and change is one row: the user's name and role (none
when nobody is signed in), the moment, the method and path (filters only, never message text), an action
name such as "view" or "account_created", and details as short JSON. The gateway's log gets a line too.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import sqlalchemy as sa

from bot.staff.accounts import StaffUser
from storage.tables import AUDIT, create_staff

logger = logging.getLogger("bot.staff")
MAX_DETAIL = 200  # characters of one detail's value: the details say what happened, they hold no text


class AuditLog:
    def __init__(self, engine: sa.engine.Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock
        create_staff(engine)

    def audit(
        self, user: StaffUser | None, action: str, *, method: str = "", path: str = "", **details: object
    ) -> None:
        """Record one action (`details`: a few short values, e.g. name="Ana", role="urednik")."""
        short = {key: value if isinstance(value, bool | int | float) or value is None else str(value)[:MAX_DETAIL]
                 for key, value in details.items()}  # fmt: skip
        row = {
            "at": self.clock(), "user_name": user.name if user else None, "role": user.role if user else None,
            "method": method[:8], "path": path[:512], "action": action[:32],
            "details": json.dumps(short, ensure_ascii=False, sort_keys=True),
        }  # fmt: skip
        with self.engine.begin() as connection:
            connection.execute(sa.insert(AUDIT), row)
        logger.info("staff %s: %s %s %s %s", action, user.name if user else "-", method, path, row["details"])
