"""Waiting in the deploy tests without betting on how busy the machine is.

They run on a 2-core machine that other work may load at the same time. A bound on wall time in them is one
of two kinds, never a fixed figure that a loaded machine could miss:

- a guard against a hang (HANG_GUARD_SECONDS), far above what a working system needs, while what is awaited
  fails the test at once when it cannot come (the process waited for has exited);
- a bound scaled from a step measured on this machine in the same run, so that the claim (a publication
  arrives without a restart) holds at any load. The figure a goal is about (a publication in use within 5 s)
  is printed beside it, not asserted.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from staff_answers.corpus import corpus
from staff_answers.entries import Entry
from staff_answers.live import INTERVAL, answering_matcher

HANG_GUARD_SECONDS = 600.0
PUBLICATION_GOAL_SECONDS = 5.0  # the goal: a publication in use on every replica within 5 s
# How many times slower than the step measured here the awaited work may be: it runs in other processes that
# compete for the same two cores (two action servers, Rasa, the gateway) while the measurement ran alone.
SLACK = 10.0


def until_healthy(process: subprocess.Popen[bytes], healthy: Callable[[], bool], log: Path) -> None:
    """Wait until `healthy()`, failing at once (with the end of its log) when `process` exits; a hang guard."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not healthy():
        assert process.poll() is None, f"exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}"
        assert time.monotonic() < deadline, f"hung for {HANG_GUARD_SECONDS:.0f} s: {log}"
        time.sleep(0.2)


def timed(step: Callable[[], object], times: int = 3) -> float:
    """The slowest of `times` runs of `step`, in seconds: the machine's pace now, a burst included."""
    slowest = 0.0
    for _ in range(times):
        started = time.perf_counter()
        step()
        slowest = max(slowest, time.perf_counter() - started)
    return slowest


def publication_step(entries: Sequence[Entry]) -> float:
    """Seconds this machine takes now for what an action server does with a new publication of `entries`:
    building its matcher with the training data (staff_answers.live.build), measured in this process."""
    training = corpus()  # loaded once per process, as an action server has it loaded
    return timed(lambda: answering_matcher(entries, training))


def publication_bound(entries: Sequence[Entry]) -> float:
    """How long a publication of `entries` may take to be in use on an action server at this machine's pace: a
    poll (live.INTERVAL) and SLACK times its matcher's build measured now; never less than the 5 s goal."""
    return max(PUBLICATION_GOAL_SECONDS, INTERVAL + SLACK * publication_step(entries))
