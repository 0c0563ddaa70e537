"""Text normalisation shared by the resolver, the NLU generator and the evaluation.

Citizens write without č/š/ž, in any case and with stray punctuation; every comparison of words
in this project goes through `fold` and `words` so that all of them agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LETTERS = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…:;]\s*$")


@dataclass(frozen=True)
class Token:
    """A word of a message: folded, and whether it was written with a capital letter inside a sentence
    (which marks a name: "na Planini" is a place, "na planini" may be a mountain pasture)."""

    word: str
    name_like: bool
    plain: bool  # written without diacritics: "Celje", unlike "Čelje"


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics (č→c, š→s, ž→z, ć→c, đ→d)."""
    return _strip_marks(text).lower()


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Standard Serbian Cyrillic → Latin (gajica), one letter to one or two: the gateway reads Serbian written in
# Cyrillic as Latin before anything else. Capitals give "Lj"/"Nj"/"Dž" (title case), right at the start of a
# word and readable for a word in capitals too ("ЉУДИ" → "LjUDI" folds like "ljudi").
_CYRILLIC = dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš", strict=True))
_CYRILLIC |= {"љ": "lj", "њ": "nj", "џ": "dž"}
_CYRILLIC |= {small.upper(): letters.capitalize() for small, letters in _CYRILLIC.items()}
_TO_LATIN = str.maketrans(_CYRILLIC)
_HAS_CYRILLIC = re.compile("[Ѐ-ӿ]")


def latin(text: str) -> str:
    """`text` with its Serbian Cyrillic letters in Latin ("Где сте?" → "Gde ste?"); nothing else changes."""
    return text.translate(_TO_LATIN) if _HAS_CYRILLIC.search(text) else text


def tokens(text: str) -> list[Token]:
    """The words of `text` as `words` gives them, each marked when capitalised inside a sentence."""
    found: list[Token] = []
    for match in _LETTERS.finditer(unicodedata.normalize("NFC", text)):
        raw = match.group()
        sentence_start = not found or bool(_SENTENCE_END.search(text[: match.start()]))
        name_like = raw[0].isupper() and not raw.isupper() and not sentence_start
        pieces = words(raw)  # a letter that folding does not turn into a-z separates words, as in `words`
        for index, piece in enumerate(pieces):
            found.append(Token(piece, name_like and index == 0, plain=raw.isascii()))
    return found


def words(text: str) -> list[str]:
    """Fold `text` and split it into words; hyphens and punctuation separate words."""
    return [word for word in _NON_WORD.split(fold(text)) if word]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), capped at `limit + 1`."""
    return DamerauLevenshtein.distance(a, b, score_cutoff=limit)


def typo_allowance(length: int) -> int:
    """How many wrong letters a word of `length` letters may have and still be recognised.

    Short words get none: too many ordinary Slovenian words lie one letter away from a short
    place name (pijan/Piran, komu/Komnu).
    """
    if length >= 10:
        return 2
    if length >= 6:
        return 1
    return 0


def join_list(items: list[str], conjunction: str = "in") -> str:
    """Join items the Slovenian way: "Koper, Izola in Piran"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only, keeping the rest (names stay as they are)."""
    return text[:1].upper() + text[1:]
