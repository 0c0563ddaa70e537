"""Every name a message may use for a place of the region: a municipality, a settlement, or the short
name of settlements ("Škofije" for Spodnje and Zgornje Škofije), each with its case forms, folded.

Built once from the knowledge base. A form that several places share resolves to all of them
("Škocjan" is in Koper and in Divača); a municipality's own forms win over a settlement of the same name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.inflection import FIXED_TAIL_WORDS, place_forms
from knowledge.query import KnowledgeBase
from knowledge.text import join_list, words

# Words that say which of several settlements of one name is meant ("Spodnje Škofije", "Mali Dol"); without
# them people use the short name, which then stands for all those settlements.
QUALIFIERS = frozenset(
    [
        "spodnje",
        "zgornje",
        "gornje",
        "dolnje",
        "gornja",
        "dolnja",
        "gornji",
        "dolnji",
        "mala",
        "male",
        "mali",
        "malo",
        "velika",
        "velike",
        "veliki",
        "veliko",
    ]
)
# A short name that is only a common noun says nothing ("vas" of "Nova vas", "brdo" of "Veliko Brdo").
GENERIC_NOUNS = frozenset(["vas", "brdo", "brda", "gora", "grad", "potok", "polje", "otok", "selo"])

# Ranks of a form, best first: a municipality's listed form, a settlement's official name (or Italian name),
# another case form of it, a short name.
MUNICIPALITY, SETTLEMENT_NAME, SETTLEMENT_FORM, SHORT_NAME = range(4)


@dataclass(frozen=True)
class Place:
    """A place a message names."""

    name: str  # as an answer writes it, in the nominative: "Koper", "Strunjan", "Škofije"
    municipalities: tuple[str, ...]
    settlements: tuple[str, ...] = ()  # the settlements it stands for; () when it names a municipality

    @property
    def is_settlement(self) -> bool:
        return bool(self.settlements)


@dataclass(frozen=True)
class _Candidate:
    rank: int
    name: str
    municipality: str
    settlement: str | None


class PlaceIndex:
    """Folded forms (tuples of words) to the place they name."""

    def __init__(self, kb: KnowledgeBase, also: Sequence[KnowledgeBase] = ()) -> None:
        """`also`: the knowledge base in other languages, whose names of municipalities are understood too
        ("Divaccia" in a Slovenian conversation)."""
        candidates: dict[tuple[str, ...], list[_Candidate]] = defaultdict(list)
        for municipality in [*kb.municipalities, *(m for other in also for m in other.municipalities)]:
            for form in {*municipality.forms.dict().values(), *municipality.aliases}:
                candidates[tuple(words(form))].append(
                    _Candidate(MUNICIPALITY, municipality.name, municipality.name, None)
                )
        for entry in kb.settlements.municipalities:
            for settlement in entry.settlements:
                official = _Candidate(SETTLEMENT_NAME, settlement.sl, entry.municipality, settlement.sl)
                candidates[tuple(words(settlement.sl))].append(official)
                if settlement.it:
                    candidates[tuple(words(settlement.it))].append(official)
                for form in _folded_forms(settlement.sl, kb.language):
                    candidates[form].append(
                        _Candidate(SETTLEMENT_FORM, settlement.sl, entry.municipality, settlement.sl)
                    )
                short = short_name(settlement.sl)
                if short:
                    for form in _folded_forms(short, kb.language):
                        candidates[form].append(_Candidate(SHORT_NAME, short, entry.municipality, settlement.sl))
        self.places: dict[tuple[str, ...], Place] = {form: _place(found) for form, found in candidates.items()}
        self.ordinary_words = frozenset(kb.settlements.ordinary_words)
        self.common_words = frozenset(kb.settlements.common_words)
        self.near_words = frozenset(kb.settlements.near_words)
        self.outside_look_alikes: dict[tuple[str, ...], str] = {
            form: name for name in kb.settlements.outside_look_alikes for form in _folded_forms(name)
        }
        self.longest = max(len(form) for form in self.places)

    def get(self, form: tuple[str, ...]) -> Place | None:
        return self.places.get(form)

    def is_ordinary_word(self, form: tuple[str, ...]) -> bool:
        """A one-word form that is also an ordinary Slovenian word ("dekani", "planina")."""
        return len(form) == 1 and form[0] in self.ordinary_words

    def is_near_word(self, form: tuple[str, ...]) -> bool:
        """An ordinary Slovenian word a letter or two off a place's form ("pijano", "sezona"): no typo."""
        return len(form) == 1 and form[0] in self.near_words

    def is_common_word(self, form: tuple[str, ...]) -> bool:
        """An ordinary word that also follows prepositions in everyday phrases ("na dan", "na svetu")."""
        return len(form) == 1 and form[0] in self.common_words


def _folded_forms(name: str, language: str = "sl") -> set[tuple[str, ...]]:
    """The generated forms of a name, folded as a message's words are, as a message in `language` writes them."""
    return {tuple(words(" ".join(form))) for form in place_forms(name, language)}


def short_name(name: str) -> str | None:
    """The name people use for a settlement with a qualifier ("Spodnje Škofije" → "Škofije",
    "Dane pri Sežani" → "Dane"); None when there is none or it would be only a common noun."""
    parts = name.split()
    for index, part in enumerate(parts):
        if index > 0 and part.lower() in FIXED_TAIL_WORDS:
            parts = parts[:index]
            break
    while len(parts) > 1 and parts[0].lower() in QUALIFIERS:
        parts = parts[1:]
    short = " ".join(parts)
    if short == name or words(short)[-1] in GENERIC_NOUNS and len(parts) == 1:
        return None
    return short


def _place(candidates: list[_Candidate]) -> Place:
    best = min(candidate.rank for candidate in candidates)
    chosen = [candidate for candidate in candidates if candidate.rank == best]
    municipalities = tuple(dict.fromkeys(candidate.municipality for candidate in chosen))
    if best == MUNICIPALITY:
        return Place(chosen[0].name, municipalities)
    settlements = tuple(dict.fromkeys(candidate.settlement for candidate in chosen if candidate.settlement))
    names = list(dict.fromkeys(candidate.name for candidate in chosen))
    return Place(join_list(names, "ali"), municipalities, settlements)
