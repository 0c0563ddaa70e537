"""Personal data removed from a message before it leaves the gateway.

The gateway is the only place every message passes through before Rasa keeps it in the tracker store
(and before anything could log it), so redacting here means no EMŠO, tax number, phone number, e-mail
address, IBAN or street address with a house number is ever stored. Each is replaced by a marker that
says what was there, so the rest of the message is still understood ("Živim na [naslov] v Kopru").
"""

from __future__ import annotations

import re

# Order matters: longer number patterns first, so that an IBAN or EMŠO is not taken for a phone number.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[e-naslov]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[IBAN]", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[0-9A-Z]{4}){2,7}(?:[ ]?[0-9A-Z]{1,3})?\b", re.IGNORECASE)),
    ("[EMŠO]", re.compile(r"(?<!\d)\d{13}(?!\d)")),
    ("[telefon]", re.compile(r"(?<![\w+])(?:\+|00)386[ ./-]?\(?0?\)?[1-9](?:[ ./-]?\d){6,7}(?!\d)")),
    ("[telefon]", re.compile(r"(?<![\w+])0[1-9](?:[ ./-]?\d){7}(?!\d)")),
    ("[davčna številka]", re.compile(r"(?<!\d)\d{8}(?!\d)")),
    # "Cankarjeva 5", "na Prešernovi ulici 12a", "Ulica talcev 3": a street and a house number.
    (
        "[naslov]",
        re.compile(
            r"\b(?:[a-zčšž]+(?:ov|ev)[aieo](?:\s+(?:ulic|cest)[aieo])?|(?:ulic|cest)[aieo]|trgu?|poti?|nabrežj[eu])"
            r"(?:\s+[a-zčšž]+){0,2}\s+\d{1,3}[a-z]?\b",
            re.IGNORECASE,
        ),
    ),  # fmt: skip
]


def redact(text: str) -> str:
    """`text` with personal data replaced by markers such as [telefon] or [naslov]."""
    for marker, pattern in _PATTERNS:
        text = pattern.sub(marker, text)
    return text
