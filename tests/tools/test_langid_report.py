"""The language identification report: its labelled messages load, and every method answers a code."""

from __future__ import annotations

from tools.langid_report import LANGUAGES, identifiers, labelled


def test_every_language_has_its_messages() -> None:
    cases = labelled()
    assert {language for language, _ in cases} == set(LANGUAGES)
    assert all(sum(1 for lang, _ in cases if lang == language) >= 20 for language in LANGUAGES)


def test_every_method_answers_with_a_language_code() -> None:
    for identify in identifiers().values():
        for _, text in labelled():
            guess = identify(text)
            assert isinstance(guess, str) and len(guess) == 2 and guess.islower(), (text, guess)
    restricted = list(identifiers().values())[-1]
    assert restricted("Does the service cover Izola?") == "en"
    assert restricted("quanti comuni coprite") == "it"
