"""The staff area in a real headless chromium, as a member of staff uses it: the browser enforces the CSP
and sends its own Origin and Sec-Fetch-Site headers with the forms, which a test client does not; it signs in
through the form and keeps the session's cookie (HttpOnly, SameSite=Strict) as a browser does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from playwright.sync_api import Page, sync_playwright

from runtime.stack import free_port
from storage.tables import REVIEWED
from tests.bot.staff.conftest import CONVERSATIONS, PASSWORD
from tools import staff_seed
from tools.staff_screenshot import serve
from tools.widget_screenshot import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def staff_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The gateway with the staff area on a free port, in front of a seeded SQLite tracker store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('staff-browser') / 'tracker.db'}"
    engine = sa.create_engine(url)
    staff_seed.write(engine, CONVERSATIONS)
    engine.dispose()
    staff_seed.account(url, "Maja", "urednik", PASSWORD)
    port = free_port()
    server = serve(url, port)
    yield f"http://127.0.0.1:{port}", url
    server.should_exit = True


@pytest.fixture
def page(staff_url: tuple[str, str]) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))  # type: ignore[attr-defined]
        yield page
        browser.close()


def test_a_member_of_staff_downloads_training_data_and_marks_a_message(page: Page, staff_url) -> None:
    gateway, url = staff_url
    page.goto(f"{gateway}/staff/nerazumljeno")  # not signed in: the sign-in form, then back here
    page.get_by_label("Ime").fill("Maja")
    page.get_by_label("Geslo").fill(PASSWORD)
    page.get_by_role("button", name="Prijava").click()
    page.wait_for_url(f"{gateway}/staff/nerazumljeno")
    page.get_by_role("link", name="Pregled").click()
    page.get_by_role("link", name="Nerazumljeno").click()
    row = page.locator("tbody tr", has_text="Kdaj dobim otroški dodatek na račun?").first
    row.locator("input[type=checkbox]").check()
    row.locator("select").select_option("ask_practical_info")
    with page.expect_download() as download:
        page.get_by_role("button", name="Prenesi učne podatke (YAML)").click()
    data = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["nlu"] == [{"intent": "ask_practical_info", "examples": "- Kdaj dobim otroški dodatek na račun?\n"}]

    page.goto(f"{gateway}/staff/nerazumljeno")
    row = page.locator("tbody tr", has_text="Kdaj dobim otroški dodatek na račun?").first
    row.get_by_role("button", name="Označi kot pregledano").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr", has_text="Kdaj dobim otroški dodatek na račun?").count() == 0
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(sa.select(REVIEWED.c.reviewed_by)).scalars().all() == ["Maja"]
    engine.dispose()
    page.get_by_role("button", name="Odjava").click()
    page.wait_for_url(f"{gateway}/staff/prijava?odjava=1")
    assert "Odjavljeni ste." in page.content()
    page.goto(f"{gateway}/staff/")
    assert "/staff/prijava" in page.url  # signed out: the form again
    assert [p for p in page.problems if "favicon" not in p and "404" not in p] == []  # type: ignore[attr-defined]
