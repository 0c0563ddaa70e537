"""Write docs/staff-overview.png, docs/staff-nerazumljeno.png and the answers pages (docs/staff-odgovori.png,
docs/staff-odgovor.png, docs/staff-preizkus.png): the staff area over seeded conversations and the team's test
entries (tests/eval/answers/entries.yml, marker texts), in headless chromium.

python -m tools.staff_screenshot     (or: make screenshot)

The real gateway app (its security headers too: the browser enforces the staff pages' CSP) runs on a free
loopback port in front of a temporary SQLite tracker store seeded by tools/staff_seed.py, with one staff
account that signs in through the form; Rasa is not needed. A CSP violation, another console error or a failed request stops the tool (the favicon aside).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import sqlalchemy as sa
import uvicorn
from playwright.sync_api import sync_playwright

from bot.conversation import Assistant
from bot.staff.routes import StaffOptions
from bot.web import create_app
from knowledge import load_knowledge_base
from runtime.stack import ROOT, free_port
from staff_answers.entries import read_bulk
from staff_answers.store import AnswerStore
from tools import staff_seed
from tools.widget_screenshot import CHROMIUM_ARGS

NAME, PASSWORD = "Ana", "screenshot-password"
SHOTS = [
    ("/staff/", ROOT / "docs" / "staff-overview.png"),
    ("/staff/nerazumljeno", ROOT / "docs" / "staff-nerazumljeno.png"),
    ("/staff/odgovori", ROOT / "docs" / "staff-odgovori.png"),
    ("/staff/odgovori/uredi/posvojitev", ROOT / "docs" / "staff-odgovor.png"),
]
ENTRIES = ROOT / "tests" / "eval" / "answers" / "entries.yml"


def seed_answers(url: str) -> None:
    """The team's test entries published by Bojan, one of them past its review date, and a draft by Ana."""
    entries = read_bulk(ENTRIES.read_text(encoding="utf-8"))
    entries[0] = replace(entries[0], review_by=date(2026, 6, 30))
    store = AnswerStore(url)
    store.import_entries(entries, "Maja", publish_as="Bojan")
    adoption = store.history("posvojitev")[0]
    data = dict(adoption.data or {})
    data["questions"] = {**data["questions"], "sl": [*data["questions"]["sl"], "Kje se prijaviva za posvojitev?"]}
    store.save("posvojitev", data, NAME, adoption.id, "nov primer iz nerazumljenih")
    store.close()


def serve(url: str, port: int) -> uvicorn.Server:
    """The gateway's app with the staff area on `port` (Rasa is not needed), in a thread of its own."""
    assistant = Assistant(("http://127.0.0.1:9",), 1.0, load_knowledge_base())
    app = create_app(assistant, staff=StaffOptions(url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'tracker.db'}"
        engine = sa.create_engine(url)
        staff_seed.write(engine, staff_seed.mixed(1200, days=7))
        engine.dispose()
        staff_seed.account(url, NAME, "urednik", PASSWORD)
        seed_answers(url)
        port = free_port()
        server = serve(url, port)
        problems: list[str] = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900},
                    locale="sl-SI",
                )
                page = context.new_page()
                page.on("console", lambda message: message.type == "error" and problems.append(message.text))
                page.on("response", lambda response: response.status >= 400 and problems.append(response.url))
                page.goto(f"http://127.0.0.1:{port}/staff/")  # the sign-in form, then back to the overview
                page.get_by_label("Ime").fill(NAME)
                page.get_by_label("Geslo").fill(PASSWORD)
                page.get_by_role("button", name="Prijava").click()
                page.wait_for_url(f"http://127.0.0.1:{port}/staff/")
                for path, output in SHOTS:
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(output), full_page=True)
                    print(f"wrote {output.relative_to(ROOT)}")
                page.goto(f"http://127.0.0.1:{port}/staff/odgovori/preizkus")
                page.get_by_label("Vprašanje").fill("Z možem bi rada posvojila otroka, kako začneva?")
                page.get_by_role("button", name="Preizkusi").click()
                page.wait_for_load_state("networkidle")
                preview = ROOT / "docs" / "staff-preizkus.png"
                page.screenshot(path=str(preview), full_page=True)
                print(f"wrote {preview.relative_to(ROOT)}")
                browser.close()
        finally:
            server.should_exit = True
        problems = [p for p in problems if "favicon.ico" not in p and "status of 404" not in p]
        if problems:
            raise SystemExit("the browser reported: " + "; ".join(problems))


if __name__ == "__main__":
    main()
