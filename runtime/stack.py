"""Start the assistant's processes, wait until they answer, stop them together.

`python -m runtime.stack` is what `make run` starts: Rasa and the action server on loopback, and the
gateway (`python -m bot`: web chat API, Telegram). One Ctrl-C stops everything.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import errno
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import IO

import httpx

from runtime.readiness import is_answering, is_ready
from runtime.role import MODEL, ROOT, command
from runtime.settings import Settings

STOP_GRACE_SECONDS = 10
# Linux prctl(2): the signal a process gets when the thread that started it exits, however it exits.
PR_SET_PDEATHSIG = 1
# Loaded here, not in the forked child, where loading a library is unsafe.
_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None


class StackFailed(RuntimeError):
    """A process of the assistant exited or did not become ready."""


class Stack(AbstractContextManager["Stack"]):
    """Rasa (one or more instances), the action server and the gateway, each in its own process group.

    The Rasa instances listen on `rasa_ports` (default: RASA_PORT) and share the tracker store.
    """

    def __init__(
        self,
        settings: Settings,
        model: Path = MODEL,
        log_dir: Path | None = None,
        rasa_ports: tuple[int, ...] = (),
    ) -> None:
        self.settings = settings
        self.model = model
        self.log_dir = log_dir
        self.rasa_ports = rasa_ports or (settings.rasa_port,)
        self._processes: dict[str, subprocess.Popen[bytes]] = {}
        self._commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        # Rasa's HTTP API (the tracker, for the chat history) needs a token; one is made when unset.
        self.rasa_token = settings.rasa_token or secrets.token_hex(24)
        self._logs: list[IO[bytes]] = []

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.rasa_ports]

    def __enter__(self) -> Stack:
        try:
            self.start()
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        # Before anything starts: a taken port would otherwise show as a stack trace in one process's log,
        # or, worse, a probe answered by the program holding it.
        ports = [
            ("PORT", self.settings.host, self.settings.port),
            ("ACTION_PORT", "127.0.0.1", self.settings.action_port),
        ]
        if self.settings.metrics_port:
            ports.append(("METRICS_PORT", self.settings.host, self.settings.metrics_port))
        if self.settings.action_metrics_port:
            ports.append(("ACTION_METRICS_PORT", "127.0.0.1", self.settings.action_metrics_port))
        ports += [("RASA_PORT", self.settings.rasa_host, port) for port in self.rasa_ports]
        for variable, host, port in ports:
            check_port_free(host, port, variable)
        if not self.model.exists():
            raise StackFailed(f"no trained model at {self.model}: run `make train` first")
        env = {
            **os.environ,
            "SANIC_HOST": "127.0.0.1",  # the action server listens on loopback only
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "RASA_TELEMETRY_ENABLED": "false",
        }
        # The action server reads the staff answers from the tracker store's database (actions/staff.py).
        database = {"DATA_DIR": self.settings.data_dir, "TRACKER_STORE_URL": self.settings.tracker_store_url}
        action_metrics = {"ACTION_METRICS_PORT": str(self.settings.action_metrics_port)}
        self._spawn("actions", command("actions", self.settings), {**env, **database, **action_metrics})
        for index, port in enumerate(self.rasa_ports):
            instance = replace(self.settings, rasa_port=port, rasa_token=self.rasa_token)
            self._spawn(f"rasa-{index}", command("rasa", instance, self.model), {**env, "RASA_TOKEN": self.rasa_token})
            if index == 0 and len(self.rasa_ports) > 1:
                # The first instance creates the tracker store's tables; instances starting together on an
                # empty database race to create them and one fails.
                asyncio.run(self._wait(300.0, self.rasa_urls[:1], gateway=False))
        # The gateway gets every setting (its tracker store URL too: it deletes old conversations there).
        gateway_settings = replace(self.settings, rasa_urls=tuple(self.rasa_urls), rasa_token=self.rasa_token)
        gateway_env = {**env, **gateway_settings.to_env()}
        self._spawn("gateway", command("gateway", self.settings), gateway_env)

    def pids(self) -> dict[str, int]:
        """The running processes by name, for measuring them."""
        return {name: process.pid for name, process in self._processes.items()}

    def stop_process(self, name: str) -> None:
        """Stop one process (e.g. "rasa-0"), as an outage would; `restart_process` brings it back."""
        process = self._processes.pop(name)
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()

    def restart_process(self, name: str) -> None:
        command, env = self._commands[name]
        self._spawn(name, command, env)

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self._commands[name] = (command, env)
        output: IO[bytes] | None = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115  (closed in stop())
            self._logs.append(output)
        self._processes[name] = start_child(command, env, output)

    def wait_until_ready(self, timeout: float = 300.0) -> None:
        asyncio.run(self._wait(timeout, self.rasa_urls))

    async def _wait(self, timeout: float, rasa_urls: list[str], gateway: bool = True) -> None:
        deadline = time.monotonic() + timeout
        gateway_health = f"{self.settings.gateway_url}/healthz"
        async with httpx.AsyncClient(timeout=10.0) as client:
            while time.monotonic() < deadline:
                self.check_alive()
                answering = [await is_answering(client, url) for url in rasa_urls]
                if all(answering) and (not gateway or await is_ready(client, gateway_health)):
                    return
                await asyncio.sleep(1.0)
        raise StackFailed(f"the assistant was not ready within {timeout:.0f} s{self._log_hint()}")

    def check_alive(self) -> None:
        for name, process in self._processes.items():
            if process.poll() is not None:
                raise StackFailed(f"{name} exited with code {process.returncode}{self._log_hint()}")

    def _log_hint(self) -> str:
        return f" (logs in {self.log_dir})" if self.log_dir else ""

    def stop(self) -> None:
        for process in self._processes.values():
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self._processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
        self._processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()


class PortTaken(StackFailed):
    """A port the assistant needs is held by another program."""


def check_port_free(host: str, port: int, variable: str) -> None:
    """Bind the port as the servers will (SO_REUSEADDR, so that an earlier run's closing connections do
    not count), and say which setting moves it when another program holds it."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise StackFailed(f"cannot listen on {host}:{port} ({error.strerror}): set {variable}=…") from None
            raise PortTaken(
                f"Port {port} is taken (by another program, perhaps an earlier `make run`): stop it or set {variable}=…"
            ) from None


def start_child(command: list[str], env: dict[str, str], output: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """One of the assistant's processes, in its own process group (Ctrl-C reaches the runner, which stops
    the children in order) and killed by the kernel when the runner dies, even by SIGKILL or the OOM
    killer, so that no orphan keeps holding a port. Call it from the main thread: the kernel ties the
    signal to the thread that forked. The signal reaches the child alone, not processes it starts; Rasa,
    the action server and the gateway start none (each serves in its one process)."""
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT if output else None,
        start_new_session=True, preexec_fn=_die_with_parent(os.getpid()),
    )  # fmt: skip


def _die_with_parent(parent: int) -> Callable[[], None] | None:
    if _LIBC is None:  # not Linux: no parent-death signal; Ctrl-C and SIGTERM still stop the children
        return None

    def in_child() -> None:
        # Runs after fork, before exec; the setting survives exec. SIGKILL: a dead runner cannot stop
        # anything gracefully, and a child that handles SIGTERM slowly would still hold its port.
        if _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the runner died before the prctl: the signal will not come
            os._exit(1)

    return in_child


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def assistant_running(settings: Settings, log_dir: Path, fresh: bool = False) -> Iterator[Settings]:
    """The assistant at `settings.gateway_url` if it answers there (unless `fresh`); otherwise one started on
    free loopback ports for the duration of the block. Yields the settings to reach it with."""

    async def answers() -> bool:
        async with httpx.AsyncClient() as client:
            return await is_ready(client, f"{settings.gateway_url}/healthz")

    if not fresh and asyncio.run(answers()):
        yield settings
        return
    ports = {"rasa_port": free_port(), "action_port": free_port(), "port": free_port()}
    own = replace(settings, **ports, rasa_url="", rasa_urls=(), telegram_token="")
    print(f"starting the assistant on {own.gateway_url} …", flush=True)
    with Stack(own, log_dir=log_dir):
        yield own


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)


def _exit_on_signal(signum: int, frame: object) -> None:
    """Ctrl-C, SIGTERM and SIGHUP unwind the same way, so that the children are stopped too."""
    raise KeyboardInterrupt


def main() -> None:
    # Set explicitly: a shell that starts the runner in the background makes it ignore SIGINT.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _exit_on_signal)
    settings = Settings.from_env()
    print("Zaganjam pomočnika (Rasa, strežnik akcij in prehod) …", flush=True)
    try:
        with Stack(settings) as stack:
            telegram = "vklopljen" if settings.telegram_token else "izklopljen (TELEGRAM_TOKEN ni nastavljen)"
            example = '{"session": "jaz", "text": "Ali interventna služba pokriva Izolo?"}'
            print(
                f"\nPomočnik CSD Koper teče na {settings.gateway_url}. Pišite mu prek spletnega vmesnika, na primer:\n"
                f"  curl -s {settings.gateway_url}/api/chat -H 'Content-Type: application/json' -d '{example}'\n"
                f"Telegram: {telegram}. Ustavite ga s Ctrl-C.",
                flush=True,
            )
            while True:
                stack.check_alive()
                time.sleep(1.0)
    except KeyboardInterrupt:
        print("\nPomočnik je ustavljen.")
    except StackFailed as error:
        sys.exit(f"Pomočnik se je ustavil: {error}")


if __name__ == "__main__":
    main()
