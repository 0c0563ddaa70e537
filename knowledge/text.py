"""Text normalisation shared by the resolver, the NLU generator and the evaluation.

Citizens write without č/š/ž, in any case and with stray punctuation; every comparison of words
in this project goes through `fold` and `words` so that all of them agree.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics (č→c, š→s, ž→z, ć→c, đ→d)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """Fold `text` and split it into words; hyphens and punctuation separate words."""
    return [word for word in _NON_WORD.split(fold(text)) if word]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), capped at `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[-1], limit + 1)


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
