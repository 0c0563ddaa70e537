"""Benchmark: the whole assistant through POST /api/chat against a stock `rasa init` bot through Rasa's
REST webhook, in the same run on the same machine. Prints a table and writes docs/performance.md.

    python -m tools.bench      (or: make bench)

Measures, at 1, 20 and 50 concurrent conversations: latency p50/p95/p99, messages per second and
errors; NLU parsing alone (/model/parse); peak memory of every process; cold start to first answer.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot.rasa_client import send_message
from runtime.readiness import is_answering
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import Stack, free_port
from tools import bench_languages
from tools.reports import write_keeping_notes

REPORT = ROOT / "docs" / "performance.md"
CONCURRENCY = (1, 20, 50)
TURNS_PER_CONVERSATION = 3
CONVERSATIONS_PER_SLOT = 6  # enough messages for a steady p95 and p99
OURS = ["Katere občine pokriva interventna služba?", "kaj pa sezana", "Kaj izvajate za Pivko?"]
# The same kind of conversation in Italian, measured beside the Slovenian one in the same run.
ITALIAN = ["Quali comuni copre l'assistenza domiciliare?", "e Postumia?", "Cosa fate per il comune di Pivka?"]
ITALIAN_CONCURRENCY = (1, 20)
BASELINE = ["hello", "I am sad", "yes"]
PARSE_SAMPLES = 50
# One long conversation: its first and last turns compared (a turn's cost must not grow with the conversation).
LONG_TURNS = 1000
LONG_WINDOW = 50
LONG_CONVERSATION = [
    "Katere občine pokriva interventna služba?", "kaj pa sezana", "Kaj izvajate za Pivko?", "hvala",
    "Ali pomoč na domu pokriva Divačo?", "pa Komen?", "Koliko prebivalcev ima Koper?", "Kje ste?",
]  # fmt: skip
# After the long conversation, a follow-up still takes the task from the turn before it.
LONG_CHECK = (("Katere občine pokriva interventna služba?", "Regijska interventna služba pokriva"),
              ("kaj pa sezana", "Ne, regijska interventna služba ne pokriva Sežane."))  # fmt: skip


@dataclass
class Load:
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


Send = Callable[[httpx.AsyncClient, str, str], Awaitable[bool]]


async def load(send: Send, messages: list[str], concurrency: int) -> Load:
    """`concurrency` conversations at once, each of the messages in turn, several rounds."""
    result = Load(concurrency)
    conversations = max(concurrency, 4) * CONVERSATIONS_PER_SLOT

    async def conversation(client: httpx.AsyncClient, gate: asyncio.Semaphore) -> None:
        sender = uuid.uuid4().hex
        async with gate:
            for text in messages[:TURNS_PER_CONVERSATION]:
                started = time.perf_counter()
                ok = await send(client, sender, text)
                result.latencies.append(time.perf_counter() - started)
                result.errors += not ok

    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=120.0) as client:
        began = time.perf_counter()
        await asyncio.gather(*(conversation(client, gate) for _ in range(conversations)))
        result.seconds = time.perf_counter() - began
    return result


@dataclass
class LongConversation:
    """One long conversation's turns: its first ones, and its last ones each beside the same turn of a new
    conversation at the same moment (the machine is shared: the pairs see the same load)."""

    first: list[float]
    last: list[float]
    new: list[float]
    context_kept: bool

    @staticmethod
    def p50(latencies: list[float]) -> float:
        return statistics.median(latencies) * 1000


async def long_conversation(gateway_url: str, turns: int = LONG_TURNS) -> LongConversation:
    """One person asking `turns` questions in one conversation, one after the other; then `LONG_WINDOW`
    more, each beside the same question as a turn of a new conversation."""
    long_one, new_one = uuid.uuid4().hex, uuid.uuid4().hex
    async with httpx.AsyncClient(timeout=120.0) as client:

        async def turn(sender: str, text: str) -> tuple[float, str]:
            started = time.perf_counter()
            response = await client.post(f"{gateway_url}/api/chat", json={"session": sender, "text": text})
            response.raise_for_status()
            return time.perf_counter() - started, response.json()["messages"][0]["text"]

        latencies = [(await turn(long_one, LONG_CONVERSATION[n % len(LONG_CONVERSATION)]))[0] for n in range(turns)]
        last, new = [], []
        for n in range(LONG_WINDOW):
            text = LONG_CONVERSATION[n % len(LONG_CONVERSATION)]
            new.append((await turn(new_one, text))[0])
            last.append((await turn(long_one, text))[0])
        replies = [(await turn(long_one, text))[1] for text, _ in LONG_CHECK]
    kept = all(reply.startswith(expected) for reply, (_, expected) in zip(replies, LONG_CHECK, strict=True))
    return LongConversation(latencies[:LONG_WINDOW], last, new, kept)


def via_gateway(gateway_url: str) -> Send:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> bool:
        response = await client.post(f"{gateway_url}/api/chat", json={"session": sender, "text": text})
        return response.status_code == 200 and bool(response.json().get("messages"))

    return send


def via_rest(rasa_url: str) -> Send:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> bool:
        try:
            return bool(await send_message(client, rasa_url, sender, text))
        except Exception:
            return False

    return send


async def parse_p50(rasa_url: str, token: str, text: str) -> float:
    times = []
    async with httpx.AsyncClient(timeout=30.0) as client:
        for _ in range(PARSE_SAMPLES):
            started = time.perf_counter()
            await client.post(f"{rasa_url}/model/parse", params={"token": token}, json={"text": text})
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Measured:
    cold_start: float
    parse_p50: float
    loads: dict[int, Load]
    memory: dict[str, float]
    italian: dict[int, Load] = field(default_factory=dict)
    long: LongConversation | None = None


def measure_ours(data_dir: Path) -> Measured:
    # Every load comes from one address: the limits per session and per address are lifted.
    settings = Settings(rasa_port=free_port(), action_port=free_port(), port=free_port(), data_dir=str(data_dir),
                        messages_per_minute=100_000, log_level="WARNING", requests_per_minute_per_address=1_000_000,
                        max_in_flight=1000, max_in_flight_per_address=1000)  # fmt: skip
    began = time.perf_counter()
    with Stack(settings, log_dir=data_dir / "logs") as stack:
        cold_start = time.perf_counter() - began
        parse = asyncio.run(parse_p50(stack.rasa_urls[0], stack.rasa_token, OURS[0]))
        loads = {c: asyncio.run(load(via_gateway(settings.gateway_url), OURS, c)) for c in CONCURRENCY}
        italian = {c: asyncio.run(load(via_gateway(settings.gateway_url), ITALIAN, c)) for c in ITALIAN_CONCURRENCY}
        long = asyncio.run(long_conversation(settings.gateway_url))
        memory = {name: peak_memory_mb(pid) for name, pid in stack.pids().items()}
    return Measured(cold_start, parse, loads, memory, italian, long)


def measure_baseline(folder: Path) -> Measured:
    rasa = [sys.executable, "-m", "rasa"]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run([*rasa, "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    model = next((folder / "models").glob("*.tar.gz"))
    port, token = free_port(), uuid.uuid4().hex
    began = time.perf_counter()
    server = subprocess.Popen([*rasa, "run", "--enable-api", f"--auth-token={token}", "--model", str(model),
                               "-i", "127.0.0.1", "-p", str(port), "--quiet"], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_answering(url))  # the stock bot has /greet too
        cold_start = time.perf_counter() - began
        parse = asyncio.run(parse_p50(url, token, BASELINE[0]))
        loads = {c: asyncio.run(load(via_rest(url), BASELINE, c)) for c in CONCURRENCY}
        memory = {"rasa": peak_memory_mb(server.pid)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return Measured(cold_start, parse, loads, memory)


async def wait_answering(url: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=10.0) as client:
        while not await is_answering(client, url):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
            await asyncio.sleep(0.5)


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "–"


def report(ours: Measured, base: Measured) -> str:
    rows = ["| measure | this assistant | stock `rasa init` bot | ratio (ours / baseline) |", "|---|---|---|---|"]
    rows.append(
        f"| cold start to first answer | {ours.cold_start:.1f} s | {base.cold_start:.1f} s | {ratio(ours.cold_start, base.cold_start)} |"
    )
    rows.append(
        f"| NLU parse alone, p50 | {ours.parse_p50:.0f} ms | {base.parse_p50:.0f} ms | {ratio(ours.parse_p50, base.parse_p50)} |"
    )
    for c in CONCURRENCY:
        o, b = ours.loads[c], base.loads[c]
        for name, p in (("p50", 50), ("p95", 95), ("p99", 99)):
            rows.append(
                f"| {c} concurrent: latency {name} | {o.percentile(p):.0f} ms | {b.percentile(p):.0f} ms | {ratio(o.percentile(p), b.percentile(p))} |"
            )
        rows.append(
            f"| {c} concurrent: messages/s | {o.throughput:.1f} | {b.throughput:.1f} | {ratio(o.throughput, b.throughput)} |"
        )
        rows.append(
            f"| {c} concurrent: errors | {o.errors} of {len(o.latencies)} | {b.errors} of {len(b.latencies)} | |"
        )
    total_ours, total_base = sum(ours.memory.values()), sum(base.memory.values())
    memory = ", ".join(f"{name} {mb:.0f} MB" for name, mb in ours.memory.items())
    rows.append(
        f"| peak memory, all processes | {total_ours:.0f} MB ({memory}) | {total_base:.0f} MB | {ratio(total_ours, total_base)} |"
    )
    one, twenty = ours.loads[1], ours.loads[20]
    targets = [
        ("20 concurrent: throughput ≥ 2× baseline", twenty.throughput >= 2 * base.loads[20].throughput,
         f"{ratio(twenty.throughput, base.loads[20].throughput)}"),
        ("20 concurrent: p95 ≤ 300 ms", twenty.percentile(95) <= 300, f"{twenty.percentile(95):.0f} ms"),
        ("1 user: p50 ≤ 2× NLU parse alone", one.percentile(50) <= 2 * ours.parse_p50,
         f"{one.percentile(50):.0f} ms vs {ours.parse_p50:.0f} ms"),
        ("all processes ≤ 2 GB", total_ours <= 2048, f"{total_ours:.0f} MB"),
        ("cold start ≤ 30 s with a trained model", ours.cold_start <= 30, f"{ours.cold_start:.1f} s"),
    ]  # fmt: skip
    if ours.long:
        first, last, new = (LongConversation.p50(turns) for turns in (ours.long.first, ours.long.last, ours.long.new))
        targets.append((f"after {LONG_TURNS} turns in one conversation: p50 of {LONG_WINDOW} more within 20% of a new conversation's",
                        last <= 1.2 * new, f"{last:.0f} ms vs {new:.0f} ms ({ratio(last, new)}); its first {LONG_WINDOW}: {first:.0f} ms"))  # fmt: skip
        targets.append((f"after {LONG_TURNS} turns, a follow-up still takes the task before it", ours.long.context_kept,
                        "yes" if ours.long.context_kept else "no"))  # fmt: skip
    target_rows = ["| target | met | measured |", "|---|---|---|"] + [
        f"| {name} | {'yes' if met else 'no'} | {value} |" for name, met, value in targets
    ]
    italian_rows = ["| load | Slovenian p50 | Italian p50 | Slovenian p95 | Italian p95 | Slovenian msg/s | Italian msg/s | Italian errors |",
                    "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for c, it in ours.italian.items():
        sl = ours.loads[c]
        italian_rows.append(
            f"| {c} concurrent | {sl.percentile(50):.0f} ms | {it.percentile(50):.0f} ms | {sl.percentile(95):.0f} ms "
            f"| {it.percentile(95):.0f} ms | {sl.throughput:.1f} | {it.throughput:.1f} | {it.errors} of {len(it.latencies)} |"
        )
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory_total = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return "\n".join([
        "# Performance", "",
        "Generated by `make bench` (`python -m tools.bench`); both bots measured in the same run, one after the",
        "other, on the same machine. Ours goes through the gateway's `POST /api/chat` (gateway, Rasa, action",
        "server); the baseline is a stock `rasa init` bot trained in a temporary folder, through Rasa's REST",
        f"webhook. Each load runs {CONVERSATIONS_PER_SLOT} × max(N, 4) conversations of {TURNS_PER_CONVERSATION} turns, at most N at once.", "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {memory_total:.0f} GB memory, {platform.system()} {platform.machine()},",
        f"Python {platform.python_version()}. This machine is shared: compare within one run, not across runs.", "",
        *rows, "", "## Targets", "", *target_rows, "",
        f"The long conversation: one person asking {LONG_TURNS} questions in turn in one conversation (the limits",
        f"lifted), after the loads above; then {LONG_WINDOW} more, each beside the same question as a turn of a new",
        "conversation, so that both see the same load of the shared machine. A turn loads only the conversation's",
        "latest turns (runtime/tracker_store.py).", "",
        "## Italian beside Slovenian", "",
        "The same assistant in the same run: Italian conversations of the same shape (a task's municipalities, a",
        "follow-up naming a place, what is done for a municipality) through the same gateway and model.", "",
        *italian_rows, "",
    ])  # fmt: skip


def languages_section(parses: list[bench_languages.LanguageParse]) -> str:
    """NLU parse time by language, against a model trained on the languages served before English and Croatian;
    the goal: within 20% of it for each language it knows."""
    within = [p for p in parses if p.p50_before]
    met = all(p.p50_now <= 1.2 * (p.p50_before or 0) for p in within)
    return "\n".join([
        "## Languages", "",
        "NLU parse time of the trained model by language, beside a model trained on the Slovenian and Italian",
        "examples only (the model before English and Croatian), both loaded in one process and parsing in turn",
        f"(`tools/bench_languages.py`). Within 20% of it for every language it knows: {'yes' if met else 'no'}.", "",
        bench_languages.report(parses), "",
    ])  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="csd-bench-") as temporary:
        folder = Path(temporary)
        print("measuring this assistant …", flush=True)
        ours = measure_ours(folder / "ours")
        print("training and measuring the stock rasa init bot …", flush=True)
        (folder / "baseline").mkdir()
        base = measure_baseline(folder / "baseline")
    print("training a Slovenian and Italian model and parsing every language with both …", flush=True)
    parses = bench_languages.measure()
    text = report(ours, base) + "\n" + languages_section(parses)
    print(text)
    write_keeping_notes(REPORT, text, "## What limits it")
    print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
