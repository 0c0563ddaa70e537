"""The runner behind `make run`: its children die with it, however it dies, and a taken port stops it
before anything starts, with the setting that moves it named."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import PortTaken, Stack, check_port_free, free_port

# A runner with three cheap children started the way the real ones are (Stack._spawn), each holding a port
# as Rasa, the action server and the gateway do; it prints their pids and waits to be killed.
RUNNER = """
import sys, time
from runtime.settings import Settings
from runtime.stack import Stack
stack = Stack(Settings())
child = "import socket, time; s = socket.socket(); s.bind(('127.0.0.1', {port})); s.listen(); time.sleep(120)"
for name, port in zip(("rasa-0", "actions", "gateway"), sys.argv[1:]):
    stack._spawn(name, [sys.executable, "-c", child.format(port=port)], {})
print(" ".join(str(pid) for pid in stack.pids().values()), flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent that does not reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def taken(port: int) -> bool:
    try:
        check_port_free("127.0.0.1", port, "PORT")
    except PortTaken:
        return True
    return False


@pytest.fixture
def listening() -> Iterator[int]:
    """A port held by another program."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_the_children_die_with_a_runner_killed_outright() -> None:
    ports = [str(free_port()) for _ in range(3)]
    runner = subprocess.Popen([sys.executable, "-c", RUNNER, *ports], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert runner.stdout is not None
        children = [int(pid) for pid in runner.stdout.readline().split()]
        assert len(children) == 3 and all(alive(pid) for pid in children)
        while not all(taken(int(port)) for port in ports):  # until every child listens, at whatever pace
            assert all(alive(pid) for pid in children)  # one that cannot listen exits (they all do after 120 s)
            time.sleep(0.05)
        runner.send_signal(signal.SIGKILL)  # as the OOM killer would: no handler runs
        runner.wait()
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in children)
        for port in ports:  # the next `make run` can have them
            check_port_free("127.0.0.1", int(port), "PORT")
    finally:
        runner.kill()
        runner.wait()


def test_a_taken_port_stops_the_start_before_anything_runs(listening: int, tmp_path: Path) -> None:
    model = tmp_path / "csd.tar.gz"
    model.touch()
    settings = Settings(port=free_port(), rasa_port=listening, action_port=free_port(), data_dir=str(tmp_path))
    stack = Stack(settings, model=model)
    with pytest.raises(PortTaken, match=rf"^Port {listening} is taken .*earlier `make run`.*set RASA_PORT="):
        stack.start()
    assert stack.pids() == {}


def test_make_run_on_a_taken_port_says_so_without_a_stack_trace(listening: int, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PORT": str(listening),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "runtime.stack"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert f"Port {listening} is taken (by another program, perhaps an earlier `make run`)" in result.stderr
    assert "set PORT=" in result.stderr
    assert "Traceback" not in result.stderr
