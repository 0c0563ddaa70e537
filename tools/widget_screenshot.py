"""Write docs/widget.png (or docs/widget-it.png): a demo page with the widget open mid-conversation, in
headless chromium; for Slovenian also docs/widget-phone.png, the same on a phone (360 x 740), full screen.

python -m tools.widget_screenshot            (or: make screenshot)   the Slovenian page, docs/widget.png and
                                                                     docs/widget-phone.png
python -m tools.widget_screenshot --lang it                          the Italian page, docs/widget-it.png
"""

from __future__ import annotations

import argparse
import shutil

from playwright.sync_api import Page, expect, sync_playwright

from knowledge import load_knowledge_base
from knowledge.schema import WidgetLabels
from runtime.settings import Settings
from runtime.stack import ROOT, assistant_running

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip

# By language: the demo page, the picture, and the conversation shown (each question with words of its answer).
SHOTS = {
    "sl": (
        "/",
        ROOT / "docs" / "widget.png",
        [
            ("Ali interventna služba pokriva Izolo?", "pokriva tudi Izolo"),
            ("kaj pa sezana", "ne pokriva Sežane"),
            ("Katere regijske naloge imate?", "te regijske naloge"),
        ],
    ),
    "it": (
        "/it",
        ROOT / "docs" / "widget-it.png",
        [
            ("Il servizio di intervento copre anche Pirano?", "copre anche Pirano"),
            ("e Sesana?", "non copre Sežana (Sesana)"),
            ("Quale centro è competente per Comeno?", "Per Komen (Comeno) è competente"),
        ],
    ),
}
PHONE = ("sl", ROOT / "docs" / "widget-phone.png", {"width": 360, "height": 740})  # language, picture, screen


def converse(page: Page, words: WidgetLabels, conversation: list[tuple[str, str]]) -> None:
    """A new conversation in the open widget: each question asked, its answer awaited."""
    page.get_by_role("button", name=words.restart).click()
    log = page.get_by_role("log")
    for question, answer in conversation:
        page.get_by_label(words.question).fill(question)
        page.keyboard.press("Enter")
        expect(log).to_contain_text(answer, timeout=30_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(SHOTS), default="sl", help="the demo page's language (default: sl)")
    language = parser.parse_args().lang
    path, output, conversation = SHOTS[language]
    words = load_knowledge_base(language=language).widget
    with (
        assistant_running(Settings.from_env(), ROOT / "var" / "log" / "screenshot") as settings,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        pictures = [(output, {"width": 1000, "height": 760})]
        if language == PHONE[0]:
            pictures.append(PHONE[1:])
        for picture, viewport in pictures:
            context = browser.new_context(viewport=viewport, has_touch=viewport["width"] < 500)
            page = context.new_page()
            page.goto(f"{settings.gateway_url}{path}")
            page.get_by_role("button", name=words.open).click()
            converse(page, words, conversation)
            picture.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(picture))
            context.close()
            print(f"wrote {picture}")
        browser.close()


if __name__ == "__main__":
    main()
