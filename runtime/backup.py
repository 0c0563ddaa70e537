"""Back up everything the assistant keeps, and restore it into an empty database.

    python -m runtime.backup dump             (make backup; Kubernetes: the CronJob `backup`, ROLE=backup)
    python -m runtime.backup restore FILE     (make restore FILE=…)

Everything lives in the tracker store's database (TRACKER_STORE_URL, else the SQLite file in DATA_DIR):
Rasa's conversations, the staff answers and their publications, staff accounts and audit, feedback and the
daily totals. A backup is the whole database, so that a table added later is never left out of it.

- PostgreSQL: pg_dump's custom format; restored by pg_restore in one transaction, so that a failed restore
  leaves the database as empty as it was, and says so.
- SQLite: sqlite3's online backup API, a consistent copy while the assistant writes.

A backup is written under a temporary name and then linked to `pomocnik-<UTC time>.<pgdump|sqlite>` in
BACKUP_DIR: a name that exists is never overwritten, and a file under such a name is always complete. After
each backup only the newest BACKUP_KEEP are kept. The files hold personal data: they are made readable by
their owner only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings, SettingsError

SUFFIXES = {"postgresql": ".pgdump", "sqlite": ".sqlite"}
# What a file starts with decides what it is, whatever its name says.
MAGIC = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
NAME = re.compile(r"pomocnik-\d{8}T\d{6}Z\.(pgdump|sqlite)")
STALE_PARTIAL_SECONDS = 86_400  # a dump killed half-way (out of memory, a deadline) leaves its temporary file


class BackupError(RuntimeError):
    """A backup or restore that did not happen; the message says what to do (and never holds a password)."""


def kind(url: str) -> str:
    return "postgresql" if url.startswith("postgresql://") else "sqlite"


def backup_name(url: str, now: datetime) -> str:
    return f"pomocnik-{now.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}{SUFFIXES[kind(url)]}"


def dump(url: str, folder: Path, keep: int, now: datetime | None = None) -> Path:
    """Back up the database at `url` into a new file in `folder`; then keep only the newest `keep` backups."""
    target = folder / backup_name(url, now or datetime.now(timezone.utc))
    if target.exists():
        raise BackupError(f"{target} exists already: it is not overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".pomocnik-", suffix=".partial")  # mode 600
    os.close(handle)
    partial = Path(name)
    try:
        if kind(url) == "postgresql":
            _run("pg_dump", url, "--format=custom", f"--file={partial}")
        else:
            _copy_sqlite(_sqlite_path(url), partial)
        try:
            os.link(partial, target)  # unlike a rename, fails when the name was taken meanwhile
        except FileExistsError:
            raise BackupError(f"{target} exists already: it is not overwritten") from None
    finally:
        partial.unlink(missing_ok=True)
    prune(folder, max(keep, 1))  # never the one just made
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder` (by the time in their names); return the deleted."""
    backups = sorted(path for path in folder.iterdir() if NAME.fullmatch(path.name))
    old = backups[: max(len(backups) - keep, 0)]
    old += [path for path in folder.glob(".pomocnik-*.partial")
            if path.stat().st_mtime < time.time() - STALE_PARTIAL_SECONDS]  # fmt: skip
    for path in old:
        path.unlink()
    return old


def restore(url: str, backup: Path) -> dict[str, int]:
    """Restore `backup` into the empty database at `url`; the rows of each table restored."""
    if not backup.is_file():
        raise BackupError(f"no backup at {backup}")
    with backup.open("rb") as file:
        start = file.read(16)
    found = next((name for name, magic in MAGIC.items() if start.startswith(magic)), None)
    if found is None:
        raise BackupError(f"{backup} is neither a pg_dump archive (custom format) nor an SQLite database")
    if found != kind(url):
        raise BackupError(f"{backup} is a {found} backup, but TRACKER_STORE_URL names a {kind(url)} database")
    present = tables(url)
    if present:
        named = ", ".join(present[:4]) + (" …" if len(present) > 4 else "")
        raise BackupError(
            f"the database already holds {len(present)} tables ({named}): restore into an empty database "
            "(docs/deploy.md, 'Backups'); nothing was restored"
        )
    if found == "postgresql":
        # One transaction: an error anywhere rolls back everything. Owners and grants are the old server's;
        # the user of TRACKER_STORE_URL owns what it restores.
        _run("pg_restore", url, "--single-transaction", "--no-owner", "--no-privileges",
             str(backup), failed="nothing was restored: the restore is one transaction, rolled back")  # fmt: skip
        _analyze(url)  # pg_restore leaves the planner without statistics until autovacuum comes by
    else:
        _restore_sqlite(backup, _sqlite_path(url))
    return row_counts(url)


def tables(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        return sorted(sa.inspect(engine).get_table_names())
    except sa.exc.OperationalError as error:
        raise BackupError(f"cannot reach the database: {str(error.orig).strip().splitlines()[0]}") from None
    finally:
        engine.dispose()


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: connection.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
                    for name in sorted(sa.inspect(connection).get_table_names())}  # fmt: skip
    finally:
        engine.dispose()


def _analyze(url: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("ANALYZE"))
    finally:
        engine.dispose()


def _run(program: str, url: str, *arguments: str, failed: str = "") -> None:
    """Run pg_dump or pg_restore on the database at `url`, with its password in the environment, not in
    the command line that every process of the machine can read."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} is missing: install PostgreSQL's client programs (Debian: postgresql-client), "
                          "of the server's major version or newer")  # fmt: skip
    parsed = sa.engine.make_url(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if parsed.password is not None:  # else libpq's own ways (PGPASSWORD, ~/.pgpass) stay as they are
        env["PGPASSWORD"] = parsed.password
    database = parsed.set(password=None).render_as_string(hide_password=False)
    result = subprocess.run([path, f"--dbname={database}", *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        # Only the program's own lines: the server's CONTEXT and DETAIL lines can quote a row of a conversation.
        said = [line for line in result.stderr.splitlines() if line.startswith(f"{program}:")]
        raise BackupError("; ".join([f"{program} failed", *said[-3:], *([failed] if failed else [])]))


def _sqlite_path(url: str) -> Path:
    return Path(sa.engine.make_url(url).database or "")


def _copy_sqlite(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"no database at {source}: nothing to back up")
    _sqlite_backup(source, target)


def _restore_sqlite(backup: Path, target: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as reading:
            problems = [row[0] for row in reading.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems != ["ok"]:  # a damaged file is refused before anything is written
        raise BackupError(f"{backup} is damaged ({problems[0]}); nothing was restored")
    # The backup API writes the whole target in one transaction: a failure leaves it as it was.
    _sqlite_backup(backup, target)


def _sqlite_backup(source: Path, target: Path) -> None:
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as reading,
        closing(sqlite3.connect(target)) as writing,
    ):
        reading.backup(writing)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m runtime.backup", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dump", help="back up the database into BACKUP_DIR, keeping the newest BACKUP_KEEP")
    restoring = commands.add_parser("restore", help="restore a backup into the empty database")
    restoring.add_argument("file", type=Path)
    arguments = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        url = tracker_store_url(settings, ROOT)
        if arguments.command == "dump":
            folder = Path(settings.backup_dir)
            made = dump(url, folder if folder.is_absolute() else ROOT / folder, settings.backup_keep)
            print(f"backup: {made} ({made.stat().st_size:,} bytes)")
        else:
            counts = restore(url, arguments.file)
            print(f"restored {arguments.file}: " + ", ".join(f"{table} {rows}" for table, rows in counts.items()))
    except (BackupError, SettingsError) as error:
        sys.exit(f"{'backup' if arguments.command == 'dump' else 'restore'}: {error}")


if __name__ == "__main__":
    main()
