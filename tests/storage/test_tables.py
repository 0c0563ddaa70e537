"""The one declaration of the stored data: Rasa's `events` as Rasa 3.6 creates it, and the assistant's tables
created, on SQLite and on a real PostgreSQL, on a fresh database and an existing one, by their users."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateTable

from storage.tables import (
    ACCOUNTS,
    EVENT_INDEXES,
    EVENTS,
    FEEDBACK,
    STAFF_ANSWER_TABLES,
    STAFF_TABLES,
    TURN_INDEXES,
    create,
    create_staff,
    metadata,
)

RASA_EVENTS = SQLTrackerStore.SQLEvent.__table__


def indexes(table: sa.Table) -> set[tuple[str, tuple[str, ...], bool]]:
    return {(str(index.name), tuple(column.name for column in index.columns), bool(index.unique))
            for index in table.indexes}  # fmt: skip


def test_events_is_the_table_rasa_creates() -> None:
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        assert str(CreateTable(EVENTS).compile(dialect=dialect)) == str(
            CreateTable(RASA_EVENTS).compile(dialect=dialect)
        )
    assert str(EVENTS.c.id.default) == str(RASA_EVENTS.c.id.default)  # Rasa's optional sequence, for Oracle
    # Rasa's index, and the staff area's and the tracker store's, which they add.
    assert indexes(EVENTS) == indexes(RASA_EVENTS) | {
        (i.name, tuple(c.name for c in i.columns), False) for i in (*EVENT_INDEXES, *TURN_INDEXES)
    }


def test_every_table_of_the_assistant_is_made_by_its_users() -> None:
    assert set(metadata.tables.values()) == {*STAFF_TABLES, *STAFF_ANSWER_TABLES}
    assert EVENTS.name not in metadata.tables  # Rasa's: never created by the assistant


def names(engine: sa.engine.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def columns(engine: sa.engine.Engine, table: sa.Table) -> list[tuple[str, bool]]:
    return [(column["name"], column["nullable"]) for column in sa.inspect(engine).get_columns(table.name)]


def test_the_tables_on_a_fresh_database_and_an_existing_one(empty_tracker_store: str) -> None:
    engine = sa.create_engine(empty_tracker_store)
    create(engine, [FEEDBACK])  # the feedback writer makes only its table
    assert names(engine) == {"feedback"}
    create(engine, STAFF_ANSWER_TABLES)  # an action server before any staff area
    create_staff(engine)  # before Rasa has stored anything: no `events` made, no index on it
    assert names(engine) == {table.name for table in metadata.tables.values()}
    with engine.begin() as connection:
        connection.execute(ACCOUNTS.insert().values(name="Ana", name_key="ana", role="skrbnik", password_hash="x",
                                                    active=True, created_at=1.0))  # fmt: skip

    rasa = SQLTrackerStore(Domain.empty(), host=empty_tracker_store)  # Rasa makes `events` when it starts
    asyncio.run(rasa.save(DialogueStateTracker.from_events("web:1", [UserUttered("živjo", timestamp=1.0)])))
    rasa.engine.dispose()
    create_staff(engine)  # an existing database: what exists stays, the index joins `events`
    create(engine, STAFF_ANSWER_TABLES)
    assert names(engine) == {EVENTS.name, *(table.name for table in metadata.tables.values())}
    assert {index["name"] for index in sa.inspect(engine).get_indexes(EVENTS.name)} == {
        "ix_events_sender_id", "ix_events_staff"
    }  # fmt: skip
    with engine.connect() as connection:
        assert connection.execute(sa.select(ACCOUNTS.c.name)).scalars().all() == ["Ana"]
        assert connection.execute(sa.select(sa.func.count()).select_from(EVENTS)).scalar() == 1
    # The database's tables have the columns declared, in order, as nullable as declared.
    for table in [EVENTS, *metadata.tables.values()]:
        assert columns(engine, table) == [(column.name, column.nullable) for column in table.columns], table.name
    engine.dispose()
