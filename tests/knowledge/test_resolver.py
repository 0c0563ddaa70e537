"""The resolver over the real knowledge base: every case form of every municipality, with and
without diacritics and in any capitalisation, typos, and places it must not guess."""

from __future__ import annotations

import pytest

from knowledge import load_knowledge_base
from knowledge.resolver import Resolver
from knowledge.text import fold

KB = load_knowledge_base()
FORMS = [(m.name, form) for m in KB.municipalities for form in [*m.forms.dict().values(), *m.aliases]]


@pytest.mark.parametrize(("name", "form"), FORMS)
def test_every_form_resolves(resolver, name: str, form: str) -> None:
    for spelling in {form, fold(form), form.upper(), form.lower()}:
        assert resolver.resolve(f"Kaj izvajate za {spelling}?").municipalities == (name,), spelling


@pytest.mark.parametrize(("name", "form"), [(n, f) for n, f in FORMS if "-" in f])
def test_double_names_without_hyphen(resolver, name: str, form: str) -> None:
    assert resolver.resolve(form.replace("-", " ")).municipalities == (name,)
    assert resolver.resolve(form.replace("-", " - ")).municipalities == (name,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sezani", "Sežana"),
        ("ilirska bistica", "Ilirska Bistrica"),
        ("v ilirski bistirci", "Ilirska Bistrica"),
        ("postonja", "Postojna"),
        ("v hrpeljah kozni", "Hrpelje-Kozina"),
        ("divaci", "Divača"),
    ],
)
def test_typos_in_place_names(resolver, text: str, expected: str) -> None:
    assert resolver.resolve(text).municipalities == (expected,)


@pytest.mark.parametrize(
    "text",
    ["Kaj pa Maribor?", "v Ljubljani", "za Novo Gorico", "Celje", "kranj", "Ankaran", "mož je pijan", "komu naj pišem"],
)
def test_unknown_places_are_not_guessed(resolver, text: str) -> None:
    assert resolver.resolve(text).municipalities == ()


@pytest.fixture(scope="module")
def both(kb, kb_it) -> Resolver:
    """The Slovenian resolver as the actions build it: the Italian names are understood too."""
    return Resolver(kb, also=[kb_it])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a velja tudi za Pirna", "Piran"),
        ("pomoč na domu v Sezna", "Sežana"),
        ("kdo je pristojen za Ilirski Bistici", "Ilirska Bistrica"),
        ("e per Pirnao?", "Piran"),
        ("e per Capodistra?", "Koper"),
    ],
)
def test_typos_of_slovenian_and_italian_names(both: Resolver, text: str, expected: str) -> None:
    assert both.resolve(text).municipalities == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "mož pride domov pijano",  # one letter from "Pirano"
        "ko je žena pijana, kričí",  # from "Pirana"
        "Mož Pijano razbija",  # written as a name, still no typo
        "kdaj se začne sezona",  # from "Sežana"
        "divani so polni",  # from "Divača"
    ],
)
def test_a_word_of_its_own_is_no_typo_of_a_name(both: Resolver, text: str) -> None:
    assert both.resolve(text).municipalities == ()


def test_no_near_word_is_read_as_a_place(kb, kb_it, both: Resolver) -> None:
    italian = Resolver(kb_it, also=[kb])
    for word in kb.settlements.near_words:
        assert both.typo_of(word) is None and italian.typo_of(word) is None, word
        assert both.resolve(f"Mi je rekel {word.capitalize()}").places == (), word


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Ali interventna služba pokriva Sežano?", "interventna_sluzba"),
        ("Intervetna", "interventna_sluzba"),
        ("interventni sluzbi", "interventna_sluzba"),
        ("koordinacijo za nasilje", "koordinacija_nasilje"),
        ("nasilje v družini", "koordinacija_nasilje"),
        ("delo v splošno korist namesto zapora", "alternativno_izvajanje_kazni"),
        ("alternativnem prestajanju kazni", "alternativno_izvajanje_kazni"),
        ("nacionalnega programa socialnega varstva", "nacionalni_program"),
        ("pomoči na domu", "pomoc_na_domu"),
        ("pomoc na domu", "pomoc_na_domu"),
        ("obravnavi v skupnosti", "obravnava_v_skupnosti"),
    ],
)
def test_tasks_by_the_words_people_use(resolver, text: str, task: str) -> None:
    assert resolver.resolve(text).tasks == (task,)


def test_mentions_keep_order_and_do_not_repeat(resolver) -> None:
    mentions = resolver.resolve("Ali pomoč na domu velja za Piran, Izolo in spet Piran?")
    assert mentions.municipalities == ("Piran", "Izola")
    assert mentions.tasks == ("pomoc_na_domu",)


def test_a_centre_name_is_not_a_municipality(resolver) -> None:
    mentions = resolver.resolve("Katere naloge izvaja CSD Koper za Sežano?")
    assert mentions.municipalities == ("Sežana",)
    assert mentions.centres == ("koper",)
    assert resolver.resolve("centra za socialno delo Izola").centres == ("izola",)


def test_the_same_answer_with_and_without_diacritics(resolver) -> None:
    assert resolver.resolve("Ali pomoč na domu velja za Divačo?") == resolver.resolve(
        "ali pomoc na domu velja za divaco"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Partner me je udaril",
        "razmišljam, da bi se ubil",
        "otrok je sam doma že dva dni",
        "mož me tepe",
        "posilil me je",
    ],
)
def test_danger_is_recognised(resolver, text: str) -> None:
    assert resolver.resolve(text).crisis


@pytest.mark.parametrize(
    "text",
    ["Za katere občine izvajate koordinacijo za nasilje?", "kje dobim pošiljko", "Kaj izvajate za Pivko?"],
)
def test_plain_questions_are_not_danger(resolver, text: str) -> None:
    assert not resolver.resolve(text).crisis


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ne vem, na koga bi se obrnila.", True),
        ("ne vem vec kaj naj naredim, a mi lahko kdo pomaga", True),
        ("Kam se človek sploh obrne, ko ne gre več?", True),
        ("kaj je prva socialna pomoč", True),
        ("ne vem kaj naj vprasam", False),  # a question about the assistant, answered by `help`
        ("kako mi lahko pomagaš", False),
        ("Kaj izvajate za Pivko?", False),
    ],
)
def test_not_knowing_where_to_turn(resolver, text: str, expected: bool) -> None:
    assert resolver.resolve(text).where_to_turn is expected


def test_not_knowing_where_to_turn_in_italian(kb_it) -> None:
    resolver_it = Resolver(kb_it)
    assert resolver_it.resolve("Sinceramente non so più a chi chiedere aiuto").where_to_turn
    assert resolver_it.resolve("ne vem na koga se obrniti").where_to_turn  # the Slovenian words stay understood
    assert not resolver_it.resolve("Come funziona questa chat?").where_to_turn


def test_border_sides_and_activities(resolver) -> None:
    assert resolver.resolve("Kaj meji na Koper na jugu?").border_sides == ("jug",)
    assert resolver.resolve("urejate starševski dodatek?").activities == ("starsevsko_varstvo",)


def test_stop_words_are_spacy_s_folded() -> None:
    """Read from spaCy's file without importing spaCy; the same words, folded."""
    from spacy.lang.sl.stop_words import STOP_WORDS as SPACY

    from knowledge.grammar import SLOVENIAN

    assert frozenset(fold(word) for word in SPACY) == SLOVENIAN.stop_words and "nase" in SLOVENIAN.stop_words


@pytest.mark.parametrize(
    "text", ["ubil bi za en sendvič", "to me bo ubilo", "ne zmorem več, kdo pomaga na domu?", "bojim se"]
)
def test_exhaustion_fear_and_idioms_are_distress_not_danger(resolver, text: str) -> None:
    mentions = resolver.resolve(text)
    assert mentions.distress and not mentions.crisis


# "me bo ubil" is a threat whoever says it: even of a thing, it stays danger.
@pytest.mark.parametrize(
    "text", ["rekel je, da me bo ubil", "ta izpitni rok me bo ubil", "bojim se ga", "ne zmorem več, oče me tepe"]
)
def test_a_danger_word_outside_an_idiom_is_danger(resolver, text: str) -> None:
    assert resolver.resolve(text).crisis


def test_an_inheritance_is_no_abandonment(resolver) -> None:
    assert not resolver.resolve("Kdo ureja zapuščino po stricu?").crisis
    assert resolver.resolve("starejši sosed je popolnoma zapuščen").crisis


@pytest.mark.parametrize(
    ("text", "young"),
    [
        ("imam 13 let in me je strah", True),
        ("star sem 16, kam naj grem", True),
        ("hodim v 8. razred", True),
        ("očim me zaklepa v sobo", True),
        ("mladoletna sem", True),
        ("imam 45 let in mož me tepe", False),
        ("sin ima 10 let", False),
        ("sem v solzah", False),
    ],
)
def test_a_child_or_young_person_is_told_by_their_words(resolver, text: str, young: bool) -> None:
    assert resolver.resolve(text).young is young


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Za katere centre se izvaja obravnava v skupnosti?", True),
        ("na obmocju katerih centrov deluje interventna", True),
        ("Kateri CSD-ji pokrivajo pomoč na domu?", True),
        ("Kateri center je pristojen za Divačo?", True),
        ("Katere občine pokriva regijski center za pomoč na domu?", False),
        ("Kje je center?", False),
    ],
)
def test_which_centres_is_asked(resolver, text: str, asks: bool) -> None:
    assert resolver.resolve(text).asks_centres is asks


def test_which_centres_is_asked_in_italian(kb_it) -> None:
    resolver = Resolver(kb_it)
    assert resolver.resolve("Per quali centri opera il servizio di intervento?").asks_centres
    assert resolver.resolve("Quali sono i centri della presa in carico nella comunità?").asks_centres
    assert not resolver.resolve("Quali comuni copre il centro regionale per l'assistenza domiciliare?").asks_centres


@pytest.mark.parametrize(
    ("text", "yes_no"),
    [
        ("Ste vi pristojni za Izolo?", True),
        ("Je za Pivko pristojen CSD Koper?", True),
        ("Ali izvajate redno dejavnost tudi za Sežano?", True),
        ("Smo iz Bertokov, spadamo pod vas?", True),
        ("Kdo je pristojen za Izolo?", False),
        ("Kateri center je pristojen za Pivko?", False),
    ],
)
def test_a_yes_or_no_about_the_regular_work(resolver, text: str, yes_no: bool) -> None:
    mentions = resolver.resolve(text)
    assert mentions.regular_work
    assert mentions.open_question is not yes_no


def test_a_yes_or_no_about_the_regular_work_in_italian(kb_it) -> None:
    resolver = Resolver(kb_it)
    yes_no = resolver.resolve("Siete competenti per Comeno?")  # "Comeno" is a place, not "come"
    assert yes_no.regular_work and not yes_no.open_question
    asked = resolver.resolve("Chi è competente per Pirano?")
    assert asked.regular_work and asked.open_question
    assert not resolver.resolve("Le chiedo: il CSD Koper è competente per Isola?").open_question


@pytest.mark.parametrize(
    ("text", "comparison", "against", "open_question"),
    [
        ("Ima kakšna druga mestna občina še več naselij od Kopra?", ("more",), True, False),
        ("Je Koper po velikosti prva med mestnimi občinami?", ("by", "most"), False, False),
        ("Katera mestna občina ima najmanj naselij?", ("least",), False, True),
        ("Ali je katera mestna občina manjša od Kopra?", ("less",), True, False),
        ("Kje je Koper po površini?", ("by",), False, False),  # its place
        ("Je Koper druga največja mestna občina?", ("rank",), False, False),  # an ordinal: its place
        ("Koliko naselij ima Koper?", (), False, True),
    ],
)
def test_what_a_comparison_asks(resolver, text: str, comparison: tuple, against: bool, open_question: bool) -> None:
    mentions = resolver.resolve(text)
    assert (mentions.comparison, mentions.against_koper, mentions.open_question) == (
        comparison,
        against,
        open_question,
    )


def test_what_a_comparison_asks_in_italian(kb_it) -> None:
    resolver = Resolver(kb_it)
    # "un comune più esteso" reads as "the largest"; "di Capodistria" makes it "than Capodistria" (the actions)
    larger = resolver.resolve("Esiste un comune più esteso di Capodistria?")
    assert (larger.comparison, larger.against_koper, larger.open_question) == (("most",), True, False)
    assert resolver.resolve("Capodistria ha il maggior numero di insediamenti?").comparison == ("most",)
    assert resolver.resolve("Qual è il comune città più piccolo?").comparison == ("least",)
    indefinite = resolver.resolve("Qualche comune città ha più insediamenti di Capodistria?")
    assert indefinite.against_koper and not indefinite.open_question
