"""Every settlement of the register can be named, alone and in the sentences people write."""

from __future__ import annotations

import pytest

from knowledge import load_knowledge_base
from knowledge.places import short_name

KB = load_knowledge_base()
SETTLEMENTS = [(entry.municipality, s.sl) for entry in KB.settlements.municipalities for s in entry.settlements]


@pytest.mark.parametrize(("municipality", "settlement"), SETTLEMENTS)
def test_every_settlement_resolves_to_its_municipality(resolver, municipality: str, settlement: str) -> None:
    """Named as a name, capitalised inside a sentence: the settlement or, where it is also a municipality's
    seat, the municipality itself; several municipalities only where the name is shared."""
    mentions = resolver.resolve(f"Ali interventna služba pokriva {settlement}?")
    assert municipality in mentions.municipalities, mentions
    place = mentions.places[0]
    assert place.settlements == () or settlement in place.settlements or len(place.municipalities) > 1


@pytest.mark.parametrize(
    ("text", "name", "municipalities"),
    [
        ("Smo iz Strunjana, ali nas pokriva interventna služba?", "Strunjan", ("Piran",)),
        ("živimo na Škofijah", "Škofije", ("Koper",)),
        ("v Sečovljah", "Sečovlje", ("Piran",)),
        ("iz Knežaka", "Knežak", ("Ilirska Bistrica",)),
        ("v Vremskem Britofu", "Vremski Britof", ("Divača",)),
        ("v Portorozu", "Portorož", ("Piran",)),
        ("na Kozini", "Kozina", ("Hrpelje-Kozina",)),
        ("Škocjan", "Škocjan", ("Koper", "Divača")),
        ("v Čelju", "Čelje", ("Ilirska Bistrica",)),
        ("a pokriva strunjan", "Strunjan", ("Piran",)),
        ("v Portorozhu", "Portorož", ("Piran",)),  # a typo
    ],
)
def test_settlements_as_people_write_them(resolver, text: str, name: str, municipalities: tuple[str, ...]) -> None:
    mentions = resolver.resolve(text)
    assert [(p.name, p.municipalities) for p in mentions.places] == [(name, municipalities)]


def test_the_municipality_wins_over_its_settlements(resolver) -> None:
    mentions = resolver.resolve("Kaj izvajate za Hrpelje-Kozino?")
    assert [(p.name, p.is_settlement) for p in mentions.places] == [("Hrpelje-Kozina", False)]
    assert resolver.resolve("Živim v Kopru").places[0].is_settlement is False


def test_an_ordinary_word_names_a_settlement_as_a_name_or_after_a_preposition(resolver) -> None:
    assert resolver.resolve("Na Planini živimo").municipalities == ("Postojna",)
    assert resolver.resolve("zivim v dekanih").municipalities == ("Koper",)
    assert resolver.resolve("dekani so pomagali").municipalities == ()


@pytest.mark.parametrize(
    "text", ["smo na planini, dober dan", "koliko ur na dan dela interventna", "najboljši na svetu", "živim v hribih"]
)
def test_everyday_phrases_name_no_settlement(resolver, text: str) -> None:
    assert resolver.resolve(text).municipalities == ()


def test_short_names() -> None:
    assert short_name("Spodnje Škofije") == "Škofije"
    assert short_name("Dane pri Sežani") == "Dane"
    assert short_name("Nova vas") is None  # "vas" alone names nothing
    assert short_name("Strunjan") is None


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("Ali je sežansko območje v interventni službi?", "Sežana"),
        ("na piranskem", "Piran"),
        ("za Izolane", "Izola"),
        ("Kaj delate za Postojnčane?", "Postojna"),
        ("ilirskobistriško območje", "Ilirska Bistrica"),
        ("Kaj leži severno od koprske občine?", "Koper"),
    ],
)
def test_adjectives_and_residents(resolver, text: str, municipality: str) -> None:
    assert resolver.resolve(text).municipalities == (municipality,)


def test_an_adjective_before_csd_names_the_centre(resolver) -> None:
    mentions = resolver.resolve("katere naloge opravlja koprski csd v komnu")
    assert mentions.municipalities == ("Komen",) and mentions.centres == ("koper",)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("Ali interventna služba pokriva Maribor?", ("Maribor",)),
        ("ali pomoc na domu velja za ljubljano", ("Ljubljana",)),
        ("Ali koordinacija za nasilje pokriva Novo Gorico?", ("Nova Gorica",)),
        ("Kaj delate za Celje?", ("Celje",)),
        ("Kaj pa Murska Sobota?", ("Murska Sobota",)),
    ],
)
def test_places_outside_the_region(resolver, text: str, outside: tuple[str, ...]) -> None:
    mentions = resolver.resolve(text)
    assert mentions.outside == outside and mentions.municipalities == ()


def test_a_place_outside_asked_beside_a_known_one(resolver) -> None:
    mentions = resolver.resolve("Ali pomoč na domu pokriva Koper in Ljubljano?")
    assert mentions.municipalities == ("Koper",) and mentions.outside == ("Ljubljana",)


def test_a_place_outside_merely_mentioned_is_no_question(resolver) -> None:
    mentions = resolver.resolve("Mama živi v Dutovljah, jaz pa delam v Ljubljani. Ali dobi pomoč na domu?")
    assert mentions.municipalities == ("Sežana",) and mentions.outside == ()


@pytest.mark.parametrize(
    "text",
    [
        "Katere občine pokriva koordinacija obravnave v skupnosti?",
        "ali pokrivate družinske prejemke",
        "katera območja pokriva dežurna interventna služba ponoči",
        "Dober dan, prosim za pomoč",
        "Pozdravljeni, lp Mojca",
    ],
)
def test_ordinary_words_are_no_places_outside(resolver, text: str) -> None:
    assert resolver.resolve(text).outside == ()


@pytest.mark.parametrize(
    ("text", "count", "complement"),
    [
        ("Koliko občin pokriva koordinacija za nasilje?", True, False),
        ("Katerih občin interventna služba ne pokriva?", False, True),
        ("kje interventna ne deluje", False, True),
        ("koliko obcin je brez interventne sluzbe", True, True),
        ("Ali interventna služba pokriva Izolo?", False, False),
    ],
)
def test_shapes_of_question(resolver, text: str, count: bool, complement: bool) -> None:
    mentions = resolver.resolve(text)
    assert (mentions.count, mentions.complement) == (count, complement)


def test_two_tasks_in_one_question(resolver) -> None:
    mentions = resolver.resolve("Ali za Izolo izvajate interventno službo in koordinacijo za nasilje?")
    assert mentions.tasks == ("interventna_sluzba", "koordinacija_nasilje")


def test_a_place_outside_after_a_filler_word(resolver) -> None:
    assert resolver.resolve("Ali interventna služba pokriva tudi Ljubljano?").outside == ("Ljubljana",)


def test_an_adverb_after_a_coverage_verb_is_no_place(resolver) -> None:
    mentions = resolver.resolve("koliko obcin pa pokriva skupaj?")
    assert mentions.outside == () and mentions.count


def test_a_pronoun_after_a_coverage_verb_is_no_place(resolver) -> None:
    mentions = resolver.resolve("ali vaša koordinacija obravnave v skupnosti vključuje tudi naše območje")
    assert mentions.outside == ()


def test_a_place_outside_joined_by_or_with_its_preposition(resolver) -> None:
    mentions = resolver.resolve("Ali lahko delo v splošno korist opravljam v Postojni ali v Ljubljani?")
    assert mentions.municipalities == ("Postojna",) and mentions.outside == ("Ljubljana",)
