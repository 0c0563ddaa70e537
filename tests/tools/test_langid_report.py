"""The language identification report: its labelled messages load, and every method answers a code."""

from __future__ import annotations

from tools.langid_report import LANGUAGES, PARTS, SHORT, identifiers, labelled


def test_every_language_has_its_messages_in_every_part() -> None:
    for part in PARTS:
        cases = labelled(part)
        assert {label for label, _ in cases} == {*LANGUAGES, SHORT}, part
        assert all(sum(1 for label, _ in cases if label == language) >= 20 for language in LANGUAGES), part


def test_every_method_answers_with_a_language_code_or_none() -> None:
    for name, identify in identifiers().items():
        for part in PARTS:
            for _, text in labelled(part):
                guess = identify(text)
                assert guess is None or (isinstance(guess, str) and len(guess) == 2 and guess.islower()), (name, text)
    restricted = list(identifiers().values())[-1]
    assert restricted("Does the service cover Izola?") == "en"
    assert restricted("quanti comuni coprite") == "it"
