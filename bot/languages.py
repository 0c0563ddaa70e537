"""Which served language a person's own settings point to: the language tag a browser (`navigator.languages`,
`<html lang>`) or Telegram (`language_code`) gives, as a first hint of a new conversation's language.

A tag is read by its language alone ("en-GB" → en, "sr-Latn-RS" → sr); Bosnian, Serbian and Montenegrin are
answered in Croatian, as the assistant reads them, when Croatian is served.
"""

from __future__ import annotations

from replies.languages import SERVED, served

# Languages answered in a kindred served language: their tag's language → that language's code.
KINDRED = {"bs": "hr", "sr": "hr", "cnr": "hr", "sh": "hr"}


def hinted(tag: str | None) -> str | None:
    """The served language `tag` points to ("it-IT" → "it", "bs" → "hr" when Croatian is served), or None."""
    language = (tag or "").strip().replace("_", "-").split("-")[0].lower()
    return served(KINDRED.get(language, language))


def kindred() -> dict[str, str]:
    """The kindred tags of the languages served, for the widget, which reads the browser's tags itself."""
    return {tag: code for tag, code in KINDRED.items() if code in SERVED}
