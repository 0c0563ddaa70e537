"""A soak of the production shape: a steady load for a bounded time, a flood and a Rasa restart in the middle.

    python -m tools.soak [--minutes 20] [--people 16] [--pause 4] …   (make soak; make soak SOAK_MINUTES=3)

Starts real PostgreSQL and Redis (tests/deploy/servers.py), two Rasa instances, the action server and the
gateway (runtime.stack, as tests/deploy/test_replicas.py does), with the gateway's default limits. Simulated
people, each from a loopback address of his own, hold conversations in Slovenian and Italian with follow-ups,
one turn every `--pause` seconds on average (0.5-1.5× it), a new conversation after each. In the middle, a
flood keeps `--flood` requests in flight from 127.0.0.1 for `--flood-seconds` (tools.bench_flood's), and then
rasa-0 is killed (SIGKILL) and started again: the gateway fails its conversations over to rasa-1.

Records every real turn's latency and whether it got the apology; every `--sample` seconds, each process's
resident memory (its process group: children included) and the CPU every process on the machine used; at the
end, the turns each conversation stored in PostgreSQL against the turns it was answered. Prints a report and
writes it into docs/performance.md ("Soak"); the raw turns and samples go to results/soak/ with the logs.
Every setting also comes from SOAK_* environment variables. Everything it started is stopped, and the
database removed, however it ends (Ctrl-C and SIGTERM included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import shutil
import signal
import sys
import tempfile
import textwrap
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx
import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from bot.conversation import unavailable_reply
from knowledge import knowledge_base
from runtime.readiness import is_answering
from runtime.role import ROOT
from runtime.settings import Settings
from runtime.stack import Stack, StackFailed, free_port
from tests.deploy.servers import postgres, redis_server
from tools.bench_flood import FLOOD_ADDRESS, flood, percentile
from tools.reports import write_section

REPORT = ROOT / "docs" / "performance.md"
HEADING = "## Soak (make soak)"
RESULTS = ROOT / "results" / "soak"
PROCESSES = ("rasa-0", "rasa-1", "actions", "gateway")
RESTARTED = "rasa-0"
MEMORY_GROWTH_GOAL = 5.0  # % from the end of the warm-up to the end, each process
P95_DRIFT_GOAL = 1.25  # the last window's p95 at most this many times the first's
AFTER_RESTART = 60.0  # seconds after the kill whose turns the report shows apart
# A person's connection is dropped after this many idle seconds, before the gateway drops it (uvicorn's keep-alive,
# 5 s; httpx's default is 5 s too): a message sent on a connection just as the gateway closes it gets no answer
# (ReadError), which is the client's timing, not the assistant's (1 in 4,647 turns before this; 3 in 480 with
# pauses of about 5 s).
KEEP_ALIVE = 4.0

# What people ask, in their own words and in conversations of a few turns: a life rather than a task, places
# inflected, without diacritics or colloquial, follow-ups that lean on the turn before, courtesies, fear.
CONVERSATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sl", ("Dober dan, s čim se pravzaprav ukvarja center za socialno delo?", "Ali ste pristojni tudi za Izolo?",
            "Kdaj imate uradne ure?", "Hvala lepa")),
    ("sl", ("Mama živi sama v Divači in se ne more več sama umiti. Kdo ji lahko pomaga?", "Ali to velja tudi za Sežano?",
            "kaj pa Komen", "Kje vas najdem?")),
    ("sl", ("Katere občine pokriva regijska interventna služba?", "kaj pa piran", "in ilirska bistrica?",
            "Kako jo pokličem ponoči?")),
    ("sl", ("Kaj vse delate za občino Pivka?", "Kateri center je pristojen za Pivko?", "A mate telefonsko številko?")),
    ("sl", ("Koliko prebivalcev ima Mestna občina Koper?", "Koliko naselij ima?", "Ali leži ob morju?")),
    ("sl", ("sin je bil obsojen na deset mesecev zapora, ali lahko namesto tega dela v splosno korist?",
            "Ali to urejate tudi za Postojno?", "kje oddam prosnjo?")),
    ("sl", ("Brat se je vrnil iz psihiatrične bolnišnice in potrebuje podporo doma. Kam naj se obrnem?",
            "Ali to pokrivate v Hrpeljah?", "kolk občin je to")),
    ("sl", ("Mož me doma udari, ko pije. Ne vem, kaj naj naredim.", "Ali v Kopru kdo pomaga pri nasilju v družini?",
            "hvala")),
    ("sl", ("zivjo, a ste vi za izolo al je to piran?", "kaj pa interventna sluzba, pokriva izolo?", "ok hvala")),
    ("sl", ("Kakšen je vaš e-poštni naslov?", "In poštni naslov?", "Ali ob petkih delate tudi popoldne?")),
    ("sl", ("Ali pomoč na domu pokriva Ilirsko Bistrico?", "kaj pa Postojno?", "Koliko stane pomoč na domu?")),
    ("sl", ("Kaj dela regijska koordinacijska skupina?", "katere občine so vključene?", "Kako se prijavim?")),
    ("sl", ("Hči ima petnajst let in noče več domov. Ali obstaja kakšen krizni center za mlade?", "Kje je?",
            "Je odprt tudi ponoči?")),
    ("sl", ("kdo je pristojen za sezano", "pa za kozino?", "Kaj izvajate za Komen?")),
    ("sl", ("Ali sem se pogovarjam z robotom?", "Pri čem mi lahko pomagaš?",
            "Katere naloge opravlja vaš center za celo regijo?")),
    ("it", ("Buongiorno, il servizio di intervento copre anche Isola?", "E Pirano?", "Come si attiva di notte?")),
    ("it", ("Mia madre vive da sola a Capodistria e non riesce più a cucinare. Chi può aiutarla?",
            "Vale anche per Sesana?", "Qual è il vostro numero di telefono?")),
    ("it", ("Quali sono gli orari d'ufficio del centro?", "Dove si trova la sede?",
            "Come posso fare domanda per l'assistenza domiciliare?", "Grazie mille")),
    ("it", ("Quanti abitanti ha il Comune città di Capodistria?", "Quanti insediamenti ha?", "Confina con l'Italia?")),
    ("it", ("Quale centro è competente per Postumia?", "E per Divaccia?", "Cosa fate per il comune di Pivka?")),
    ("it", ("Mio fratello è uscito dall'ospedale psichiatrico, chi lo segue a casa?", "Questo vale anche a Isola?",
            "Come vi posso contattare?")),
    ("it", ("Il mio ex mi minaccia e ho paura per i bambini.",
            "Chi coordina l'aiuto alle vittime di violenza nella regione?")),
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """The soak's settings; times in seconds from the start of the load."""

    minutes: float
    people: int
    pause: float
    window_minutes: float
    warm_up_minutes: float
    flood: int
    flood_seconds: float
    sample_seconds: float
    seed: int

    @property
    def duration(self) -> float:
        return self.minutes * 60

    @property
    def window(self) -> float:
        return self.window_minutes * 60

    @property
    def warm_up(self) -> float:
        return self.warm_up_minutes * 60

    @property
    def restart_at(self) -> float:
        return self.duration / 2

    @property
    def flood_at(self) -> float:
        """The flood ends where the restart comes, so that each shows in the windows on its side of the middle."""
        return self.restart_at - self.flood_seconds


@dataclass(frozen=True)
class Turn:
    """One real user's message: when it was sent (seconds from the start), how long its answer took."""

    session: str
    text: str
    started: float
    seconds: float
    status: int  # HTTP status; 0: no answer at all (connection failed, timed out)
    apology: bool = False
    reply: str = ""  # the answer's beginning, or the error without one, for reading results/soak/turns.json

    @property
    def answered(self) -> bool:
        return self.status == 200 and not self.apology


@dataclass
class Sample:
    """The machine at one moment: each of the assistant's processes' memory, and CPU seconds since the last."""

    at: float
    rss_mb: dict[str, float]
    cpu: dict[str, float]  # by PROCESSES, "databases", "load client", "other programs"
    others: dict[str, float]  # the other programs' CPU seconds by command
    load_average: float


@dataclass(frozen=True)
class Window:
    start: float
    end: float
    turns: int
    p50: float  # ms
    p95: float
    max: float
    apologies: int
    errors: int


@dataclass(frozen=True)
class Ledger:
    """The real users' turns against what PostgreSQL stored: lost (answered, not stored) and stored twice."""

    sent: int
    answered: int
    conversations: int
    stored: int
    lost: int
    twice: int


@dataclass
class Events:
    flood_from: float = 0.0
    flood_to: float = 0.0
    flood_statuses: dict[int, int] = field(default_factory=dict)
    killed_at: float = 0.0
    answering_after: float | None = None  # seconds from the kill until the new rasa-0 answered
    failovers: int = 0


# --- pure parts: windows, memory growth, the ledger ----------------------------------------------------------


def windows(turns: Sequence[Turn], length: float, duration: float) -> list[Window]:
    """The turns by the window their message was sent in: [0, length), [length, 2·length), … up to `duration`."""
    count = max(1, int(-(-duration // length)))
    result = []
    for index in range(count):
        start, end = index * length, min(duration, (index + 1) * length)
        inside = [t for t in turns if start <= t.started < end]
        result.append(summary(inside, start, end))
    return result


def summary(turns: Sequence[Turn], start: float, end: float) -> Window:
    latencies = [t.seconds for t in turns]
    return Window(
        start, end, len(turns), percentile(latencies, 50) * 1000, percentile(latencies, 95) * 1000,
        max(latencies, default=0.0) * 1000, sum(t.apology for t in turns), sum(t.status != 200 for t in turns),
    )  # fmt: skip


def memory_at(samples: Sequence[Sample], at: float) -> dict[str, float]:
    """Each process's memory in the last sample taken at or before `at` (the first sample if none was)."""
    before = [s for s in samples if s.at <= at]
    return (before[-1] if before else samples[0]).rss_mb


def growth(before: float, after: float) -> float:
    """In %, of `before`."""
    return (after - before) / before * 100 if before else float("inf")


def ledger(turns: Sequence[Turn], stored: Mapping[str, Sequence[tuple[str, str]]]) -> Ledger:
    """The turns sent against what each conversation stored: (text, turn id) of its user events, by session.

    Every turn answered must be stored once: a text answered more often than its conversation stored it is lost.
    A turn id stored twice is stored twice, and so is a text stored more often than it was sent without being
    refused (answered, the apology or no answer at all: those two may or may not have reached Rasa)."""
    by_session: dict[str, list[Turn]] = defaultdict(list)
    for turn in turns:
        by_session[turn.session].append(turn)
    lost = twice = 0
    for session, sent in by_session.items():
        rows = stored.get(session, ())
        once = dict((turn, text) for text, turn in rows)  # each turn id once
        texts = Counter(text.strip() for text in once.values())
        answered = Counter(t.text.strip() for t in sent if t.answered)
        maybe = Counter(t.text.strip() for t in sent if t.answered or t.apology or t.status == 0)
        lost += sum((answered - texts).values())
        twice += len(rows) - len(once) + sum((texts - maybe).values())
    twice += sum(len(rows) for session, rows in stored.items() if session not in by_session)
    return Ledger(
        sent=len(turns), answered=sum(t.answered for t in turns), conversations=len(by_session),
        stored=sum(len(rows) for rows in stored.values()), lost=lost, twice=twice,
    )  # fmt: skip


# --- the machine: /proc --------------------------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgrp: int
    started: int  # clock ticks after boot: with the pid, tells a new process from one that reused its pid
    cpu: float  # seconds, user and system
    rss_mb: float


def processes() -> dict[int, Proc]:
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)"; comm may hold spaces and parentheses
        found[int(entry.name)] = Proc(
            int(entry.name), int(fields[1]), int(fields[2]), int(fields[19]),
            (int(fields[11]) + int(fields[12])) / TICKS, int(fields[21]) * PAGE_MB,
        )  # fmt: skip
    return found


def descendants(roots: Sequence[int], table: Mapping[int, Proc]) -> set[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for proc in table.values():
        children[proc.ppid].append(proc.pid)
    found, todo = set(), [root for root in roots if root in table]
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo.extend(children[pid])
    return found


def command_of(pid: int) -> str:
    """A short name for another program's process: `python -m pytest`, `postgres`, …"""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        program = Path(argv[0]).name or Path(f"/proc/{pid}/comm").read_text().strip()  # a kernel thread: no argv
    except OSError:  # ended meanwhile
        return "?"
    if program.startswith("python") and len(argv) > 2:
        return f"python -m {argv[2]}" if argv[1] == "-m" else f"python {Path(argv[1]).name}"
    return program.split(":")[0]  # "postgres: checkpointer" and its kin as "postgres"


class Machine:
    """Samples the assistant's processes and whoever else uses the CPU. Ours: the stack's process groups (children
    included), the databases' processes and theirs, and everything else this process started (the load client:
    itself and the flood)."""

    def __init__(self, stack: Stack, databases: Sequence[int], began: float) -> None:
        self.stack, self.databases, self.began = stack, databases, began
        self.last = self._cpu_by_process(processes())

    @staticmethod
    def _cpu_by_process(table: Mapping[int, Proc]) -> dict[tuple[int, int], float]:
        return {(p.pid, p.started): p.cpu for p in table.values()}

    def sample(self) -> Sample:
        table = processes()
        groups = self.stack.pids()
        leaders = {leader: name for name, leader in groups.items()}
        label = dict.fromkeys(descendants(self.databases, table), "databases")
        for pid in descendants([os.getpid()], table):
            label.setdefault(pid, leaders.get(table[pid].pgrp, "load client"))
        cpu: Counter[str] = Counter()
        others: Counter[str] = Counter()
        now = self._cpu_by_process(table)
        for proc in table.values():
            # A process new since the last sample: all its CPU time is since then.
            spent = now[(proc.pid, proc.started)] - self.last.get((proc.pid, proc.started), 0.0)
            if spent <= 0:
                continue
            owner = label.get(proc.pid, "other programs")
            cpu[owner] += spent
            if owner == "other programs":
                others[command_of(proc.pid)] += spent
        self.last = now
        rss = {name: sum(p.rss_mb for p in table.values() if p.pgrp == leader) for name, leader in groups.items()}
        return Sample(time.monotonic() - self.began, rss, dict(cpu), dict(others), os.getloadavg()[0])


# --- the load ------------------------------------------------------------------------------------------------


def person_client(address: str) -> httpx.AsyncClient:
    """A client from `address` (so that the gateway counts each person apart, as bench_flood's do) whose timeout,
    60 s, outlasts RASA_TIMEOUT: the gateway answers first."""
    limits = httpx.Limits(keepalive_expiry=KEEP_ALIVE)  # a transport of one's own: the client's `limits` go unused
    return httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(local_address=address, limits=limits), timeout=60.0)


def apologies() -> set[str]:
    return {unavailable_reply(knowledge_base(language)).text for language in ("sl", "it")}


async def person(
    index: int, gateway_url: str, plan: Plan, began: float, turns: list[Turn], apology_texts: set[str]
) -> None:
    """One simulated person, from an address of his own: conversation after conversation until the end, each
    message a pause after the answer to the one before, the conversation's language sent back as the widget does."""
    chance = random.Random(plan.seed * 1000 + index)
    await asyncio.sleep(chance.uniform(0, plan.pause))  # people do not all start at once
    async with person_client(f"127.0.0.{10 + index}") as client:
        while time.monotonic() - began < plan.duration:
            language, texts = chance.choice(CONVERSATIONS)
            session = f"soak-{uuid.uuid4().hex}"
            for text in texts:
                if time.monotonic() - began >= plan.duration:
                    return
                started = time.monotonic()
                status, apology, reply = 0, False, ""
                try:
                    response = await client.post(
                        f"{gateway_url}/api/chat", json={"session": session, "text": text, "language": language}
                    )
                    status = response.status_code
                    if status == 200:
                        body = response.json()
                        language = body.get("language", language)
                        said = [m.get("text") or "" for m in body.get("messages", [])]
                        apology, reply = any(t in apology_texts for t in said), " / ".join(said)[:120]
                except httpx.HTTPError as error:
                    reply = type(error).__name__
                turns.append(Turn(session, text, started - began, time.monotonic() - started, status, apology, reply))
                await asyncio.sleep(chance.uniform(0.5, 1.5) * plan.pause)


async def until_answering(url: str, timeout: float = 300.0) -> bool:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if await is_answering(client, url):
                return True
            await asyncio.sleep(0.5)
    return False


def quiet_flood(gateway_url: str, in_flight: int, started: Event, stop: Event, results: multiprocessing.Queue) -> None:
    """tools.bench_flood's flood, deaf to Ctrl-C: the soak stops it (a terminal sends SIGINT to the whole group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    flood(gateway_url, in_flight, started, stop, results)


@contextmanager
def flooding(gateway_url: str, in_flight: int) -> Iterator[tuple[Event, Event, multiprocessing.Queue]]:
    """tools.bench_flood's flood in a process of its own, (started, stop, its counts); stopped and ended however
    the block ends."""
    context = multiprocessing.get_context("spawn")  # a clean process: no event loop or sockets of this one
    started, stop, results = context.Event(), context.Event(), context.Queue()
    flooder = context.Process(target=quiet_flood, args=(gateway_url, in_flight, started, stop, results))
    flooder.start()
    try:
        yield started, stop, results
    finally:
        stop.set()
        flooder.join(timeout=30)
        if flooder.is_alive():
            flooder.kill()
            flooder.join()


async def burst(gateway_url: str, plan: Plan, began: float, events: Events) -> None:
    """The flood from FLOOD_ADDRESS, from plan.flood_at until the restart."""
    with flooding(gateway_url, plan.flood) as (started, stop, results):
        if not await asyncio.to_thread(started.wait, 60):
            raise RuntimeError("the flood did not start")
        events.flood_from = time.monotonic() - began
        await asyncio.sleep(max(0.0, began + plan.restart_at - time.monotonic()))
        stop.set()
        events.flood_to = time.monotonic() - began
        events.flood_statuses = await asyncio.to_thread(results.get, True, 60)  # once its senders have finished


async def restart(stack: Stack, began: float, events: Events) -> None:
    """Kill rasa-0 outright, as a crash would, and start it again. Called in the main thread, as start_child
    must be (the kernel ties the child's death signal to the thread that forked it)."""
    events.killed_at = time.monotonic() - began
    os.killpg(stack.pids()[RESTARTED], signal.SIGKILL)
    stack.stop_process(RESTARTED)  # collects it
    stack.restart_process(RESTARTED)
    if await until_answering(stack.rasa_urls[0]):
        events.answering_after = time.monotonic() - began - events.killed_at


async def sampling(machine: Machine, samples: list[Sample], every: float) -> None:
    while True:
        machine.stack.check_alive()  # a process that died by itself ends the soak, naming its log
        samples.append(machine.sample())
        await asyncio.sleep(every)


async def warm_up(gateway_url: str) -> None:
    """Each conversation's first message once, in sessions of their own, before the clock starts: the first
    turns of a process load lazily."""
    async with person_client("127.0.0.9") as client:
        for language, texts in CONVERSATIONS:
            payload = {"session": f"warm-{uuid.uuid4().hex}", "text": texts[0], "language": language}
            (await client.post(f"{gateway_url}/api/chat", json=payload)).raise_for_status()


async def middle(stack: Stack, plan: Plan, began: float, events: Events) -> None:
    """The flood, then the restart, at the middle of the run."""
    await asyncio.sleep(plan.flood_at)
    print(f"{clock(plan.flood_at)} the flood: {plan.flood} requests in flight from {FLOOD_ADDRESS} …", flush=True)
    await burst(stack.settings.gateway_url, plan, began, events)
    print(f"{clock(events.flood_to)} {RESTARTED} killed and started again …", flush=True)
    await restart(stack, began, events)
    print(f"{clock(time.monotonic() - began)} {RESTARTED} answers again", flush=True)


async def soak(stack: Stack, databases: Sequence[int], plan: Plan) -> tuple[list[Turn], list[Sample], Events]:
    gateway = stack.settings.gateway_url
    await warm_up(gateway)
    turns: list[Turn] = []
    samples: list[Sample] = []
    events = Events()
    apology_texts = apologies()
    began = time.monotonic()
    machine = Machine(stack, databases, began)
    people = [asyncio.create_task(person(i, gateway, plan, began, turns, apology_texts)) for i in range(plan.people)]
    everyone = asyncio.gather(*people)
    planned = asyncio.create_task(middle(stack, plan, began, events))
    # The sampler ends only by raising: a process that died by itself ends the soak at once.
    sampler = asyncio.create_task(sampling(machine, samples, plan.sample_seconds))
    tasks = {everyone, planned, sampler}
    try:
        while everyone in tasks or planned in tasks:
            done, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # raises what failed
    finally:
        for task in (everyone, planned, sampler):
            task.cancel()
        await asyncio.gather(everyone, planned, sampler, return_exceptions=True)
    samples.append(machine.sample())
    events.failovers = failovers(stack.settings.metrics_port)
    return sorted(turns, key=lambda t: t.started), samples, events


def clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def failovers(metrics_port: int) -> int:
    page = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10.0).text
    return int(
        sum(
            sample.value
            for family in text_string_to_metric_families(page)
            for sample in family.samples
            if sample.name == "csd_gateway_failovers_total"
        )
    )


def stored_turns(url: str) -> dict[str, list[tuple[str, str]]]:
    """Each soak conversation's stored user events, (text, turn id) in order, by session."""
    query = sa.text(
        "SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id LIKE 'web:soak-%' ORDER BY id"
    )
    stored: dict[str, list[tuple[str, str]]] = defaultdict(list)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            for sender, data in connection.execute(query):
                event = json.loads(data)
                turn = (event.get("metadata") or {}).get("turn", "")
                stored[sender.removeprefix("web:")].append((event.get("text") or "", turn))
    finally:
        engine.dispose()
    return dict(stored)


# --- the report ----------------------------------------------------------------------------------------------

OWNERS = (*PROCESSES, "databases", "load client", "other programs")


def shares(samples: Sequence[Sample], start: float, end: float) -> dict[str, float]:
    """Each owner's share of the whole machine (all its cores, in %) by the samples taken in (start, end]: the
    time they cover runs from the sample before the first of them to the last."""
    inside = [index for index, s in enumerate(samples) if start < s.at <= end]
    spent: Counter[str] = Counter()
    for index in inside:
        spent.update(samples[index].cpu)
    if not inside:
        return dict.fromkeys(OWNERS, 0.0)
    span = samples[inside[-1]].at - (samples[inside[0] - 1].at if inside[0] else 0.0)  # the first: since the start
    return {owner: spent[owner] / (span * (os.cpu_count() or 1)) * 100 if span > 0 else 0.0 for owner in OWNERS}


def report(plan: Plan, turns: list[Turn], samples: list[Sample], events: Events, books: Ledger, day: str) -> str:
    periods = windows(turns, plan.window, plan.duration)
    by_window = [
        "| window | turns | p50 | p95 | max | apologies | errors | machine busy: the assistant | PostgreSQL, Redis "
        "| load client | other programs |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for w in periods:
        share = shares(samples, w.start, w.end)
        by_window.append(
            f"| {clock(w.start)}–{clock(w.end)} | {w.turns} | {w.p50:.0f} ms | {w.p95:.0f} ms | {w.max:.0f} ms "
            f"| {w.apologies} | {w.errors} | {sum(share[n] for n in PROCESSES):.0f}% | {share['databases']:.0f}% "
            f"| {share['load client']:.0f}% | {share['other programs']:.0f}% |"
        )
    # Memory at the start and at the end of each window (the last: the sample after the load), and its growth
    # from the end of the warm-up to the end.
    ends = [0.0, *(w.end for w in periods[:-1])]
    warm, end = memory_at(samples, plan.warm_up), samples[-1].rss_mb
    growths = {name: growth(warm[name], end[name]) for name in PROCESSES}
    # Whether it still grows at the end, when the middle's flood and restart are over.
    last_start = memory_at(samples, periods[-1].start)
    memory = [
        "| process (RSS, MB) | " + " | ".join(clock(t) for t in [*ends, plan.duration])
        + " | max | growth after the warm-up | in the last window |",
        "|---|" + "---|" * (len(ends) + 4),
    ]  # fmt: skip
    for name in PROCESSES:
        values = [memory_at(samples, t)[name] for t in ends] + [end[name]]
        peak = max(s.rss_mb[name] for s in samples)
        cells = " | ".join(f"{v:.0f}" for v in values)
        memory.append(
            f"| {name} | {cells} | {peak:.0f} | {growths[name]:+.1f}% | {growth(last_start[name], end[name]):+.1f}% |"
        )

    def during(start: float, stop: float) -> Window:
        return summary([t for t in turns if start <= t.started < stop], start, stop)

    steady, flooded = during(0.0, events.flood_from), during(events.flood_from, events.flood_to)
    after_kill = during(events.killed_at, events.killed_at + AFTER_RESTART)
    statuses = Counter({int(code): count for code, count in events.flood_statuses.items()})
    flood_total, refused = sum(statuses.values()), statuses[429] + statuses[503]
    back = f"{events.answering_after:.0f} s" if events.answering_after is not None else "never"

    def cells(w: Window) -> str:
        return f"{w.turns} | {w.p95:.0f} ms | {w.max:.0f} ms | {w.apologies} | {w.errors}"

    middle = [
        "| in the middle | when | what it got | real users' turns meanwhile | p95 | max | apologies | errors |",
        "|---|---|---|---|---|---|---|---|",
        f"| steady load before it | 0:00–{clock(events.flood_from)} | – | {cells(steady)} |",
        f"| a flood, {plan.flood} requests in flight from one address | {clock(events.flood_from)}–"
        f"{clock(events.flood_to)} | {flood_total} requests: 200 {statuses[200]}, 429 {statuses[429]}, 503 "
        f"{statuses[503]}, other {flood_total - statuses[200] - refused} | {cells(flooded)} |",
        f"| {RESTARTED} killed (SIGKILL) and started again | {clock(events.killed_at)}, and the {AFTER_RESTART:.0f} s "
        f"after | answering again after {back}; {events.failovers} turns failed over | {cells(after_kill)} |",
    ]
    first, last = periods[0], periods[-1]
    drift = last.p95 / first.p95 if first.p95 else float("inf")
    apologised, errors = sum(t.apology for t in turns), sum(t.status != 200 for t in turns)
    goals = [
        "| goal | met | measured |",
        "|---|---|---|",
        f"| memory after the warm-up ({plan.warm_up_minutes:g} min) grows ≤ {MEMORY_GROWTH_GOAL:g}%, each process "
        f"| {yes(all(g <= MEMORY_GROWTH_GOAL for g in growths.values()))} | "
        + ", ".join(f"{n} {g:+.1f}%" for n, g in growths.items())
        + " |",
        f"| p95 does not drift: the last window's ≤ {P95_DRIFT_GOAL:g}× the first's | {yes(drift <= P95_DRIFT_GOAL)} "
        f"| {first.p95:.0f} ms → {last.p95:.0f} ms ({drift:.2f}×) |",
        f"| no turn lost: every turn answered (none the apology), each stored in PostgreSQL once "
        f"| {yes(books.lost == books.twice == apologised == errors == 0)} | {books.sent} sent, {books.answered} "
        f"answered, {apologised} apologies, {errors} errors; {books.stored} stored in {books.conversations} "
        f"conversations: {books.lost} lost, {books.twice} stored twice |",
        f"| the flood refused (429, 503) while real users are answered | "
        f"{yes(refused > 0 and flooded.errors == flooded.apologies == 0)} | {refused} of {flood_total} refused; the "
        f"real users' p95 meanwhile {flooded.p95:.0f} ms (before: {steady.p95:.0f} ms) |",
    ]
    others: Counter[str] = Counter()
    for sample in samples:
        others.update(sample.others)
    busiest = ", ".join(f"`{name}` {seconds / 60:.1f} CPU-min" for name, seconds in others.most_common(4)) or "none"
    overall = shares(samples, 0.0, samples[-1].at)
    loads = [s.load_average for s in samples]
    processor = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    lengths = sorted(len(texts) for _, texts in CONVERSATIONS)
    intro = (
        f"`make soak` (`python -m tools.soak`) on {day}, {plan.minutes:g} minutes. The production shape: real "
        f"PostgreSQL and Redis, two Rasa instances, the action server and the gateway (`runtime.stack`) with the "
        f"default limits. {plan.people} simulated people, each from a loopback address of his own, hold "
        f"conversations of {lengths[0]}–{lengths[-1]} turns in Slovenian and Italian (`tools/soak.py`: a life "
        f"instead of a task, places inflected, no diacritics, follow-ups, courtesies, violence), a new session each, "
        f"{plan.pause * 0.5:g}–{plan.pause * 1.5:g} s from an answer to their next message: "
        f"{len(turns) / plan.duration:.1f} turns a second. In the middle, a flood from one address "
        f"(`tools/bench_flood.py`'s: {plan.flood} requests in flight for {plan.flood_seconds:g} s), then "
        f"{RESTARTED} killed with SIGKILL and started again at once; the gateway fails its conversations over to "
        f"rasa-1. Memory is each process's resident set, its children included, sampled every "
        f"{plan.sample_seconds:g} s; after the middle {RESTARTED} is a new process (the old one had "
        f"{memory_at(samples, events.killed_at - 0.001)[RESTARTED]:.0f} MB when it was killed)."
    )
    machine = (
        f"Machine: {os.cpu_count()} cores ({processor}), {platform.machine()}, shared. Of the whole machine over the "
        f"run, the assistant used {sum(overall[n] for n in PROCESSES):.0f}%, PostgreSQL and Redis "
        f"{overall['databases']:.0f}%, the load client (people and flood) {overall['load client']:.0f}%, other "
        f"programs {overall['other programs']:.0f}% (the busiest: {busiest}); load average {loads[0]:.1f} at the "
        f"start, {max(loads):.1f} at most, {loads[-1]:.1f} at the end. Compare within one run."
    )
    wrap = textwrap.TextWrapper(110, break_on_hyphens=False)
    return "\n".join([
        HEADING, "", wrap.fill(intro), "", wrap.fill(machine), "",
        f"In windows of {plan.window_minutes:g} min, the real users' turns by when they were sent:", "", *by_window, "",
        "Memory of each process:", "", *memory, "", *middle, "", *goals,
    ]) + "\n"  # fmt: skip


def yes(met: bool) -> str:
    return "yes" if met else "**no**"


# --- running it ----------------------------------------------------------------------------------------------


def plan_from(arguments: Sequence[str] | None = None, env: Mapping[str, str] = os.environ) -> tuple[Plan, bool]:
    """The plan from the command line, else SOAK_* variables, else the defaults; and whether to write the report."""

    def setting(name: str, default: float | None = None) -> float | None:
        value = env.get(f"SOAK_{name}")
        return float(value) if value else default

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--minutes", type=float, default=setting("MINUTES", 20), help="how long the load lasts (SOAK_MINUTES)")
    add("--people", type=int, default=int(setting("PEOPLE", 16) or 0), help="people talking at once (SOAK_PEOPLE)")
    add("--pause", type=float, default=setting("PAUSE", 4), help="mean seconds to a person's next turn (SOAK_PAUSE)")
    add("--window", type=float, default=setting("WINDOW"), help="minutes a window (SOAK_WINDOW; a quarter)")
    add("--warm-up", type=float, default=setting("WARM_UP"), help="minutes (SOAK_WARM_UP; the first window)")
    add(
        "--flood", type=int, default=int(setting("FLOOD", 200) or 0), help="the flood's requests in flight (SOAK_FLOOD)"
    )
    add("--flood-seconds", type=float, default=setting("FLOOD_SECONDS"), help="(SOAK_FLOOD_SECONDS; 5%%, ≤ 60 s)")
    add("--sample", type=float, default=setting("SAMPLE", 10), help="seconds between samples (SOAK_SAMPLE)")
    add("--seed", type=int, default=int(setting("SEED", 21) or 0), help="the people's choices (SOAK_SEED)")
    add("--no-report", action="store_true", help="print only; leave docs/performance.md")
    parsed = parser.parse_args(arguments)
    window = parsed.window or parsed.minutes / 4
    plan = Plan(
        minutes=parsed.minutes, people=parsed.people, pause=parsed.pause, window_minutes=window,
        warm_up_minutes=parsed.warm_up or window, flood=parsed.flood,
        flood_seconds=parsed.flood_seconds or min(60.0, parsed.minutes * 60 * 0.05),
        sample_seconds=parsed.sample, seed=parsed.seed,
    )  # fmt: skip
    if not (0 < plan.flood_seconds < plan.restart_at and 0 < plan.warm_up < plan.duration and 0 < plan.people <= 200):
        parser.error("the flood must end by the middle, the warm-up within the run, and 1 to 200 people")
    return plan, not parsed.no_report


def _stop_on_signal(signum: int, frame: object) -> None:
    """Ctrl-C, SIGTERM and SIGHUP unwind the same way, so that every server and folder is removed."""
    raise KeyboardInterrupt


def main() -> None:
    plan, write = plan_from()
    # SIGINT too: a shell that starts this in the background makes it ignore SIGINT (as in runtime.stack).
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop_on_signal)
    shutil.rmtree(RESULTS, ignore_errors=True)
    day = date.today().isoformat()
    print(
        f"soak: {plan.minutes:g} min, {plan.people} people; the flood at {clock(plan.flood_at)}, {RESTARTED} "
        f"restarted at {clock(plan.restart_at)}; logs in {RESULTS.relative_to(ROOT)}/logs",
        flush=True,
    )
    try:
        with tempfile.TemporaryDirectory(prefix="csd-soak-") as folder, postgres() as database, redis_server() as lock:
            settings = Settings(
                action_port=free_port(), port=free_port(), metrics_port=free_port(), tracker_store_url=database.url,
                lock_store_url=lock.url, data_dir=str(Path(folder) / "data"), log_level="WARNING",
            )  # fmt: skip
            with Stack(settings, log_dir=RESULTS / "logs", rasa_ports=(free_port(), free_port())) as stack:
                postmaster = int((database.data / "postmaster.pid").read_text().split()[0])
                assert lock.process is not None
                print(
                    f"the assistant answers on {settings.gateway_url}; the load for {plan.minutes:g} min …", flush=True
                )
                turns, samples, events = asyncio.run(soak(stack, [postmaster, lock.process.pid], plan))
            books = ledger(turns, stored_turns(database.url))
    except KeyboardInterrupt:
        sys.exit("soak: interrupted; everything it started is stopped and its database removed")
    except StackFailed as error:
        sys.exit(f"soak: {error}")
    text = report(plan, turns, samples, events, books, day)
    (RESULTS / "turns.json").write_text(json.dumps([asdict(t) for t in turns], ensure_ascii=False, indent=0))
    (RESULTS / "samples.json").write_text(json.dumps([asdict(s) for s in samples], indent=0))
    print(text)
    if write:
        write_section(REPORT, HEADING, text)
        print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
