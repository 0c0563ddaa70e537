"""The widget's language menu and its first language, in a real headless browser (Debian's chromium driven by
playwright): one button in the header showing the conversation's language, which opens every served language
by its own name (a WAI-ARIA menu button: by mouse, touch and keyboard, read by a screen reader), at a desktop
width and on a phone; the first language from the embedding tag, the page's `lang` and the browser's languages.

The real gateway serves the demo page and its /api/config in front of a fake Rasa (tests/bot/conftest.py) that
answers in the language chosen; tests/bot/test_widget.py asks the real assistant. Every list of languages comes
from languages.yml `served` (replies.languages.SERVED), so these tests hold for any number of languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from replies.languages import SERVED
from tests.bot.conftest import KBS, greeting

DEFAULT = SERVED[0]
OTHER = "it"  # a language besides the default, as every list of served languages has it
NAMES = KBS[DEFAULT].languages.served  # each language by its own name
WORDS = {code: kb.widget for code, kb in KBS.items()}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def page(browser: Browser, gateway_url: str) -> Iterator[Page]:
    """The Slovenian demo page (data-lang="sl") at a desktop width, the widget open."""
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.goto(f"{gateway_url}/")
    open_widget(page, DEFAULT)
    yield page
    context.close()


def open_widget(page: Page, language: str) -> None:
    page.get_by_role("button", name=WORDS[language].open).click()
    expect(page.get_by_role("log")).to_contain_text(greeting(language).split(".")[0], timeout=30_000)


def switcher(page: Page) -> Locator:
    return page.locator("#csd-koper-pomocnik .language")


def menu(page: Page) -> Locator:
    return page.locator('#csd-koper-pomocnik [role="menu"]')


def item(page: Page, code: str) -> Locator:
    return menu(page).get_by_role("menuitemradio", name=NAMES[code], exact=True)


def expect_language(page: Page, code: str) -> None:
    """The widget speaks `code`: its words, its lang, its menu button and the menu's checked item."""
    words = WORDS[code]
    expect(page.locator("#csd-koper-pomocnik")).to_have_attribute("lang", code)
    expect(page.get_by_role("dialog")).to_have_attribute("aria-label", words.title)
    expect(switcher(page)).to_have_text(code.upper())
    expect(switcher(page)).to_have_attribute("aria-label", f"{words.language_menu}: {NAMES[code]}")
    expect(menu(page)).to_have_attribute("aria-label", words.language_menu)
    expect(page.get_by_label(words.question)).to_have_attribute("placeholder", words.placeholder)
    expect(page.get_by_role("button", name=words.send, exact=True)).to_be_visible()
    checked = page.locator('#csd-koper-pomocnik [role="menuitemradio"][aria-checked="true"]')
    expect(checked).to_have_count(1)
    expect(checked).to_have_attribute("lang", code)


def test_the_menu_offers_every_served_language_by_its_own_name(page: Page) -> None:
    button = switcher(page)
    expect(button).to_have_attribute("aria-haspopup", "menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu(page)).to_be_hidden()
    expect_language(page, DEFAULT)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu(page)).to_be_visible()
    assert button.get_attribute("aria-controls") == menu(page).get_attribute("id")
    items = menu(page).get_by_role("menuitemradio")
    expect(items).to_have_text(list(NAMES.values()))  # in languages.yml's order, each by its own name
    assert items.evaluate_all("items => items.map(i => i.lang)") == list(SERVED)  # read in its own language
    expect(item(page, DEFAULT)).to_be_focused()  # opened on the language in use
    expect(item(page, DEFAULT)).to_have_attribute("aria-checked", "true")
    header = page.locator("#csd-koper-pomocnik header").bounding_box()
    assert header and header["height"] < 80  # one button in the header, not one a language


def test_choosing_a_language_by_mouse_switches_the_widget_and_the_answers(page: Page) -> None:
    switcher(page).click()
    with page.expect_request("**/api/chat") as request:
        item(page, OTHER).click()
    assert request.value.post_data_json["payload"] == f'/set_language{{"language":"{OTHER}"}}'
    expect(menu(page)).to_be_hidden()
    expect(switcher(page)).to_be_focused()  # the focus back on the menu's button
    expect(page.get_by_role("log").locator(".message.assistant").last).to_contain_text(greeting(OTHER).split(".")[0])
    expect_language(page, OTHER)
    with page.expect_request("**/api/chat") as request:
        page.get_by_label(WORDS[OTHER].question).fill("?")
        page.keyboard.press("Enter")
    assert request.value.post_data_json["language"] == OTHER  # the next message goes in the language chosen


def test_the_menu_by_keyboard(page: Page) -> None:
    last = SERVED[-1]
    button = switcher(page)
    button.focus()
    page.keyboard.press("ArrowDown")
    expect(item(page, DEFAULT)).to_be_focused()  # the language in use
    page.keyboard.press("ArrowUp")
    expect(item(page, last)).to_be_focused()  # round from the first to the last
    page.keyboard.press("ArrowDown")
    expect(item(page, SERVED[0])).to_be_focused()
    page.keyboard.press("End")
    expect(item(page, last)).to_be_focused()
    page.keyboard.press("Home")
    expect(item(page, SERVED[0])).to_be_focused()
    page.keyboard.press("Escape")  # closes the menu, not the widget
    expect(menu(page)).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("dialog")).to_be_visible()

    page.keyboard.press("ArrowUp")  # opens on the last
    expect(item(page, last)).to_be_focused()
    page.keyboard.press("Tab")  # leaves the menu, closed, for what follows the button
    expect(menu(page)).to_be_hidden()
    expect(page.get_by_role("button", name=WORDS[DEFAULT].restart)).to_be_focused()

    button.focus()
    page.keyboard.press("Enter")
    expect(item(page, DEFAULT)).to_be_focused()
    while not item(page, OTHER).evaluate("node => node === node.getRootNode().activeElement"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(menu(page)).to_be_hidden()
    expect(button).to_be_focused()
    expect_language(page, OTHER)
    page.keyboard.press("Escape")  # with the menu closed, Escape closes the widget as ever
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_a_click_elsewhere_closes_the_menu_and_changes_nothing(page: Page) -> None:
    switcher(page).click()
    expect(menu(page)).to_be_visible()
    page.get_by_role("log").click()  # inside the widget
    expect(menu(page)).to_be_hidden()
    switcher(page).click()
    page.mouse.click(100, 100)  # on the page beside it
    expect(menu(page)).to_be_hidden()
    switcher(page).click()
    switcher(page).click()  # its button again
    expect(menu(page)).to_be_hidden()
    expect_language(page, DEFAULT)


def test_on_a_phone_the_menu_fits_and_takes_a_tap(browser: Browser, gateway_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(f"{gateway_url}/")
    open_widget(page, DEFAULT)
    switcher(page).tap()
    expect(menu(page)).to_be_visible()
    dialog = page.get_by_role("dialog").bounding_box()
    assert dialog and (dialog["width"], dialog["height"]) == (PHONE["width"], PHONE["height"])  # full screen
    for code in SERVED:
        rect = item(page, code).bounding_box()
        assert rect and rect["height"] >= 44  # a touch target
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= PHONE["width"]
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= PHONE["height"]
    item(page, OTHER).tap()
    expect_language(page, OTHER)
    button = switcher(page).bounding_box()
    close = page.get_by_role("button", name=WORDS[OTHER].close).bounding_box()
    assert button and close and button["x"] + button["width"] <= close["x"]  # the header still fits the screen
    context.close()


KINDRED = "hr" if "hr" in SERVED else DEFAULT  # Bosnian is read as Croatian when Croatian is served


@pytest.mark.parametrize(
    ("html_lang", "data_lang", "browser_language", "language"),
    [
        ("it", None, "sl-SI", "it"),  # the page's lang before the browser's
        ("it-IT", None, "sl-SI", "it"),
        ("sl", "it", "sl-SI", "it"),  # the embedding tag's data-lang before the page's
        ("it", "sl", "it-IT", "sl"),
        ("de", None, "it-IT", "it"),  # a page in a language not served: the browser's
        ("", None, "it-IT", "it"),
        ("", None, "de-DE", DEFAULT),  # neither served: the gateway's default
        ("", "xx", "fr", DEFAULT),
        ("constructor", None, "de", DEFAULT),  # no property of an object taken for a language
        ("bs", None, "de", KINDRED),
    ],
)
def test_the_first_language_is_the_embedding_s_then_the_page_s_then_the_browser_s(
    browser: Browser,
    gateway_url: str,
    html_lang: str,
    data_lang: str | None,
    browser_language: str,
    language: str,
) -> None:
    context = browser.new_context(locale=browser_language)
    page = context.new_page()
    attribute = f' data-lang="{data_lang}"' if data_lang else ""
    html = f'<!doctype html><html lang="{html_lang}"><body><script src="/widget.js"{attribute} defer></script></body></html>'
    url = f"{gateway_url}/embedding-page"
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(url)
    expect(page.locator("#csd-koper-pomocnik")).to_have_attribute("lang", language)
    open_widget(page, language)
    expect_language(page, language)
    context.close()


def test_the_language_chosen_is_remembered_for_the_conversation(page: Page) -> None:
    switcher(page).click()
    item(page, OTHER).click()
    expect_language(page, OTHER)
    page.reload()  # the demo page says data-lang="sl": the conversation's language wins
    expect(page.locator("#csd-koper-pomocnik")).to_have_attribute("lang", OTHER)
    page.get_by_role("button", name=WORDS[OTHER].open).click()
    expect_language(page, OTHER)
