"""replies.fluent: Fluent made strict (GUIDE §6's traps), places in their cases, lists and counts by CLDR."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.core import UnknownLocaleError
from babel.lists import format_list as babel_format_list

from replies.fluent import FluentFailure, FluentResourceError, Messages, PlaceName, format_list

KOPER = PlaceName(
    "Koper", {"gen": "Kopra", "dat": "Kopru", "acc": "Koper", "loc": "Kopru", "ins": "Koprom"}, at="v", away="iz"
)
# Not a municipality: a place that takes "na" and "s"/"z", as the knowledge base would give one.
SKOFIJE = PlaceName("Škofije", {"gen": "Škofij", "loc": "Škofijah"}, at="na", away="s")
BERTOKI = PlaceName("Bertoki", {"gen": "Bertokov", "loc": "Bertokih"}, at="na", away="z")
IZOLA = PlaceName("Izola", {"gen": "Izole", "acc": "Izolo", "loc": "Izoli"}, at="v", away="iz")
# Croatian declines names too, with its own prepositions.
KOPAR = PlaceName("Koper", {"gen": "Kopra", "loc": "Kopru"}, at="u", away="iz")

SLOVENIAN = """\
municipalities = { $count ->
    [one] { $count } občina
    [two] { $count } občini
    [few] { $count } občine
   *[other] { $count } občin
}
covers = Pokriva { PLACE($places, case: "acc") }.
lives = Živi { PLACE($place, case: "loc") }, prihaja { PLACE($place, case: "from") }.
listed = { $names }
needs-place = Za { $place }.
"""
ITALIAN = """\
municipalities = { $count ->
    [one] un comune
   *[other] { $count } comuni
}
covers = Copre { $places }.
"""


def bundle(tmp_path: Path, language: str, *texts: str) -> Messages:
    folder = tmp_path / language
    folder.mkdir()
    for index, text in enumerate(texts):
        (folder / f"{index}.ftl").write_text(text, encoding="utf-8")
    return Messages(language, folder)


@pytest.fixture
def sl(tmp_path: Path) -> Messages:
    return bundle(tmp_path, "sl", SLOVENIAN)


@pytest.fixture
def it(tmp_path: Path) -> Messages:
    return bundle(tmp_path, "it", ITALIAN)


def test_slovenian_counts_have_the_dual(sl: Messages) -> None:
    said = {n: sl("municipalities", count=n) for n in (1, 2, 3, 4, 5, 101, 102, 103, 105)}
    assert said == {
        1: "1 občina",
        2: "2 občini",
        3: "3 občine",
        4: "4 občine",
        5: "5 občin",
        101: "101 občina",
        102: "102 občini",
        103: "103 občine",
        105: "105 občin",
    }


def test_italian_counts(it: Messages) -> None:
    assert [it("municipalities", count=n) for n in (1, 2, 101)] == ["un comune", "2 comuni", "101 comuni"]


def test_counts_are_not_grouped(sl: Messages) -> None:
    assert sl("municipalities", count=1000) == "1000 občin"
    assert sl("municipalities", count=12345) == "12345 občin"


def test_no_isolation_marks(sl: Messages) -> None:
    said = sl("listed", names=["Koper"])
    assert said == "Koper" and "\u2068" not in said and "\u2069" not in said


def test_lists_are_joined_as_each_language_joins_them(sl: Messages, it: Messages) -> None:
    assert sl("listed", names=["Koper", "Izola", "Piran"]) == "Koper, Izola in Piran"
    assert sl("listed", names=["Koper", "Izola"]) == "Koper in Izola"
    assert it("covers", places=[PlaceName("Capodistria"), PlaceName("Isola"), PlaceName("Pirano")]) == (
        "Copre Capodistria, Isola e Pirano."
    )


def test_places_in_their_cases_with_their_own_preposition(sl: Messages) -> None:
    assert sl("covers", places=[KOPER, IZOLA]) == "Pokriva Koper in Izolo."
    assert sl("lives", place=KOPER) == "Živi v Kopru, prihaja iz Kopra."
    assert sl("lives", place=SKOFIJE) == "Živi na Škofijah, prihaja s Škofij."
    assert sl("lives", place=BERTOKI) == "Živi na Bertokih, prihaja z Bertokov."
    assert sl("lives", place=KOPAR) == "Živi u Kopru, prihaja iz Kopra."  # the place's prepositions, whatever the words


def test_a_case_a_place_has_no_form_for_fails(sl: Messages) -> None:
    with pytest.raises(FluentFailure, match="no 'acc' form of 'Škofije'"):
        sl("covers", places=[SKOFIJE])
    with pytest.raises(FluentFailure, match="Capodistria"):
        sl("lives", place=PlaceName("Capodistria"))


def test_a_missing_variable_fails(sl: Messages) -> None:
    with pytest.raises(FluentFailure, match="Unknown external: place"):
        sl("needs-place")


def test_a_missing_message_fails(sl: Messages) -> None:
    with pytest.raises(FluentFailure, match="no message 'nothing'"):
        sl("nothing")


def test_a_bool_is_no_count(sl: Messages) -> None:
    with pytest.raises(FluentFailure, match="bool"):
        sl("municipalities", count=True)


def test_a_resource_with_junk_does_not_load(tmp_path: Path) -> None:
    with pytest.raises(FluentResourceError, match=r"0\.ftl:2: .*broken"):
        bundle(tmp_path, "sl", "good = Dobro.\nbroken = { $x\nafter = Potem.\n")


def test_a_message_defined_twice_does_not_load(tmp_path: Path) -> None:
    with pytest.raises(FluentResourceError, match="'same' is defined in 0.ftl already"):
        bundle(tmp_path, "sl", "same = Ena.\n", "same = Druga.\n")


def test_an_unknown_locale_does_not_load(tmp_path: Path) -> None:
    with pytest.raises(UnknownLocaleError):
        bundle(tmp_path, "xx", "a = A\n")


@pytest.mark.parametrize("language", ["sl", "it", "en", "hr"])
def test_lists_follow_babel_s_cldr_patterns(language: str) -> None:
    """replies.fluent.format_list reads CLDR's patterns once; it joins as babel's format_list does."""
    items = ["Koper", "Izola", "Piran", "Sežana", "Pivka"]
    for count in range(6):
        assert format_list(items[:count], language) == babel_format_list(items[:count], locale=language)


def test_a_message_said_again_is_the_same(sl: Messages) -> None:
    first = sl("covers", places=[KOPER, IZOLA])
    assert sl("covers", places=[KOPER, IZOLA]) == first == "Pokriva Koper in Izolo."
    assert sl("covers", places=[IZOLA]) == "Pokriva Izolo."
