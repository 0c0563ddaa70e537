"""Keys the staff area makes once and every replica shares (the table `staff_keys`), e.g. the key of the
conversations' short hashes."""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from storage.tables import KEYS


def stored_key(engine: sa.engine.Engine, name: str) -> bytes:
    """The key `name`, made at random the first time any replica asks for it."""
    with engine.begin() as connection:
        found = connection.execute(sa.select(KEYS.c.value).where(KEYS.c.name == name)).scalar()
    if found is None:
        try:
            with engine.begin() as connection:
                connection.execute(sa.insert(KEYS), {"name": name, "value": secrets.token_hex(32)})
        except sa.exc.IntegrityError:
            pass  # another replica made it first: its key is the one
        with engine.begin() as connection:
            found = connection.execute(sa.select(KEYS.c.value).where(KEYS.c.name == name)).scalar_one()
    return bytes.fromhex(found)
