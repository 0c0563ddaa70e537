"""A flood from one source against the whole assistant: what a real user's latency becomes, and what the flood gets.

    python -m tools.bench_flood [--turns 60] [--flood 200] [--unprotected-turns 15] [--no-unprotected] [--no-report]
    (make bench-flood)

Starts the assistant (runtime.stack) on free ports with the default limits. A real user, from 127.0.0.2, holds
conversations of real questions (the cases of tests/eval/core.yml, one session each), one turn after the other:
first alone, then from 127.0.0.3 while a flood from 127.0.0.1 keeps `--flood` chat requests in flight, each
under a new random session id and sent again as soon as it is answered. The flood runs in a process of its own, so that its
client's work does not sit in the real user's event loop. Then, unless --no-unprotected, the same again on an
assistant whose limits are lifted: the gateway as it was before the limits per address.

Loopback has every 127.x.y.z address, so each client binds its own source address (httpx's `local_address`)
and the gateway sees three clients, as it would on the network; no X-Forwarded-For is involved (the tests
check that path). Prints the figures and writes them into docs/performance.md, in a section of their own.
Goal: the real user's p95 under the flood within 2× of its p95 without it, and the flood answered 429/503.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import re
import tempfile
import textwrap
import time
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing.synchronize import Event
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from bot import flood as flood_limits
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import Stack, free_port
from tools.reports import write_section

REPORT = ROOT / "docs" / "performance.md"
HEADING = "## A flood from one source (make bench-flood)"
QUESTIONS = ROOT / "tests" / "eval" / "core.yml"
FLOOD_ADDRESS, USER_ALONE, USER_IN_FLOOD = "127.0.0.1", "127.0.0.2", "127.0.0.3"
GOAL = 2.0  # the real user's p95 under the flood at most this many times its p95 alone
WARM_UP_TURNS = 5
PAUSE = 0.1  # seconds between the real user's turns: the flood phase then lasts several of the flood's holds


def conversations() -> list[list[str]]:
    """The real user's conversations: every case of the project's evaluation set, in order."""
    return [case["turns"] for case in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def client_from(address: str, **options: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(local_address=address), timeout=60.0, **options)


async def real_user(gateway_url: str, address: str, turns: int, pause: float = 0.0) -> tuple[list[float], Counter[int]]:
    """`turns` turns of the real user's conversations, one after the other with `pause` seconds between them (a
    person reads and types; the flood meanwhile goes on): each turn's latency, and the statuses."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    async with client_from(address) as client:
        for conversation in conversations() * (turns // 10 + 1):
            session = uuid.uuid4().hex
            for text in conversation:
                if len(latencies) == turns:
                    return latencies, statuses
                started = time.perf_counter()
                response = await client.post(f"{gateway_url}/api/chat", json={"session": session, "text": text})
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] += 1
                await asyncio.sleep(pause)
    return latencies, statuses


def flood(gateway_url: str, in_flight: int, started: Event, stop: Event, results: multiprocessing.Queue) -> None:
    """In a process of its own: keep `in_flight` chat requests going from FLOOD_ADDRESS until `stop`, each under
    a new random session id, and put the count of each status (0: the connection failed) into `results`.

    Plain HTTP/1.1 on asyncio streams, one kept-alive connection per request in flight: a flood script needs
    no more, and httpx's connection pool spends milliseconds of CPU per request at this concurrency, which
    would make the flood slow and the gateway look better than it is."""
    address = urlsplit(gateway_url)
    texts = [text for conversation in conversations() for text in conversation]

    async def run() -> Counter[int]:
        statuses: Counter[int] = Counter()

        async def one_sender() -> None:
            reader, writer = await connect()
            while not stop.is_set():
                body = json.dumps({"session": uuid.uuid4().hex, "text": random.choice(texts)}).encode()
                head = (f"POST /api/chat HTTP/1.1\r\nHost: {address.netloc}\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n").encode()  # fmt: skip
                try:
                    writer.write(head + body)
                    response = await reader.readuntil(b"\r\n\r\n")
                    length = re.search(rb"(?i)content-length: *(\d+)", response)
                    await reader.readexactly(int(length.group(1)) if length else 0)
                    statuses[int(response.split(b" ", 2)[1])] += 1
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                    statuses[0] += 1
                    writer.close()
                    reader, writer = await connect()
            writer.close()

        async def connect() -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
            return await asyncio.open_connection(address.hostname, address.port, local_addr=(FLOOD_ADDRESS, 0))

        senders = [asyncio.create_task(one_sender()) for _ in range(in_flight)]
        started.set()
        await asyncio.gather(*senders)
        return statuses

    results.put(dict(asyncio.run(run())))


@dataclass
class Phase:
    name: str
    latencies: list[float]
    statuses: Counter[int]
    flood: Counter[int]
    seconds: float

    def p(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


def measure(gateway_url: str, turns: int, in_flight: int, flooded: bool, address: str, name: str) -> Phase:
    if not flooded:
        began = time.perf_counter()
        latencies, statuses = asyncio.run(real_user(gateway_url, address, turns, PAUSE))
        return Phase(name, latencies, statuses, Counter(), time.perf_counter() - began)
    context = multiprocessing.get_context("spawn")  # a clean process: no event loop or sockets of this one
    started, stop, results = context.Event(), context.Event(), context.Queue()
    flooder = context.Process(target=flood, args=(gateway_url, in_flight, started, stop, results))
    flooder.start()
    try:
        if not started.wait(timeout=60):
            raise RuntimeError("the flood did not start")
        began = time.perf_counter()
        latencies, statuses = asyncio.run(real_user(gateway_url, address, turns, PAUSE))
        seconds = time.perf_counter() - began
    finally:
        stop.set()
    counts = Counter(results.get(timeout=120))
    flooder.join(timeout=60)
    return Phase(name, latencies, statuses, counts, seconds)


def run_stack(settings: Settings, log_dir: Path, turns: int, in_flight: int, unprotected: bool) -> list[Phase]:
    with Stack(settings, log_dir=log_dir):
        asyncio.run(real_user(settings.gateway_url, "127.0.0.4", WARM_UP_TURNS))  # the first turns load lazily
        if unprotected:
            return [measure(settings.gateway_url, turns, in_flight, True, USER_IN_FLOOD, "flood, no limits")]
        alone = measure(settings.gateway_url, turns, in_flight, False, USER_ALONE, "alone")
        flooded = measure(settings.gateway_url, turns, in_flight, True, USER_IN_FLOOD, "flood, default limits")
        return [alone, flooded]


def report(phases: list[Phase], settings: Settings, in_flight: int) -> str:
    alone = phases[0]
    rows = [
        "| real user | turns | p50 | p95 | max | real user's statuses | the flood's requests | flood: 200 | 429 | 503 | other |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        statuses = ", ".join(f"{code}: {count}" for code, count in sorted(phase.statuses.items()))
        total = sum(phase.flood.values())
        other = total - phase.flood[200] - phase.flood[429] - phase.flood[503]
        flood_cells = (
            f"{total} ({total / phase.seconds:.0f}/s) | {phase.flood[200]} | {phase.flood[429]} | {phase.flood[503]} | {other}"
            if total
            else "– | – | – | – | –"
        )
        rows.append(
            f"| {phase.name} | {len(phase.latencies)} | {phase.p(50):.0f} ms | {phase.p(95):.0f} ms "
            f"| {max(phase.latencies) * 1000:.0f} ms | {statuses} | {flood_cells} |"
        )
    flooded = phases[1]
    ratio = flooded.p(95) / alone.p(95) if alone.p(95) else float("inf")
    met = ratio <= GOAL and flooded.flood[429] + flooded.flood[503] > 0 and set(flooded.statuses) == {200}
    load = os.getloadavg()[0]
    intro = (
        f"`make bench-flood` (`python -m tools.bench_flood`) on {date.today().isoformat()} ({os.cpu_count()} cores, "
        f"{platform.machine()}; load average {load:.1f} at the end: a shared machine, compare within one run). "
        "The whole assistant (`runtime.stack`) with the default limits: "
        f"`REQUESTS_PER_MINUTE_PER_ADDRESS={settings.requests_per_minute_per_address}`, "
        f"`MAX_IN_FLIGHT={settings.max_in_flight}`, `MAX_IN_FLIGHT_PER_ADDRESS={settings.max_in_flight_per_address}`, "
        f"`MESSAGES_PER_MINUTE={settings.messages_per_minute}`; an address over its minute gets its 429 after "
        f"{flood_limits.HOLD_SECONDS:g} s. A real user holds conversations of real questions (`tests/eval/core.yml`, "
        f"a session each), one turn after the other ({PAUSE * 1000:.0f} ms between them): alone, then while a flood "
        f"keeps {in_flight} chat requests in flight from another address, each under a new random session id and "
        "sent again as soon as it is answered, for as long as the real user talks. Each client binds its own "
        "loopback address (127.0.0.1 the flood, 127.0.0.2 and .3 the real user), so the gateway sees different "
        "clients as it would on the network. The flood runs in a process of its own; it shares the machine's cores "
        "with the assistant, as an attacker on the network would not. *No limits* is the same on a second "
        "assistant with every limit lifted: the gateway before this change. The flood is plain HTTP/1.1 on asyncio "
        "streams, one kept-alive connection per request in flight (httpx's pool held it to about 60 requests a "
        "second)."
    )
    goal = (
        f"Goal: the real user's p95 under the flood within {GOAL:.0f}× of its p95 alone, every turn of it answered, "
        f"and the flood refused with 429/503: **{'met' if met else 'not met'}** ({ratio:.2f}×)."
    )
    return "\n".join([
        HEADING, "", textwrap.fill(intro, 110, break_on_hyphens=False), "", *rows, "", textwrap.fill(goal, 110, break_on_hyphens=False),
    ]) + "\n"  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=60, help="the real user's turns in each phase")
    parser.add_argument("--flood", type=int, default=200, help="the flood's requests in flight")
    parser.add_argument("--unprotected-turns", type=int, default=15, help="the real user's turns with no limits")
    parser.add_argument("--no-unprotected", action="store_true", help="skip the run with the limits lifted")
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/performance.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csd-bench-flood-") as folder:

        def settings() -> Settings:
            return Settings(rasa_port=free_port(), action_port=free_port(), port=free_port(),
                            data_dir=str(Path(folder) / uuid.uuid4().hex), log_level="WARNING")  # fmt: skip

        protected = settings()
        print(f"the assistant with the default limits on {protected.gateway_url} …", flush=True)
        phases = run_stack(protected, Path(folder) / "logs", arguments.turns, arguments.flood, unprotected=False)
        if not arguments.no_unprotected:
            lifted = replace(settings(), messages_per_minute=1_000_000, requests_per_minute_per_address=1_000_000,
                             max_in_flight=100_000, max_in_flight_per_address=100_000)  # fmt: skip
            print(f"the assistant with every limit lifted on {lifted.gateway_url} …", flush=True)
            # Fewer turns: each takes seconds there.
            turns = arguments.unprotected_turns
            phases += run_stack(lifted, Path(folder) / "logs", turns, arguments.flood, unprotected=True)
    text = report(phases, protected, arguments.flood)
    print(text)
    if not arguments.no_report:
        write_section(REPORT, HEADING, text)
        print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
