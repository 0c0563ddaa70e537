"""Personal data is redacted before a message reaches Rasa; the rest of the message still counts."""

from __future__ import annotations

import re

import httpx
import pytest

from bot.privacy import find, redact
from tools.privacy_report import eval_changes, labelled, score, training_changes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moj EMŠO je 0101990500123.", "Moj EMŠO je [EMŠO]."),
        ("davčna številka 12345678", "davčna številka [davčna številka]"),
        ("Pokličite me na 041 123 456.", "Pokličite me na [telefon]."),
        ("gsm 041-123-456 ali 05 663 12 00", "gsm [telefon] ali [telefon]"),
        ("+386 41 123 456", "[telefon]"),
        ("pišite na ana.novak@gmail.com", "pišite na [e-naslov]"),
        ("IBAN SI56 0110 0000 0123 456", "IBAN [IBAN]"),
        ("si56011000000123456", "[IBAN]"),
        ("Živim na Cankarjevi 5 v Kopru.", "Živim na [naslov] v Kopru."),
        ("stanujem v Prešernovi ulici 12a", "stanujem v [naslov]"),
        ("Ulica talcev 3, Koper", "[naslov], Koper"),
        # an EMŠO in groups, a phone number spaced digit by digit (found by the security review)
        ("EMŠO 0101990-500123", "EMŠO [EMŠO]"),
        ("EMŠO 0101990-500123 2 otroka", "EMŠO [EMŠO] 2 otroka"),
        ("emšo: 010199-0500-123.", "emšo: [EMŠO]."),
        ("EMŠO 0101 990 500 123 prosim", "EMŠO [EMŠO] prosim"),
        ("EMŠO 0 1 0 1 9 9 0 5 0 0 1 2 3", "EMŠO [EMŠO]"),
        ("moj telefon 0 4 1 1 2 3 4 5 6", "moj telefon [telefon]"),
        ("telefon: 0 5 6 6 3 1 2 0 0.", "telefon: [telefon]."),
        ("+ 3 8 6 4 1 1 2 3 4 5 6", "[telefon]"),
        ("00386 41 123 456", "[telefon]"),  # 13 digits, but an international number, not an EMŠO
        ("od 01.01.2020-31.12.2020", "od [datum]-[datum]"),  # 16 digits joined: no EMŠO inside
    ],
)
def test_personal_data_is_replaced_by_what_it_was(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mestna občina Koper ima 105 naselij, 36 katastrskih občin in 23 krajevnih skupnosti.",
        "pokličite 112, 113, 116 111, 116 123 ali 080 11 55",
        "Koper je bil v 60. in 70. letih magnet za priseljevanje; po površini je na 3. mestu.",
        "Ali pomoč na domu velja za Hrpelje-Kozino?",
        "ali ima koprska obcina 23 krajevnih skupnosti",
    ],
)
def test_ordinary_questions_and_numbers_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dates: numeric with dots, slashes, dashes or spaces, and with month names in either language
        ("rojena 3. 4. 2010", "rojena [datum]"),
        ("roj. 03.04.2010 v Kopru", "roj. [datum] v Kopru"),
        ("nata il 3/4/2010", "nata il [datum]"),
        ("datum rojstva 2010-04-03", "datum rojstva [datum]"),
        ("rojen 3 4 2010", "rojen [datum]"),
        ("rojena sem 3. aprila 2010", "rojena sem [datum]"),
        ("nata il 3 aprile 2010", "nata il [datum]"),
        ("oddam do 31. 12.?", "oddam do [datum]?"),
        # a rural address: a settlement in any case form (or its Italian name) and a house number; it stays
        ("stanujem v Šmarjah 45", "stanujem v Šmarjah [hišna številka]"),
        ("Naslov: Šmarje 45a, 6274 Šmarje", "Naslov: Šmarje [hišna številka], 6274 Šmarje"),
        ("živim v Sv. Antonu 8.", "živim v Sv. Antonu [hišna številka]."),
        ("abito a Lucia 12", "abito a Lucia [hišna številka]"),
        ("vivo a Crevatini 88, comune di Capodistria", "vivo a Crevatini [hišna številka], comune di Capodistria"),
        # streets named with a number, an ordinal or a person; Italian streets
        ("Ulica II. prekomorske brigade 12a", "[naslov]"),
        ("na Ulici 15. maja 8 v Kopru", "na [naslov] v Kopru"),
        ("Pristaniška ulica 2, Koper", "[naslov], Koper"),
        ("na Titovem trgu 3", "na [naslov]"),
        ("abito in via dei Fabbri 5", "abito in [naslov]"),
        ("Via XX Settembre, 3", "[naslov]"),
        ("piazza Tartini 1, Pirano", "[naslov], Pirano"),
        # personal names: after a cue, a given name with a surname, a given name alone
        ("moja hči Ana Novak", "moja hči [ime]"),
        ("mia figlia Giulia Rossi", "mia figlia [ime]"),
        ("pišem za gospo Kocjančič", "pišem za gospo [ime]"),
        ("la signora Bianchi", "la signora [ime]"),
        ("mi chiamo giulia rossi", "mi chiamo [ime]"),
        ("Ana Novak je moja hči", "[ime] je moja hči"),
        ("Lep pozdrav, Tjaša Horvat", "Lep pozdrav, [ime]"),
        ("Ali lahko Marko dobi pomoč?", "Ali lahko [ime] dobi pomoč?"),
        ("sem Petra", "sem [ime]"),
    ],
)
def test_dates_addresses_and_names_are_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ali interventna služba pokriva Izolo?",
        "Imam 3 otroke in živim v Kopru.",
        "v Hrvatinih sta 2 trgovini",
        "Ali je CSD Koper od leta 2020 tudi v Ankaranu?",
        "Oče je bil rojen leta 1940.",
        "Ob 8. uri sem prišla, pa je bilo zaprto.",
        "Kje je vaša pisarna? Na Ulici 1. maja?",
        "Ali pomoč na domu velja za Sveti Anton?",
        "Il coordinamento copre anche San Pietro del Carso?",
        "Il servizio copre anche Lucia?",
        "Ali pokrivate Lucijo?",
        "Rok za vlogo?",
        "Samo še nekaj: ali delate tudi v Postojni?",
        "Prosim Vas za informacijo.",
        "Potrebbe Lei richiamarmi?",
        "mio figlio sarà felice",
        "Iz Portoroža sem. Na kateri center se obrnem?",
        "Ali je Črni Kal v občini Koper? In Ilirska Bistrica?",
    ],
)
def test_places_counts_years_and_ordinary_capitals_stay(text: str) -> None:
    assert redact(text) == text


def test_what_is_found_says_where_and_what() -> None:
    text = "Hči Ana, rojena 3. 4. 2010, Šmarje 45"
    assert [(text[item.start : item.end], item.kind) for item in find(text)] == [
        ("Ana", "name"),
        ("3. 4. 2010", "date"),
        ("45", "address"),
    ]


# Floors under the report's figures (docs/privacy.md), a little below what they are today, so that a change
# that loses what redaction finds fails here. The labelled set was written together with the rules, so these
# figures are kinder than a set written by someone else would be.
RECALL_FLOORS = {
    "phone": 1.0,
    "emso": 1.0,
    "tax": 1.0,
    "email": 1.0,
    "iban": 1.0,
    "address": 0.9,
    "date": 0.9,
    "name": 0.8,
}
PRECISION_FLOOR = 0.95


def test_the_labelled_set_is_found_above_its_floors() -> None:
    result = score(labelled())
    for kind, floor in RECALL_FLOORS.items():
        assert result.labelled[kind] and result.recall(kind) >= floor, (kind, result.misses)
        assert (result.precision(kind) or 0) >= PRECISION_FLOOR, (kind, result.false_alarms)
    assert result.kept == result.keeps, result.lost


def test_the_labelled_set_has_both_languages_and_every_kind() -> None:
    messages = labelled()
    assert sum(m.language == "sl" for m in messages) >= 50 and sum(m.language == "it" for m in messages) >= 35
    assert sum(1 for m in messages if not m.personal) >= 25  # messages with nothing to remove count too


def test_the_evaluation_sets_lose_nothing_but_names_and_the_training_data_nothing_at_all() -> None:
    """Over-redaction would break the assistant: in every evaluation turn only a signature's name may go."""
    turns, changed = eval_changes()
    assert turns > 300
    for _, turn, redacted in changed:
        assert set(re.findall(r"\[[^\]]+\]", redacted)) - set(re.findall(r"\[[^\]]+\]", turn)) == {"[ime]"}
    assert training_changes()[1] == []


def test_nothing_personal_reaches_the_tracker_and_the_question_is_still_answered(assistant_stack) -> None:
    session = "privacy-1"
    message = "Živim na Cankarjevi 5 v Kopru, moj telefon je 041 123 456, EMŠO 0101990500123. Kaj izvajate za nas?"
    reply = httpx.post(
        f"{assistant_stack.gateway_url}/api/chat", json={"session": session, "text": message}, timeout=30
    )
    assert reply.json()["messages"][0]["text"].startswith("Za Mestno občino Koper CSD Koper izvaja vso redno dejavnost")
    stored = httpx.get(f"{assistant_stack.gateway_url}/api/history", params={"session": session}).json()["turns"][0][
        "text"
    ]
    assert stored == "Živim na [naslov] v Kopru, moj telefon je [telefon], EMŠO [EMŠO]. Kaj izvajate za nas?"
