"""Which entry a message asks for, on the team's own entry set and the real training data as negatives."""

from __future__ import annotations

import pytest

from staff_answers.corpus import Corpus
from staff_answers.entries import Entry
from staff_answers.matching import Matcher, content_words


@pytest.fixture(scope="module")
def matcher(entries: list[Entry], training: Corpus) -> Matcher:
    return Matcher(entries, training.negatives(), training.background())


def test_every_example_finds_its_own_entry(matcher: Matcher, entries: list[Entry]) -> None:
    for entry in entries:
        for language, questions in entry.questions.items():
            for question in questions:
                match = matcher.match(question, language)
                assert match is not None and match.entry.id == entry.id, (question, match)


@pytest.mark.parametrize(
    ("text", "language", "entry_id"),
    [
        # Paraphrases: other words, no diacritics, typos, inflected forms.
        ("kje se zaprosi za dodatek za velko druzino", "sl", "velika-druzina"),
        ("Bivši mož že tri mesece ne plačuje preživnine za hčerko", "sl", "nadomestilo-prezivnine"),
        ("Kdo mi pokrije pogreb mame, ker nimamo denarja?", "sl", "pogreb"),
        ("vorremmo adottare un bambino, come si fa?", "it", "posvojitev"),
    ],
)
def test_a_paraphrase_finds_its_entry(matcher: Matcher, text: str, language: str, entry_id: str) -> None:
    match = matcher.match(text, language)
    assert match is not None and match.entry.id == entry_id


@pytest.mark.parametrize(
    "text",
    [
        "Ali interventna služba pokriva Izolo?",  # the knowledge base's: closer to its training data
        "Kateri center je pristojen za Pivko?",
        "Koliko naselij ima Mestna občina Koper?",
        "Kdaj pelje avtobus v Ljubljano?",
        "hvala lepa",
        "Kako dobim invalidsko pokojnino?",  # shares words, but with no entry's core
        "",
        "???",
    ],
)
def test_what_no_entry_answers_gets_none(matcher: Matcher, text: str) -> None:
    assert matcher.match(text) is None


def test_two_equally_strong_entries_are_both_said(entries: list[Entry]) -> None:
    twins = Matcher([e for e in entries if e.id in ("velika-druzina", "starsevski-dodatek")])
    both = twins.verdict("dodatek")  # either allowance: both answers, for the person to pick
    assert both.reason == "two" and both.match is not None and both.match.also is not None
    assert {both.match.entry.id, both.match.also.id} == {"velika-druzina", "starsevski-dodatek"}
    one = twins.verdict("dodatek za veliko družino, ne starševski")
    assert one.reason == "match" and one.match is not None and one.match.entry.id == "velika-druzina"


def test_the_verdict_says_why(matcher: Matcher) -> None:
    verdict = matcher.verdict("Ali pomoč na domu pokriva Sežano?")
    assert verdict.match is None and verdict.negative is not None
    found = matcher.verdict("dodatek za veliko družino")
    assert found.reason == "match" and found.candidates[0].entry_id == "velika-druzina"


def test_a_slovenian_name_in_an_italian_message_is_recognised(matcher: Matcher) -> None:
    match = matcher.match("Come faccio a diventare družinski pomočnik per mia madre?", "it")
    assert match is not None and match.entry.id == "druzinski-pomocnik"


def test_no_entries_match_nothing() -> None:
    assert Matcher([]).match("otroški dodatek") is None


def test_content_words_are_lemmas_without_filler() -> None:
    assert [lemma for _, lemma in content_words("Kako dobim otroškega dodatka?")] == ["otroski", "dodatek"]
