"""The widget in a real headless browser (Debian's chromium driven by playwright), on the demo page
served by the real gateway in front of the real assistant."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tools.widget_screenshot import CHROMIUM_ARGS

ANSWER_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, assistant_stack) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.goto(f"{assistant_stack.gateway_url}/")
    yield page
    context.close()


def open_widget(page: Page) -> None:
    page.get_by_role("button", name="Vprašajte pomočnika").click()
    expect(page.get_by_role("log")).to_contain_text("Pozdravljeni!", timeout=ANSWER_TIMEOUT_MS)


def ask(page: Page, text: str) -> None:
    page.get_by_label("Vaše vprašanje").fill(text)
    page.get_by_role("button", name="Pošlji").click()


def test_a_question_gets_the_right_answer(page: Page) -> None:
    open_widget(page)
    notice = page.get_by_text("Sem avtomatski pomočnik, ne človek.")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("112 ali 113")
    expect(notice).to_contain_text("Pogovor se izbriše 30 dni po zadnjem sporočilu.")
    ask(page, "Ali interventna služba pokriva Izolo?")
    expect(page.get_by_role("log")).to_contain_text(
        "Da, regijska interventna služba pokriva tudi Izolo.", timeout=ANSWER_TIMEOUT_MS
    )
    expect(page.get_by_label("Vaše vprašanje")).to_have_value("")


def test_a_quick_reply_and_the_history_after_a_reload(page: Page) -> None:
    open_widget(page)
    page.get_by_role("button", name="Regijske naloge").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Poleg tega izvaja te regijske naloge", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Pomoč na domu").click()
    expect(log).to_contain_text("Regijski center za pomoč na domu pokriva občine", timeout=ANSWER_TIMEOUT_MS)
    page.reload()
    page.get_by_role("button", name="Vprašajte pomočnika").click()
    expect(log).to_contain_text("Regijski center za pomoč na domu pokriva občine", timeout=ANSWER_TIMEOUT_MS)
    expect(log.locator(".message.user").last).to_contain_text("Pomoč na domu")


def test_new_conversation_starts_afresh(page: Page) -> None:
    open_widget(page)
    ask(page, "Kaj izvajate za Pivko?")
    expect(page.get_by_role("log")).to_contain_text("Za Pivko CSD Koper izvaja", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Nov pogovor").click()
    expect(page.get_by_role("log")).not_to_contain_text("Za Pivko")
    expect(page.get_by_role("log")).to_contain_text("Pozdravljeni!", timeout=ANSWER_TIMEOUT_MS)


def test_html_and_script_from_the_user_are_shown_as_text(page: Page) -> None:
    open_widget(page)
    attack = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">klik</a> javascript:alert(3)'
    ask(page, attack)
    log = page.get_by_role("log")
    expect(log.locator(".message.user").last).to_have_text("Vi: " + attack)
    expect(log).to_contain_text("Žal", timeout=ANSWER_TIMEOUT_MS)
    assert log.locator("img").count() == 0
    assert all(
        not href.startswith("javascript") for href in log.locator("a").evaluate_all("els => els.map(a => a.href)")
    )
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_only_safe_links_become_clickable(page: Page) -> None:
    open_widget(page)
    ask(page, "piši na mailto:info@example.si ali https://www.example.si/pomoc ali javascript:alert(1)")
    links = page.get_by_role("log").locator(".message.user").last.locator("a")
    expect(links).to_have_count(2)
    assert links.evaluate_all("els => els.map(a => a.href)") == [
        "mailto:info@example.si",
        "https://www.example.si/pomoc",
    ]


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Tab")
    launcher = page.get_by_role("button", name="Vprašajte pomočnika")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    question = page.get_by_label("Vaše vprašanje")
    expect(question).to_be_focused()
    page.keyboard.type("Kateri center je pristojen za Komen?")
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_contain_text(
        "Za Komen je pristojen Center za socialno delo Sežana.", timeout=ANSWER_TIMEOUT_MS
    )
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_the_whole_widget_fits_360_pixels(browser: Browser, assistant_stack) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{assistant_stack.gateway_url}/")
    open_widget(page)
    for name in ("dialog",):
        box = page.get_by_role(name).bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 640
    send = page.get_by_role("button", name="Pošlji").bounding_box()
    assert send and send["x"] + send["width"] <= 360
    context.close()


def test_a_gateway_error_keeps_the_typed_text_and_offers_a_retry(page: Page) -> None:
    open_widget(page)
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "Ali pomoč na domu velja za Komen?")
    expect(page.get_by_role("alert")).to_contain_text("Sporočilo ni bilo poslano.")
    expect(page.get_by_label("Vaše vprašanje")).to_have_value("Ali pomoč na domu velja za Komen?")
    page.unroute("**/api/chat")
    page.get_by_role("button", name="Poskusi znova").click()
    expect(page.get_by_role("log")).to_contain_text(
        "Da, regijski center za pomoč na domu pokriva tudi Komen.", timeout=ANSWER_TIMEOUT_MS
    )
    expect(page.get_by_role("alert")).to_be_hidden()


HELP_LINKS = {
    "tel:112": "112",
    "tel:113": "113",
    "tel:116111": "116 111",
    "tel:116123": "116 123",
    "tel:0801155": "080 11 55",
}


def tel_links(locator) -> list[tuple[str, str]]:
    """(href, visible text) of the tel: links inside `locator`, in order."""
    pairs = locator.locator('a[href^="tel:"]').evaluate_all(
        "els => els.map(a => [a.getAttribute('href'), a.textContent])"
    )
    return [(href, text) for href, text in pairs]


@pytest.mark.parametrize("text", ["mož me tepe", "aiuto, mi picchia"])
def test_help_lines_are_one_tap_away_in_a_danger_reply_and_the_notice(page: Page, text: str) -> None:
    open_widget(page)
    notice = page.get_by_text("Sem avtomatski pomočnik, ne človek.")
    expect(notice.locator('a[href="tel:113"]')).to_have_text("113")
    assert tel_links(notice) == [("tel:112", "112"), ("tel:113", "113")]
    expect(notice).to_contain_text("Če ste v nevarnosti, pokličite 112 ali 113. Pogovor se izbriše 30 dni")
    ask(page, text)
    reply = page.get_by_role("log").locator(".message.assistant").nth(1)
    expect(reply).to_contain_text("080 11 55", timeout=ANSWER_TIMEOUT_MS)
    for href, shown in HELP_LINKS.items():
        expect(reply.locator(f'a[href="{href}"]').first).to_have_text(shown)
    assert {href for href, _ in tel_links(reply)} == set(HELP_LINKS)
    expect(page.get_by_role("log").locator(".message.user").last).to_have_text("Vi: " + text)


def test_other_numbers_do_not_become_links(page: Page) -> None:
    open_widget(page)
    log = page.get_by_role("log")
    ask(page, "Koliko krajevnih skupnosti ima MOK?")
    expect(log).to_contain_text("23 krajevnih skupnosti", timeout=ANSWER_TIMEOUT_MS)
    ask(page, "Koliko naselij ima MOK?")
    expect(log).to_contain_text("105 naselij", timeout=ANSWER_TIMEOUT_MS)
    assert log.locator("a").count() == 0
    reply = "Leta 2112 je imela občina 51.112 prebivalcev, 1.12.2023 ob 11.20 pa 1120; pokličite 0801155 ali 112."
    page.route("**/api/chat", lambda route: route.fulfill(json={"messages": [{"text": reply}]}))
    ask(page, "ali naj pokličem 112?")
    expect(log).to_contain_text(reply)
    assert tel_links(log) == [("tel:0801155", "0801155"), ("tel:112", "112")]  # not the 112 the user typed
