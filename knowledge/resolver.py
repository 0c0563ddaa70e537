"""From a citizen's free text to the municipalities, tasks and topics it mentions.

Works on folded words (no diacritics, lower case), so "Sežani", "sezani" and "SEZANI" agree.
Municipalities are matched by their listed case forms; tasks, activities, border sides and crisis
words by word stems. A word one or two letters off a long enough name or stem still matches
("Sezni", "ilirska bistica", "Intervetna"); short words never match loosely, and a place the
knowledge base does not hold (Maribor, Ljubljana) is never matched to a near name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.query import KnowledgeBase
from knowledge.text import edit_distance, typo_allowance, words

# Words that, followed by a centre's place, name the centre ("CSD Koper", "centra za socialno delo
# Izola"), not the municipality. Stems, as in tasks.yml.
# Stems this short ("na", "v", "za") are whole words, not beginnings of words.
WHOLE_WORD_STEM = 2
CENTRE_PREFIXES: tuple[tuple[str, ...], ...] = (("csd",), ("cent", "za", "social", "del"))


@dataclass(frozen=True)
class Mentions:
    """What one message mentions, each list in the order of appearance, without repeats."""

    municipalities: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    centres: tuple[str, ...] = ()
    border_sides: tuple[str, ...] = ()
    crisis: bool = False


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    key: str
    distance: int


class StemMatcher:
    """Finds terms (sequences of word stems) in a list of folded words."""

    def __init__(self, terms: dict[str, Iterable[str]], typos: bool = True) -> None:
        # By first letter: a word matches a stem only if it begins with the stem's letter, even with a
        # typo, so each word is compared with a few terms, not all of them (a message may be 4000
        # characters long, and the gateway and the action server match every message).
        self._terms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, key_terms in terms.items():
            for term in key_terms:
                stems = tuple(term.split())
                self._terms.setdefault(stems[0][:1], []).append((stems, key))
        self._typos = typos

    def find(self, message_words: list[str]) -> list[_Match]:
        matches = []
        for start in range(len(message_words)):
            for stems, key in self._terms.get(message_words[start][:1], []):
                end = start + len(stems)
                if end > len(message_words):
                    continue
                distances = [
                    _stem_distance(w, s, self._typos) for w, s in zip(message_words[start:end], stems, strict=True)
                ]
                if all(d is not None for d in distances):
                    matches.append(_Match(start, end, key, sum(distances)))
        return _non_overlapping(matches)


def _stem_distance(word: str, stem: str, typos: bool) -> int | None:
    """0 when `word` begins with `stem` (or is it, for a short stem); 1 when it nearly begins with
    a long stem; else None."""
    if len(stem) <= WHOLE_WORD_STEM:
        return 0 if word == stem else None
    if word.startswith(stem):
        return 0
    if not typos or word[:1] != stem[:1] or typo_allowance(len(stem)) == 0:
        return None
    for length in (len(stem) - 1, len(stem), len(stem) + 1):
        beginning = word[:length]
        if length < len(stem) and stem.startswith(beginning):
            continue  # a word that merely begins like the stem ("posil…" for "posili") is no typo of it
        if edit_distance(beginning, stem, 1) <= 1:
            return 1
    return None


def _non_overlapping(matches: list[_Match]) -> list[_Match]:
    """Keep the exact, then longest, then earliest matches that do not overlap, in text order."""
    chosen: list[_Match] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m.distance, -(m.end - m.start), m.start)):
        span = set(range(match.start, match.end))
        if not span & taken:
            chosen.append(match)
            taken |= span
    return sorted(chosen, key=lambda m: m.start)


class Resolver:
    """Resolves free text against one knowledge base; build once, call `resolve` per message."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._place_of_phrase: dict[tuple[str, ...], str] = {}
        for municipality in kb.municipalities:
            for form in [*municipality.forms.dict().values(), *municipality.aliases]:
                self._place_of_phrase[tuple(words(form))] = municipality.name
        self._longest_phrase = max(len(phrase) for phrase in self._place_of_phrase)
        self._centre_of_place = {
            name: centre.id
            for centre in kb.centres
            for name in centre.municipalities
            if centre.short_name == f"CSD {name}"
        }
        self._tasks = StemMatcher({task.id: task.terms for task in kb.tasks})
        self._activities = StemMatcher({a.id: a.terms for a in kb.centre.activities})
        self._border_sides = StemMatcher({b.side: b.terms for b in kb.koper.borders})
        # Danger words match exactly: a near miss ("pošiljko" for "posili") must not alarm anyone,
        # and the NLU's crisis intent catches what is misspelt.
        self._crisis = StemMatcher({"crisis": kb.help_lines.crisis_terms}, typos=False)

    def resolve(self, text: str) -> Mentions:
        message_words = words(text)
        places = self._find_places(message_words)
        centres, municipalities = [], []
        for match in places:
            if self._names_centre(message_words, match.start) and match.key in self._centre_of_place:
                centres.append(self._centre_of_place[match.key])
            else:
                municipalities.append(match.key)
        place_words = {i for match in places for i in range(match.start, match.end)}
        other_words = [w if i not in place_words else "" for i, w in enumerate(message_words)]
        tasks = [m.key for m in self._tasks.find(other_words)]
        return Mentions(
            municipalities=_unique(municipalities),
            tasks=_unique(tasks),
            activities=_unique(m.key for m in self._activities.find(other_words)),
            centres=_unique(centres),
            border_sides=_unique(m.key for m in self._border_sides.find(other_words)),
            crisis=bool(self._crisis.find(message_words)),
        )

    def _find_places(self, message_words: list[str]) -> list[_Match]:
        matches = []
        for start in range(len(message_words)):
            for length in range(1, self._longest_phrase + 1):
                candidate = tuple(message_words[start : start + length])
                if len(candidate) < length:
                    break
                name = self._place_of_phrase.get(candidate)
                if name is not None:
                    matches.append(_Match(start, start + length, name, 0))
                else:
                    matches.extend(self._near_places(candidate, start))
        return _non_overlapping(matches)

    def _near_places(self, candidate: tuple[str, ...], start: int) -> list[_Match]:
        """Places whose listed form is one or two letters off `candidate` (a typo)."""
        text = " ".join(candidate)
        best: dict[str, int] = {}
        for phrase, name in self._place_of_phrase.items():
            if len(phrase) != len(candidate) or phrase[0][:1] != text[:1]:
                continue
            phrase_text = " ".join(phrase)
            allowance = typo_allowance(len(phrase_text))
            if allowance == 0:
                continue
            distance = edit_distance(text, phrase_text, allowance)
            if distance <= allowance and distance < best.get(name, allowance + 1):
                best[name] = distance
        if len(best) != 1:  # none, or a typo that could be either of two places
            return []
        name, distance = next(iter(best.items()))
        return [_Match(start, start + len(candidate), name, distance)]

    @staticmethod
    def _names_centre(message_words: list[str], place_start: int) -> bool:
        for prefix in CENTRE_PREFIXES:
            before = message_words[max(0, place_start - len(prefix)) : place_start]
            if len(before) == len(prefix) and all(w.startswith(s) for w, s in zip(before, prefix, strict=True)):
                return True
        return False


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
