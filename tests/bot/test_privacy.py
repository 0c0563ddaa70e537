"""Personal data is redacted before a message reaches Rasa; the rest of the message still counts."""

from __future__ import annotations

import httpx
import pytest

from bot.privacy import redact


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
