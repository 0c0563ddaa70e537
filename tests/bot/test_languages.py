"""The first hint of a new conversation's language: a browser's or Telegram's language tag, read by its
language ("en-GB" → en), Bosnian, Serbian and Montenegrin as Croatian, whichever languages are served."""

from __future__ import annotations

import pytest

from bot.languages import hinted, kindred
from replies.languages import DEFAULT, SERVED


def if_served(code: str) -> str | None:
    return code if code in SERVED else None


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("it", "it"),
        ("it-IT", "it"),
        ("IT_it", "it"),
        (" sl ", "sl"),
        ("sl-SI", "sl"),
        ("en-GB", if_served("en")),
        ("hr", if_served("hr")),
        ("bs", if_served("hr")),  # Bosnian, Serbian in either script, Montenegrin: answered in Croatian
        ("sr-Latn-RS", if_served("hr")),
        ("sr-Cyrl", if_served("hr")),
        ("cnr", if_served("hr")),
        ("de-AT", None),
        ("", None),
        (None, None),
        ("constructor", None),
        ("slovenščina", None),
    ],
)
def test_a_tag_points_to_its_served_language(tag: str | None, language: str | None) -> None:
    assert hinted(tag) == language


def test_every_served_language_is_its_own_hint_and_kindred_ones_point_to_served_ones() -> None:
    assert [hinted(code) for code in SERVED] == list(SERVED)
    assert SERVED[0] == DEFAULT
    assert all(code in SERVED and hinted(tag) == code for tag, code in kindred().items())
    assert ("bs" in kindred()) == ("hr" in SERVED)
