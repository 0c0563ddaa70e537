"""Real PostgreSQL and Redis servers from Debian's packages, started on free loopback ports in a
temporary folder and stopped afterwards. `make test` installs the packages when they are missing."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.stack import free_port


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, run it as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres() -> Iterator[str]:
    """A PostgreSQL server with an empty database `rasa`; yields its URL."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert binaries, "PostgreSQL is missing: `make test` installs Debian's postgresql package"
    bin_dir = Path(binaries[-1])
    # A folder of its own directly in /tmp: the `postgres` user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="csd-koper-postgres-"))
    data, sockets = folder / "pgdata", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    run = lambda *command: subprocess.run(_as_postgres_user(list(command)), check=True, capture_output=True)  # noqa: E731
    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "postgres.log"), "-w", "start")
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "rasa")
        yield f"postgresql://postgres@127.0.0.1:{port}/rasa"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def redis() -> Iterator[str]:
    """A Redis server that keeps nothing on disk; yields its URL."""
    server = shutil.which("redis-server")
    assert server, "Redis is missing: `make test` installs Debian's redis-server package"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while (
            subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/1"
    finally:
        process.terminate()
        process.wait(timeout=10)
