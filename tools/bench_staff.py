"""Time the staff area with 100,000 stored messages: the overview and the not-understood list.

    python -m tools.bench_staff [--messages 100000] [--url postgresql://…]   (make bench-staff)

Seeds a tracker store (a temporary SQLite file unless --url is given; that database is written to) with
conversations as Rasa stores them (tools/staff_seed.py) over the last 30 days, then asks the pages through
the gateway's staff routes, first (matplotlib loaded and charts drawn on the way) and warm. Prints the
figures and writes them into docs/performance.md, in a section of their own. Target: under 1 s each.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from bot.headers import SecurityHeaders
from bot.staff.routes import StaffArea, StaffOptions
from bot.web import STATIC
from runtime.role import ROOT
from tools import staff_seed
from tools.reports import write_section

REPORT = ROOT / "docs" / "performance.md"
HEADING = "## The staff area (make bench-staff)"
PASSWORD = "bench-staff-password"
TARGET = 1.0


def timed(client: TestClient, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def run(url: str, messages: int) -> list[tuple[str, float, float]]:
    engine = sa.create_engine(url)
    started = time.perf_counter()
    events = staff_seed.write(engine, staff_seed.mixed(messages, days=30))
    engine.dispose()
    print(f"seeded {messages:,} user messages ({events:,} events) in {time.perf_counter() - started:.1f} s")
    staff_seed.account(url, "bench", "urednik", PASSWORD)
    area = StaffArea(StaffOptions(url), task_titles={})
    client = TestClient(Starlette(routes=[area.mount()], middleware=[Middleware(SecurityHeaders, static=STATIC)]))
    staff_seed.sign_in(client, "bench", PASSWORD)
    month = "?od=" + date.fromordinal(date.today().toordinal() - 30).isoformat()
    rows = []
    for label, path in [
        ("overview, last 7 days", "/staff/"),
        ("overview, 30 days (every message)", "/staff/" + month),
        ("not understood, last 7 days", "/staff/nerazumljeno"),
        ("not understood, 30 days", "/staff/nerazumljeno" + month),
    ]:
        first = timed(client, path)
        warm = statistics.median(timed(client, path) for _ in range(3))
        rows.append((label, first, warm))
        print(f"{label:40} first {first * 1000:6.0f} ms   warm {warm * 1000:6.0f} ms")
    return rows


def report(rows: list[tuple[str, float, float]], messages: int, database: str) -> str:
    lines = [
        HEADING,
        "",
        f"`make bench-staff` on {date.today().isoformat()} ({platform.machine()}, {database}): {messages:,} user messages",
        "stored over 30 days (web and Telegram, about one in six not understood, some 👍/👎), each page asked",
        "through the staff routes. *First* is the first request for the page (the counts scanned and the charts",
        "drawn; for the first overview also matplotlib imported, about half a second to a second here, which a",
        "redirect to the sign-in form starts in the background in real use); *warm* the median of three more (the",
        "counts of finished days are kept for 10 minutes, a chart is drawn once for the same numbers).",
        f"Target: under {TARGET:.0f} s each. Measured on a shared machine (load average {os.getloadavg()[0]:.1f} on",
        f"{os.cpu_count()} cores at the end): compare within one run.",
        "",
        "| page | first | warm |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {label} | {first * 1000:.0f} ms | {warm * 1000:.0f} ms |" for label, first, warm in rows]
    over = [f"{label} ({'first' if first >= TARGET else ''}{' and ' if first >= TARGET and warm >= TARGET else ''}"
            f"{'warm' if warm >= TARGET else ''})" for label, first, warm in rows if max(first, warm) >= TARGET]  # fmt: skip
    lines += ["", f"Over the target: {'; '.join(over)}." if over else "Every figure is under the target."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--url", default="", help="a database to seed (default: a temporary SQLite file)")
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/performance.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.url or f"sqlite:///{Path(folder) / 'tracker.db'}"
        rows = run(url, arguments.messages)
    slow = [label for label, _, warm in rows if warm >= TARGET]
    if not arguments.no_report:
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        write_section(REPORT, HEADING, report(rows, arguments.messages, database))
        print(f"wrote {REPORT.relative_to(ROOT)}")
    if slow:
        raise SystemExit(f"over {TARGET:.0f} s: {', '.join(slow)}")


if __name__ == "__main__":
    main()
