"""The widget on a phone, in a real headless browser (Debian's chromium driven by playwright): the open panel
takes the whole screen (100dvh, then the visual viewport), the page behind is locked and the launcher hidden
while it is open, the notice stays small with its help lines in sight, and the text box stays above the
on-screen keyboard. At a desktop width the panel floats as before.

Geometry does not depend on what the assistant says, so the real gateway serves the demo page in front of a
fake Rasa that answers every message with a long greeting (tests/bot/conftest.py: it fills the log, as a real
conversation does). Every check waits for a condition; smooth scrolling is off, so that a wheel turn scrolls at
once or never."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.bot.conftest import KBS, greeting

WORDS = {code: kb.widget for code, kb in KBS.items()}
DESKTOP = {"width": 1100, "height": 800}
PHONES = [{"width": 360, "height": 740}, {"width": 390, "height": 844}, {"width": 740, "height": 360}]
PAGE_SCROLL = 300  # where the reader is on the (long) page when the widget is opened


def long_demo_page(browser: Browser, gateway_url: str, viewport: dict[str, int], path: str = "/", **options) -> Page:
    """The demo page (`path`) as the gateway serves it, with its Content-Security-Policy, made long enough to
    scroll at any size, scrolled to PAGE_SCROLL; `options` go to the browser context."""
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()

    def longer(route) -> None:
        response = route.fetch()
        filler = "<p>Besedilo strani, ki ga pomočnik ne sme zakriti.</p>" * 80
        route.fulfill(response=response, body=response.text().replace("</main>", filler + "</main>"))

    page.route(f"{gateway_url}{path}", longer)
    page.goto(f"{gateway_url}{path}")
    page.evaluate(f"window.scrollTo(0, {PAGE_SCROLL})")
    expect_scrolled_to(page, PAGE_SCROLL)
    return page


def wait_until(locator: Locator, predicate: str, arg: Any = None, timeout_ms: int = 5_000) -> bool:
    """Whether `predicate` (a JavaScript function of the element and `arg`) holds within `timeout_ms`, checked at
    every frame. (Not wait_for_function: its predicate is evaluated as a string, which the demo page's CSP forbids.)"""
    return locator.evaluate(
        f"""(node, arg) => new Promise(done => {{
          const test = {predicate}, end = performance.now() + {timeout_ms};
          const check = () => test(node, arg) ? done(true) : performance.now() > end ? done(false) : requestAnimationFrame(check);
          check();
        }})""",
        arg,
    )


def expect_scrolled_to(page: Page, y: int) -> None:
    assert wait_until(page.locator("html"), "(_, y) => Math.round(window.scrollY) === y", y), page.evaluate("scrollY")


def launcher(page: Page) -> Locator:
    return page.locator("#csd-koper-pomocnik .launcher")


def open_by_tap(page: Page, language: str = "sl") -> None:
    page.get_by_role("button", name=WORDS[language].open).click()
    expect(page.get_by_role("log")).to_contain_text(greeting(language).split()[0], timeout=30_000)


def box(locator: Locator) -> dict[str, float]:
    rect = locator.bounding_box()
    assert rect, f"{locator} has no box"
    return rect


def viewport_of(page: Page) -> tuple[int, int]:
    return page.evaluate("[innerWidth, innerHeight]")


def expect_rect(locator: Locator, x: float, y: float, width: float, height: float) -> None:
    """The element's rectangle becomes (x, y, width, height), to half a pixel, within five seconds."""
    want = [x, y, width, height]
    rect = "(node, want) => { const r = node.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].every((v, i) => Math.abs(v - want[i]) < 0.5); }"
    if not wait_until(locator, rect, want):
        seen = box(locator)
        raise AssertionError(f"{[seen[k] for k in ('x', 'y', 'width', 'height')]} is not {want}")


def root_overflow(page: Page) -> list[str]:
    return page.evaluate("[document.documentElement, document.body].map(n => getComputedStyle(n).overflow)")


def wheel_over(page: Page, locator: Locator, delta: int) -> None:
    rect = box(locator)
    wheel_at(page, rect["x"] + rect["width"] / 2, rect["y"] + rect["height"] / 2, delta)


def wheel_at(page: Page, x: float, y: float, delta: int) -> None:
    page.mouse.move(x, y)
    page.mouse.wheel(0, delta)


def expect_page_locked(page: Page) -> None:
    """The page behind does not scroll: a wheel turn over the panel's header (nothing in it scrolls), then one
    over the log, far past its end; once the log is at its end both were handled, and the page has not moved."""
    assert root_overflow(page) == ["hidden", "hidden"]
    log = page.get_by_role("log")
    log.evaluate("log => { log.scrollTop = 0; }")
    wheel_over(page, page.locator("#csd-koper-pomocnik header"), 400)
    wheel_over(page, log, 10_000)
    assert wait_until(log, "log => log.scrollTop > 0 && log.scrollTop + log.clientHeight >= log.scrollHeight - 1")
    assert round(page.evaluate("window.scrollY")) == PAGE_SCROLL


def notice_parts(page: Page) -> tuple[Locator, Locator]:
    notice = page.locator("#csd-koper-pomocnik .notice")
    return notice, notice.locator('a[href^="tel:"]')


def expect_help_lines_in_sight(page: Page) -> None:
    """The notice's help lines are tel: links within the notice and within the screen."""
    notice, links = notice_parts(page)
    width, height = viewport_of(page)
    frame = box(notice)
    expect(links).to_have_text(["112", "113"])
    for index in range(2):
        link = box(links.nth(index))
        assert frame["y"] <= link["y"] and link["y"] + link["height"] <= frame["y"] + frame["height"] + 0.5
        assert link["x"] >= 0 and link["x"] + link["width"] <= width and link["y"] + link["height"] <= height


@pytest.mark.parametrize(
    ("viewport", "path", "language"),
    [(phone, "/", "sl") for phone in PHONES] + [(PHONES[0], "/it", "it")],
    ids=["360x740", "390x844", "740x360", "360x740-it"],
)
def test_on_a_phone_the_open_widget_takes_the_whole_screen(
    browser: Browser, gateway_url: str, viewport: dict[str, int], path: str, language: str
) -> None:
    page = long_demo_page(browser, gateway_url, viewport, path, has_touch=True)
    width, height = viewport["width"], viewport["height"]
    open_by_tap(page, language)
    dialog = page.get_by_role("dialog")
    expect_rect(dialog, 0, 0, width, height)  # the page shows neither above nor below it
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog).to_be_focused()  # tapped open: the dialog, not the text box (no keyboard over the greeting)
    expect(launcher(page)).to_be_hidden()  # it covers no text of the page, nor of the panel
    close = page.get_by_role("button", name=WORDS[language].close)
    close_box = box(close)
    assert close_box["width"] >= 44 and close_box["height"] >= 44  # a touch target
    assert close_box["y"] >= 0 and close_box["x"] + close_box["width"] <= width

    notice, _ = notice_parts(page)
    notice_height = box(notice)["height"]
    assert notice_height < height / 3, f"the notice takes {notice_height:.0f} of {height} px"
    expect(notice).to_contain_text(WORDS[language].notice.split(".")[0])  # "I am an automatic assistant"
    expect_help_lines_in_sight(page)

    for part in (page.get_by_label(WORDS[language].question), page.get_by_role("button", name=WORDS[language].send)):
        rect = box(part)
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= width
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= height
    expect_page_locked(page)

    close.click()
    expect(dialog).to_be_hidden()
    expect(launcher(page)).to_be_focused()
    assert root_overflow(page) == ["visible", "visible"]  # the page's own again
    expect_scrolled_to(page, PAGE_SCROLL)  # where the reader left it
    wheel_at(page, width / 2, height / 2, 100)
    expect_scrolled_to(page, PAGE_SCROLL + 100)  # and it scrolls again
    page.context.close()


def test_at_a_desktop_width_the_panel_floats_as_before(browser: Browser, gateway_url: str) -> None:
    page = long_demo_page(browser, gateway_url, DESKTOP)
    open_by_tap(page)
    dialog = page.get_by_role("dialog")
    # widget.css: 380 x 600, 8 px from the right, 76 px above the bottom, beside the page
    expect_rect(dialog, DESKTOP["width"] - 8 - 380, DESKTOP["height"] - 76 - 600, 380, 600)
    expect(dialog).not_to_have_attribute("aria-modal", "true")
    expect(launcher(page)).to_be_visible()
    expect(page.get_by_label(WORDS["sl"].question)).to_be_focused()  # as ever: the text box
    assert root_overflow(page) == ["visible", "visible"]
    wheel_at(page, 200, 400, 100)  # beside the panel
    expect_scrolled_to(page, PAGE_SCROLL + 100)  # the page scrolls beside the open panel
    page.context.close()


OUT_OF_SIGHT = "node => { const r = node.getBoundingClientRect(); return r.width <= 1 && r.height <= 1; }"


# A visual viewport that an on-screen keyboard shrinks (as Chrome on Android and Safari report it: the layout
# viewport keeps its size). Headless Chromium has no on-screen keyboard; this one is driven by the test.
KEYBOARD = """
(() => {
  const view = new EventTarget();
  let keyboard = 0, panned = 0;
  Object.defineProperties(view, {
    scale: { get: () => 1 }, offsetLeft: { get: () => 0 }, offsetTop: { get: () => panned },
    width: { get: () => innerWidth }, height: { get: () => innerHeight - keyboard },
  });
  window.visualViewport = view;
  window.showKeyboard = (height, pan = 0) => { keyboard = height; panned = pan; view.dispatchEvent(new Event("resize")); };
})();
"""


@pytest.mark.parametrize(
    ("viewport", "keyboard"),
    [({"width": 360, "height": 740}, 290), ({"width": 740, "height": 360}, 190)],
    ids=["portrait", "landscape"],
)
def test_the_text_box_stays_above_the_on_screen_keyboard(
    browser: Browser, gateway_url: str, viewport: dict[str, int], keyboard: int
) -> None:
    context = browser.new_context(viewport=viewport, has_touch=True)
    context.add_init_script(KEYBOARD)
    page = context.new_page()
    page.goto(f"{gateway_url}/")
    width, height = viewport["width"], viewport["height"]
    open_by_tap(page)
    dialog = page.get_by_role("dialog")
    question = page.get_by_label(WORDS["sl"].question)
    question.focus()
    page.evaluate(f"showKeyboard({keyboard})")
    seen = height - keyboard
    expect_rect(dialog, 0, 0, width, seen)
    rect = box(question)
    assert rect["y"] >= 0 and rect["y"] + rect["height"] <= seen  # above the keyboard
    notice, _ = notice_parts(page)
    assert box(notice)["height"] < seen / 3
    aside = notice.get_by_text("Ne pošiljajte osebnih podatkov.")
    assert wait_until(aside, OUT_OF_SIGHT)  # short: the asides are clipped away
    expect(notice.get_by_text("Sem avtomatski pomočnik, ne človek.")).to_be_visible()
    expect_help_lines_in_sight(page)
    expect(notice).to_have_text(f"{WORDS['sl'].notice} {WORDS['sl'].retention.format(days='30 dni')}")  # all read

    page.evaluate(f"showKeyboard({keyboard}, 40)")  # the browser pans what is seen: the panel follows
    expect_rect(dialog, 0, 40, width, seen)
    page.evaluate("showKeyboard(0)")
    expect_rect(dialog, 0, 0, width, height)
    if height >= 480:
        assert wait_until(aside, f"node => !({OUT_OF_SIGHT})(node)")  # room for all of it again
    context.close()


def test_by_keyboard_on_a_phone(browser: Browser, gateway_url: str) -> None:
    """Enter opens it with the focus in the text box, Tab stays inside the full-screen dialog, Escape closes."""
    page = long_demo_page(browser, gateway_url, PHONES[0])
    expect(launcher(page)).to_be_visible()
    launcher(page).focus()
    page.keyboard.press("Enter")
    question = page.get_by_label(WORDS["sl"].question)
    expect(question).to_be_focused()
    expect(page.get_by_role("log")).to_contain_text("Pozdravljeni!", timeout=30_000)
    send = page.get_by_role("button", name=WORDS["sl"].send)
    first = page.locator("#csd-koper-pomocnik .language")
    send.focus()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()  # from the last stop back to the first, not out to the page
    page.keyboard.press("Shift+Tab")
    expect(send).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher(page)).to_be_focused()
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")
    assert root_overflow(page) == ["visible", "visible"]
    page.context.close()


def test_turning_a_window_between_phone_and_desktop_widths_while_open(browser: Browser, gateway_url: str) -> None:
    page = long_demo_page(browser, gateway_url, PHONES[0])
    open_by_tap(page)
    dialog = page.get_by_role("dialog")
    expect_rect(dialog, 0, 0, 360, 740)
    page.set_viewport_size(DESKTOP)
    expect(dialog).not_to_have_attribute("aria-modal", "true")
    expect_rect(dialog, DESKTOP["width"] - 8 - 380, DESKTOP["height"] - 76 - 600, 380, 600)
    expect(launcher(page)).to_be_visible()
    assert root_overflow(page) == ["visible", "visible"]
    page.set_viewport_size(PHONES[2])
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect_rect(dialog, 0, 0, 740, 360)
    expect(launcher(page)).to_be_hidden()
    assert root_overflow(page) == ["hidden", "hidden"]
    page.context.close()
