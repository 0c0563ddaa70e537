"""Backups on SQLite, the embedded shape (PostgreSQL on real servers: tests/deploy/test_backup_restore.py):
a copy that restores whole, names with the time that are never overwritten, the newest kept, and restores
that refuse what they cannot do whole."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from runtime.backup import BackupError, dump, main, restore, row_counts

NOW = datetime(2026, 12, 7, 2, 47, 0, tzinfo=timezone.utc)


def database(path: Path) -> str:
    """An SQLite database with a conversation's events and a feedback row, as the assistant keeps them."""
    url = f"sqlite:///{path}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)"))
        connection.execute(sa.text("CREATE TABLE feedback (id INTEGER PRIMARY KEY, sender_id TEXT, value INTEGER)"))
        connection.execute(sa.text("INSERT INTO events (sender_id, data) VALUES ('web:a', '{\"text\": \"živjo\"}')"))
        connection.execute(sa.text("INSERT INTO feedback (sender_id, value) VALUES ('web:a', 1)"))
    engine.dispose()
    return url


def rows(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = {name: [tuple(row) for row in connection.execute(sa.text(f"SELECT * FROM {name} ORDER BY id"))]
                 for name in sa.inspect(connection).get_table_names()}  # fmt: skip
    engine.dispose()
    return found


def test_a_backup_restores_whole_into_an_empty_database(tmp_path: Path) -> None:
    url = database(tmp_path / "tracker.db")
    made = dump(url, tmp_path / "backups", keep=14, now=NOW)
    assert made.name == "pomocnik-20261207T024700Z.sqlite"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600  # conversations: for its owner only
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made.name]  # no temporary file left
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    assert restore(restored, made) == {"events": 1, "feedback": 1}
    assert rows(restored) == rows(url)


def test_a_backup_is_never_overwritten(tmp_path: Path) -> None:
    url = database(tmp_path / "tracker.db")
    made = dump(url, tmp_path / "backups", keep=14, now=NOW)
    before = made.read_bytes()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO feedback (sender_id, value) VALUES ('web:b', -1)"))
    engine.dispose()
    with pytest.raises(BackupError, match="not overwritten"):
        dump(url, tmp_path / "backups", keep=14, now=NOW)  # the same second
    assert made.read_bytes() == before
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    url = database(tmp_path / "tracker.db")
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    stale = folder / ".pomocnik-killed.partial"  # left by a dump that was killed a day ago
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    made = [dump(url, folder, keep=2, now=NOW + timedelta(days=day)) for day in range(4)]
    assert sorted(p.name for p in folder.iterdir()) == sorted([made[2].name, made[3].name, "notes.txt"])


def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    url = database(tmp_path / "tracker.db")
    made = dump(url, tmp_path / "backups", keep=14, now=NOW)
    other = database(tmp_path / "other.db")
    with pytest.raises(BackupError, match="empty database.*nothing was restored"):
        restore(other, made)
    assert row_counts(other) == {"events": 1, "feedback": 1}


def test_a_restore_refuses_what_is_not_a_backup_of_this_kind(tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'new.db'}"
    pg_archive = tmp_path / "pomocnik-20261207T024700Z.pgdump"
    pg_archive.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(64))
    with pytest.raises(BackupError, match="postgresql backup, but TRACKER_STORE_URL names a sqlite database"):
        restore(target, pg_archive)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(BackupError, match="neither"):
        restore(target, text)
    with pytest.raises(BackupError, match="no backup at"):
        restore(target, tmp_path / "missing.sqlite")


def test_a_damaged_backup_restores_nothing(tmp_path: Path) -> None:
    made = dump(database(tmp_path / "tracker.db"), tmp_path / "backups", keep=14, now=NOW)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(made.read_bytes()[:100] + b"\xff" * 8000)
    target = f"sqlite:///{tmp_path / 'new.db'}"
    with pytest.raises(BackupError, match="nothing was restored"):
        restore(target, damaged)
    assert row_counts(target) == {}


def test_pg_dump_missing_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match="pg_dump is missing: install PostgreSQL's client programs"):
        dump("postgresql://rasa:secret@db/rasa", tmp_path / "backups", keep=14)
    assert not list((tmp_path / "backups").iterdir())


def test_the_command_reads_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("TRACKER_STORE_URL", database(tmp_path / "tracker.db"))
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    main(["dump"])
    (made,) = (tmp_path / "backups").iterdir()
    assert f"backup: {made}" in capsys.readouterr().out
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'restored.db'}")
    main(["restore", str(made)])
    assert capsys.readouterr().out.endswith("events 1, feedback 1\n")
    with pytest.raises(SystemExit, match=r"restore: the database already holds 2 tables \(events, feedback\)"):
        main(["restore", str(made)])
    monkeypatch.setenv("BACKUP_KEEP", "none")
    with pytest.raises(SystemExit, match="BACKUP_KEEP"):
        main(["dump"])
