"""The words of a language that the resolver needs besides the knowledge base: which words are filler,
which are never places, which prepositions introduce a place, which words join two places, which
words before a centre's place name the centre. One `Grammar` per language the assistant answers in.

Folded like the words they are compared with (lower case, no diacritics).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path


def spacy_stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of `language`, read from their own file: importing spacy would cost the gateway
    and the action server some 460 MB of memory for a list of words. Folded ("naše" → "nase")."""
    from knowledge.text import fold

    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    assert spec is not None and spec.origin is not None, "spaCy is a dependency (requirements.txt)"
    source = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    namespace: dict[str, object] = {}
    exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)  # defines STOP_WORDS only
    return frozenset(fold(str(word)).rstrip("'") for word in namespace["STOP_WORDS"])  # type: ignore[union-attr]


@dataclass(frozen=True)
class Grammar:
    language: str
    stop_words: frozenset[str]
    # Words that are not places, capitalised or after a coverage verb: the centre's and the state's own
    # words, greetings, adverbs.
    not_places: frozenset[str]
    # Beginnings of words that name a kind of place, not a place ("katere občine …", "quali comuni …").
    place_nouns: tuple[str, ...]
    # After these, an ordinary word in lower case still names a settlement: "v dekanih", "na kozini".
    settlement_prepositions: frozenset[str]
    # After these, a capitalised word is a place: "v Mariboru", "za Kranj", "a Trieste".
    place_prepositions: frozenset[str]
    # Words that join two places: "Koper in Kranj", "Isola o Trieste".
    coordinators: frozenset[str]
    # Word stems that, followed by a centre's place, name the centre ("CSD Koper", "centra za socialno
    # delo Izola"), not the municipality.
    centre_prefixes: tuple[tuple[str, ...], ...]
    # Whether a one-word place outside the region is brought to its dictionary form by lemmagen
    # ("Mariboru" → "Maribor"); Italian names do not inflect, and lemmagen mangles them.
    lemmatize_names: bool
    # Whether a place name written with a typo is recognised only when capitalised: Italian has no list of
    # ordinary words here, and many lie one letter from a name ("piano"/"Pirano").
    typos_need_capital: bool
    # Whether a one-word settlement form that is a stop word of this language needs a capital to be
    # a place: Slovenian forms are Italian words now and then ("Sela", "Dol").
    stop_words_need_capital: bool


def _listed(text: str) -> list[str]:
    """Words written as one string, for long lists of short words."""
    return text.split()


# Words either language may carry into the other: a Slovenian office name in an Italian message.
_SHARED_NOT_PLACES = ["csd", "lp", "ok", "okay"]

SLOVENIAN = Grammar(
    language="sl",
    stop_words=spacy_stop_words("sl"),
    not_places=frozenset(
        [
            *_SHARED_NOT_PLACES,
            *_listed(
                "center centra centru centrom socialno delo mestna mestne mestni mestno obcina obcine obcini obcino"
            ),
            *_listed("regija regije regiji upravna enota hvala dober dan pozdravljeni zdravo prosim izven tudi celo"),
            *_listed("vse samo cele celi"),
            # adverbs that follow a coverage verb: "koliko občin pokriva skupaj"
            *_listed("skupaj sploh redno lahko morda zares"),
        ]
    ),
    place_nouns=("obcin", "obmocj", "kraj", "naselj", "regij", "mest", "vas", "center", "centr", "csd"),
    settlement_prepositions=frozenset(["v", "na", "iz", "pri", "do", "z", "s", "blizu"]),
    place_prepositions=frozenset(
        ["v", "na", "iz", "za", "z", "s", "pri", "do", "od", "proti", "blizu", "okolici", "pa"]
    ),
    coordinators=frozenset(["in", "ali"]),
    centre_prefixes=(("csd",), ("cent", "za", "social", "del")),
    lemmatize_names=True,
    typos_need_capital=False,
    stop_words_need_capital=False,
)

ITALIAN = Grammar(
    language="it",
    stop_words=spacy_stop_words("it"),
    not_places=frozenset(
        [
            *_SHARED_NOT_PLACES,
            *_listed("centro centri sociale sociali assistenza comune comuni citta regione servizio servizi grazie"),
            *_listed("buongiorno buonasera salve ciao prego scusi scusate anche solo tutto tutti tutte sempre insieme"),
            *_listed("regolarmente forse davvero proprio ancora mestna obcina"),
        ]
    ),
    place_nouns=(
        "comun",
        "zon",
        "area",
        "aree",
        "local",
        "paes",
        "citt",
        "region",
        "centr",
        "csd",
        "frazion",
        "insediament",
        "villagg",
        "territor",
        "provinc",
        "obcin",
    ),
    settlement_prepositions=frozenset(["a", "ad", "in", "da", "di", "presso", "vicino"]),
    place_prepositions=frozenset(["a", "ad", "in", "di", "da", "per", "su", "con", "presso", "verso", "vicino", "e"]),
    coordinators=frozenset(["e", "ed", "o", "oppure"]),
    centre_prefixes=(
        *(
            (*centre, *of)
            for centre in (("csd",), ("centr", "per", "l", "assist", "social"), ("centr", "di", "assist", "social"))
            for of in ((), ("di",))  # "CSD Isola", "il CSD di Isola"
        ),
        ("centr", "di"),  # "il centro di Postumia": in a question to a social-work centre, that centre
    ),
    lemmatize_names=False,
    typos_need_capital=True,
    stop_words_need_capital=True,
)

ENGLISH = Grammar(
    language="en",
    stop_words=spacy_stop_words("en"),
    not_places=frozenset(
        [
            *_SHARED_NOT_PLACES,
            *_listed("centre center centres centers social work welfare municipality municipalities city town region"),
            *_listed("regional service services office administrative unit hello thanks thank please also only"),
            *_listed("together regularly maybe really still even mestna obcina upravna enota police emergency"),
            # capitalised in English but no places: days, months, holidays, languages, names of things
            *_listed("monday tuesday wednesday thursday friday saturday sunday january february march april may"),
            *_listed("june july august september october november december christmas easter"),
            *_listed("english slovenian slovene italian croatian serbian bosnian ukrainian russian german"),
            *_listed("samarijan sos tom telefon marelicna hisa google facebook whatsapp telegram mum mom dad"),
        ]
    ),
    place_nouns=(
        "municipalit",
        "area",
        "region",
        "town",
        "city",
        "cities",
        "village",
        "place",
        "settlement",
        "district",
        "territor",
        "centr",
        "center",
        "csd",
        "obcin",
    ),
    settlement_prepositions=frozenset(["in", "at", "near", "from", "around", "to"]),
    place_prepositions=frozenset(
        ["in", "at", "for", "from", "to", "near", "around", "about", "of", "and", "outside", "towards", "is", "does"]
    ),
    coordinators=frozenset(["and", "or"]),
    centre_prefixes=(
        ("csd",),
        *((centre, "for", "social", "work") for centre in ("centr", "center")),
        *(("social", "work", centre) for centre in ("centr", "center")),  # "the social work centre Sežana"
    ),
    # English names do not inflect; lemmagen's Slovenian model would mangle them as the Italian ones.
    lemmatize_names=False,
    # No list of ordinary English words here, and many lie one letter from a name ("pirate"/"Piran").
    typos_need_capital=True,
    stop_words_need_capital=True,
)


# Croatian, as Croatian, Bosnian and Serbian speakers write it in Latin script (ijekavian and ekavian).
CROATIAN = Grammar(
    language="hr",
    stop_words=spacy_stop_words("hr"),
    not_places=frozenset(
        [
            *_SHARED_NOT_PLACES,
            *_listed("centar centra centru centrom socijalni socijalnog socijalnu socijalnom rad rada gradska gradske"),
            *_listed("gradskoj gradsku opcina opcine opcini opcinu opstina opstine opstini opstinu regija regije"),
            *_listed("regiji regiju upravna jedinica hvala dobar dan bok pozdrav zdravo molim izvan takoder cak"),
            *_listed("sve samo cijela cijeli cela celi ukupno uopce uopste redovno mozda stvarno mestna obcina"),
        ]
    ),
    place_nouns=(
        "opcin",
        "opstin",
        "podruc",
        "kraj",
        "naselj",
        "regij",
        "mjest",
        "mest",
        "sel",
        "grad",
        "centar",
        "centr",
        "csd",
    ),
    settlement_prepositions=frozenset(["u", "na", "iz", "kod", "pri", "do", "s", "sa", "blizu"]),
    place_prepositions=frozenset(
        ["u", "na", "iz", "za", "s", "sa", "kod", "pri", "do", "od", "prema", "blizu", "okolici", "a"]
    ),
    coordinators=frozenset(["i", "ili"]),
    centre_prefixes=(("csd",), ("cent", "za", "socijal", "rad")),
    # lemmagen's Slovenian model gives a Croatian place outside the region its nominative as well ("Zagrebu").
    lemmatize_names=True,
    # No list of ordinary Croatian words a letter from a place name has been checked, as for Slovenian.
    typos_need_capital=True,
    stop_words_need_capital=True,
)

GRAMMARS = {grammar.language: grammar for grammar in (SLOVENIAN, ITALIAN, ENGLISH, CROATIAN)}
