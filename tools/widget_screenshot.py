"""Write docs/widget.png: the demo page with the widget open mid-conversation, in headless chromium.

python -m tools.widget_screenshot      (or: make screenshot)
"""

from __future__ import annotations

import shutil

from playwright.sync_api import expect, sync_playwright

from bot.settings import Settings
from tools.stack import ROOT, assistant_running

OUTPUT = ROOT / "docs" / "widget.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    with (
        assistant_running(Settings.from_env(), ROOT / "var" / "log" / "screenshot") as settings,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 760})
        page.goto(f"{settings.gateway_url}/")
        page.get_by_role("button", name="Vprašajte pomočnika").click()
        page.get_by_role("button", name="Nov pogovor").click()
        log = page.get_by_role("log")
        for question, answer in [
            ("Ali interventna služba pokriva Izolo?", "pokriva tudi Izolo"),
            ("kaj pa sezana", "ne pokriva Sežane"),
            ("Katere regijske naloge imate?", "te regijske naloge"),
        ]:
            page.get_by_label("Vaše vprašanje").fill(question)
            page.keyboard.press("Enter")
            expect(log).to_contain_text(answer, timeout=30_000)
        OUTPUT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
