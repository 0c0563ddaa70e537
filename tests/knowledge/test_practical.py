"""Practical topics found in free text by the word stems of practical.yml, with or without diacritics."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.practical import TopicFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> TopicFinder:
    return TopicFinder(kb)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Kje se pravzaprav nahajate?", ("address",)),
        ("vas postni naslov", ("address",)),
        ("Ob kateri uri zaprete?", ("office_hours",)),
        ("a imate odprto tudi popoldan", ("office_hours",)),
        ("Na katero telefonsko številko vas dobim?", ("phone",)),
        ("kam lahko pišem, imate e-naslov?", ("email",)),
        ("Vaš elektronski naslov, prosim.", ("email",)),
        ("Imate internetno stran?", ("web",)),
        ("kontaktni podatki", ("contact",)),
        ("Kolikšen je znesek varstvenega dodatka?", ("amounts",)),
        ("kok dobim denarja", ("amounts",)),
        ("Kako zaprosim za pomoč in koliko časa to traja?", ("apply",)),
        ("Kje ste in kdaj imate uradne ure?", ("address", "office_hours")),
        ("koliko znasa in kako oddam vlogo", ("amounts", "apply")),
        ("Kje pa bi vas obiskala?", ("address",)),
        ("kdaj lahko oddam vlogo", ("apply",)),
        ("kje dobim obrazec", ("apply",)),
        ("kaj je to", ()),
    ],
)
def test_topics_in_order_of_appearance(finder: TopicFinder, text: str, topics: tuple[str, ...]) -> None:
    assert finder.find(text) == topics


def test_a_narrower_topic_replaces_the_broad_one(finder: TopicFinder) -> None:
    assert finder.find("kontakt centra, predvsem telefon") == ("phone",)


def test_question_words_count_only_when_asked_for(finder: TopicFinder) -> None:
    assert finder.find("ne vem kam") == ("address",)
    assert finder.find("ne vem kam", hints=False) == ()


def test_privacy_markers_are_not_questions(finder: TopicFinder) -> None:
    assert finder.find("Živim na [naslov] v Kopru, [telefon], [e-naslov], [davčna številka]. Kaj delate?") == ()
    assert finder.find("dosegljiva sem na [telefon], kdaj ste odprti") == ("office_hours",)


def test_the_way_to_another_office_is_no_question_about_the_centre(finder: TopicFinder, kb_it) -> None:
    assert finder.find("Kje je pošta v Kopru?") == ()
    assert finder.find("kje je upravna enota") == ()
    assert finder.find("kje ste, blizu pošte?") == ("address",)  # a term still counts
    italian = TopicFinder(kb_it)
    assert italian.find("Scusi, dov'è l'ufficio postale?") == ()
    assert italian.find("dove si trova il vostro ufficio?") == ("address",)
