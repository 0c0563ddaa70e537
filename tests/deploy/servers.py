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
from contextlib import contextmanager, suppress
from pathlib import Path

from runtime.settings import Settings
from runtime.stack import Stack, free_port


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, run it as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgresServer:
    """A PostgreSQL server in a folder of its own; `stop()` and `start()` make an outage."""

    def __init__(self, folder: Path, port: int, password: str = "") -> None:
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        assert binaries, "PostgreSQL is missing: `make test` installs Debian's postgresql package"
        self.bin_dir = Path(binaries[-1])
        self.folder, self.port, self.password = folder, port, password
        self.data, self.sockets = folder / "pgdata", folder / "sockets"
        user = f"postgres:{password}" if password else "postgres"
        self.url = f"postgresql://{user}@127.0.0.1:{port}/rasa"

    def _run(self, program: str, *arguments: str) -> None:
        command = _as_postgres_user([str(self.bin_dir / program), *arguments])
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PGPASSWORD": self.password})

    def create(self) -> None:
        self.sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.sockets, "postgres")
        authentication = ["-A", "trust"]
        if self.password:
            password_file = self.folder / "password"
            password_file.write_text(self.password)
            if os.geteuid() == 0:
                shutil.chown(password_file, "postgres")
            authentication = ["-A", "scram-sha-256", f"--pwfile={password_file}"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", *authentication, "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "rasa")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "postgres.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextmanager
def postgres(password: str = "") -> Iterator[PostgresServer]:
    """A PostgreSQL server with an empty database `rasa` (its URL: `.url`), removed afterwards; with
    `password`, it asks for it."""
    # A folder of its own directly in /tmp: the `postgres` user must be able to reach it.
    server = PostgresServer(Path(tempfile.mkdtemp(prefix="csd-koper-postgres-")), free_port(), password)
    try:
        server.create()
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


class RedisServer:
    """A Redis server that keeps nothing on disk; `stop()` and `start()` (same port) make an outage."""

    def __init__(self, port: int, password: str = "") -> None:
        program = shutil.which("redis-server")
        assert program, "Redis is missing: `make test` installs Debian's redis-server package"
        self.command = [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.command += ["--requirepass", password] if password else []
        self.port, self.password = port, password
        self.url = f"redis://:{password}@127.0.0.1:{port}/1" if password else f"redis://127.0.0.1:{port}/1"
        self.process: subprocess.Popen[bytes] | None = None

    def ping(self) -> bool:
        reply = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"],
            capture_output=True,
            text=True,
            env={**os.environ, "REDISCLI_AUTH": self.password},
        )
        return reply.stdout.strip() == "PONG"

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not self.ping():
            assert self.process.poll() is None, "redis-server exited"
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def redis_server(password: str = "") -> Iterator[RedisServer]:
    """A running Redis server (with `password` when given), stopped afterwards."""
    server = RedisServer(free_port(), password)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextmanager
def redis(password: str = "") -> Iterator[str]:
    """A Redis server that keeps nothing on disk, with `password` when given; yields its URL."""
    with redis_server(password) as server:
        yield server.url


@contextmanager
def production_shape(folder: Path, rasa_timeout: float, **settings: object) -> Iterator[tuple[Stack, PostgresServer]]:
    """The assistant as production runs it, on loopback: two Rasa instances on one PostgreSQL, locking in Redis,
    the action server and the gateway, with the limits per address and session lifted (every test turn comes
    from one address); logs in `folder`/logs. `settings` are further Settings fields."""
    with postgres() as database, redis() as lock:
        configured = Settings(
            action_port=free_port(), port=free_port(), messages_per_minute=1000, rasa_timeout=rasa_timeout,
            tracker_store_url=database.url, lock_store_url=lock, data_dir=str(folder / "data"),
            requests_per_minute_per_address=100_000, max_in_flight=1000, max_in_flight_per_address=1000,
            **settings,  # type: ignore[arg-type]
        )  # fmt: skip
        with Stack(configured, log_dir=folder / "logs", rasa_ports=(free_port(), free_port())) as stack:
            yield stack, database
