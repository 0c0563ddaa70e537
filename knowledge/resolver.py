"""From a citizen's free text to the places, tasks and topics it mentions, and the shape of its question.

Works on folded words (no diacritics, lower case), so "Sežani", "sezani" and "SEZANI" agree.
Places (municipalities, settlements, short names of settlements) are matched by their case forms
(knowledge/places.py); adjectives and residents' names ("koprsko", "Izolani"), tasks, activities,
border sides and crisis words by word stems. A word one or two letters off a long enough name or stem
still matches ("Sezni", "ilirska bistica", "Intervetna"); short words never match loosely, and a place
the knowledge base does not hold (Maribor, Ljubljana) is never matched to a near name: it is reported
as a place outside the region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lemmagen3 import Lemmatizer
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.grammar import GRAMMARS, SLOVENIAN, Grammar
from knowledge.places import Place, PlaceIndex
from knowledge.query import KnowledgeBase
from knowledge.schema import AGE, YoungWriter
from knowledge.text import Token, edit_distance, tokens, typo_allowance

# Stems this short ("na", "v", "za") are whole words, not beginnings of words.
WHOLE_WORD_STEM = 2


@dataclass(frozen=True)
class Mentions:
    """What one message mentions, each list in the order of appearance, without repeats."""

    municipalities: tuple[str, ...] = ()  # every municipality a place named stands for
    places: tuple[Place, ...] = ()  # the places as named: "Strunjan" (in Piran), "Koper"
    outside: tuple[str, ...] = ()  # places outside the region ("Maribor"), in the nominative where known
    tasks: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    centres: tuple[str, ...] = ()
    border_sides: tuple[str, ...] = ()
    koper_facts: tuple[str, ...] = ()  # ids of facts about Mestna občina Koper whose words appear
    crisis: bool = False  # danger words (help_lines.yml, crisis_terms) outside the distress phrases around them
    distress: bool = False  # words of exhaustion, despair, fear, or an idiom (help_lines.yml, distress_terms)
    young: bool = False  # the writer is a child or young person (help_lines.yml, young)
    where_to_turn: bool = False  # "ne vem, na koga naj se obrnem": prva socialna pomoč (centre.yml, first_help)
    count: bool = False  # "koliko …"
    complement: bool = False  # "… ne pokriva"
    situation: bool = False  # the tasks are read from a life described ("ne more več sam"), none was named
    definition: bool = False  # "kaj je …, komu je namenjena …"
    beyond_courtesy: int = 0  # words outside greetings, thanks and apologies: a question is wrapped in them
    asks_centres: bool = False  # "za katere centre …": which centres' areas
    open_question: bool = False  # "kateri", "kdo", "koliko" …: asks for a value; without, for a yes or a no
    regular_work: bool = False  # "pristojen", "redna dejavnost": which centre does the regular work for a place
    comparison: tuple[str, ...] = ()  # what a comparison asks ("more", "most", "less", "least", "rank", "by")
    against_koper: bool = False  # "… kot Koper", "od Kopra": Koper is the one compared with
    only_places: bool = False  # places of the region and nothing else but words around them ("pa Pivka?", "Kopru")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    key: str
    distance: int
    place: Place | None = None


class StemMatcher:
    """Finds terms (sequences of word stems) in a list of folded words."""

    def __init__(self, terms: dict[str, Iterable[str]], typos: bool = True) -> None:
        # By first letter: a word matches a stem only if it begins with the stem's letter, even with a typo,
        # so each word is compared with a few terms, not all of them (a message may be 4000 characters long).
        self._by_letter: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for key, key_terms in terms.items():
            for term in key_terms:
                stems = tuple(term.split())
                self._by_letter[stems[0][:1]].append((stems, key))
        self._typos = typos

    def find(self, message_words: list[str]) -> list[_Match]:
        matches = []
        for start, first in enumerate(message_words):
            for stems, key in self._by_letter.get(first[:1], ()) if first else ():
                end = start + len(stems)
                if end > len(message_words):
                    continue
                total = 0
                for word, stem in zip(message_words[start:end], stems, strict=True):
                    distance = _stem_distance(word, stem, self._typos)
                    if distance is None:
                        break
                    total += distance
                else:
                    matches.append(_Match(start, end, key, total))
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
    """Resolves free text against one knowledge base, in its language; build once, call `resolve` per
    message."""

    def __init__(self, kb: KnowledgeBase, also: Sequence[KnowledgeBase] = ()) -> None:
        """`also`: the knowledge base in other languages, whose place names are understood too."""
        self._grammar = GRAMMARS.get(kb.language, SLOVENIAN)
        self._places = PlaceIndex(kb, also)
        # Typos are looked for among the longer forms that are no ordinary words, by first letter.
        self._near: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for form, place in self._places.places.items():
            if not (place.is_settlement and self._places.is_ordinary_word(form)):
                self._near[form[0][:1]].append(form)
        self._near_texts = {letter: [" ".join(form) for form in forms] for letter, forms in self._near.items()}
        self._centre_of_place = {
            name: centre.id
            for centre in kb.centres
            for name in centre.municipalities
            if centre.short_name == f"CSD {name}"
        }
        self._derived = StemMatcher(
            {m.name: [*m.adjectives, *m.residents] for m in kb.municipalities if m.adjectives or m.residents}
        )
        self._tasks = StemMatcher({task.id: task.terms for task in kb.tasks})
        self._activities = StemMatcher({a.id: a.terms for a in kb.centre.activities})
        self._border_sides = StemMatcher({b.side: b.terms for b in kb.koper.borders})
        self._koper_facts = StemMatcher({f.id: f.terms for f in kb.koper.facts if f.terms})
        # Danger words match exactly: a near miss ("pošiljko" for "posili") must not alarm anyone,
        # and the NLU's crisis intent catches what is misspelt.
        self._crisis = StemMatcher({"crisis": kb.help_lines.crisis_terms}, typos=False)
        self._distress = StemMatcher({"distress": kb.help_lines.distress_terms}, typos=False)
        self._young = StemMatcher({"young": _with_ages(kb.help_lines.young)}, typos=False)
        self._where_to_turn = StemMatcher({"first_help": kb.centre.first_help.terms})
        words_of = kb.question_words
        self._count = StemMatcher({"count": words_of.count}, typos=False)
        self._complement = StemMatcher({"complement": words_of.complement}, typos=False)
        self._coverage_verbs = StemMatcher({"verb": words_of.coverage_verbs}, typos=False)
        self._definition = StemMatcher({"definition": words_of.definition}, typos=False)
        self._courtesy = frozenset(kb.languages.courtesy)  # whole words, of every language
        self._situations = StemMatcher({t.id: t.situations for t in kb.tasks if t.situations}, typos=False)
        self._situation_hints = StemMatcher({t.id: t.situation_hints for t in kb.tasks if t.situation_hints}, False)
        self._colloquial = words_of.colloquial
        self._asks_centres = StemMatcher({"centres": words_of.centres}, typos=False)
        # "ali ima katera" is longer than "kater", so it wins where both match: "katera" is then "any".
        self._open_question = StemMatcher(
            {"open": words_of.open_question, "indefinite": words_of.indefinite}, typos=False
        )
        self._comparison = StemMatcher(words_of.comparison.dict(), typos=False)
        self._against_koper = StemMatcher({"against": kb.koper.against}, typos=False)
        self._regular_work = StemMatcher({"regular": words_of.regular_work}, typos=False)
        self._around_a_place = frozenset(words_of.around_a_place) | self._courtesy
        # Words of the centre's own vocabulary are never taken for a place outside the region.
        self._vocabulary = tuple(
            stem
            for terms in [*(t.terms for t in kb.tasks), *(a.terms for a in kb.centre.activities), words_of.complement]
            for term in terms
            for stem in term.split()
            if len(stem) > WHOLE_WORD_STEM
        )
        self._lemmatizer = Lemmatizer("sl") if self._grammar.lemmatize_names else None

    def resolve(self, text: str) -> Mentions:
        message = tokens(text)
        # Colloquial words read as the standard ones ("kok" → "koliko"); names are looked up as written.
        message_words = [self._colloquial.get(token.word, token.word) for token in message]
        look_alikes = self._look_alikes(message)
        blocked = {i for match in look_alikes for i in range(match.start, match.end)}
        places = self._find_places(message, blocked)
        taken = blocked | _spans(places)
        derived = self._derived.find(_without(message_words, taken))  # "koprsko", "Izolani"
        places += [_Match(m.start, m.end, m.key, m.distance, Place(m.key, (m.key,))) for m in derived]
        derived_spans = {(m.start, m.end) for m in derived}
        places.sort(key=lambda m: m.start)
        taken |= _spans(places)
        other_words = _without(message_words, taken)
        centres, named = [], []
        for match in places:
            assert match.place is not None
            names_centre = self._names_centre(message_words, match.start) or (
                (match.start, match.end) in derived_spans
                and _is_centre_word(message_words, match.end)  # "koprski CSD", "piranski center"
            )
            if names_centre and match.key in self._centre_of_place:
                centres.append(self._centre_of_place[match.key])
            else:
                named.append(match.place)
        tasks = self._tasks.find(other_words)
        # A life described names its task only when no task is named: "pomoč na domu" is what was asked.
        situations = [] if tasks else self._situations_of(other_words)
        tasks = tasks or situations
        activities = self._activities.find(other_words)
        known = taken | _spans(tasks) | _spans(activities)
        coordinated, introduced = self._outside_places(message, known)
        # A place outside the region merely mentioned beside a known one ("živi v Dutovljah, jaz delam v
        # Ljubljani") is no question; one asked about with it ("pokriva Koper in Ljubljano") is.
        outside = [m.key for m in look_alikes] + coordinated + (introduced if not named else [])
        distress = self._distress.find(message_words)
        return Mentions(
            municipalities=_unique(name for place in named for name in place.municipalities),
            places=tuple(dict.fromkeys(named)),
            outside=_unique(outside),
            tasks=_unique(m.key for m in tasks),
            activities=_unique(m.key for m in activities),
            centres=_unique(centres),
            border_sides=_unique(m.key for m in self._border_sides.find(other_words)),
            koper_facts=_unique(m.key for m in self._koper_facts.find(other_words)),
            crisis=bool(_outside(self._crisis.find(message_words), distress)),
            distress=bool(distress),
            young=bool(self._young.find(message_words)),
            where_to_turn=bool(self._where_to_turn.find(message_words)),
            count=bool(self._count.find(message_words)),
            complement=bool(self._complement.find(message_words)),
            situation=bool(situations),
            definition=bool(self._definition.find(message_words)),
            beyond_courtesy=sum(word not in self._courtesy for word in message_words),
            asks_centres=bool(self._asks_centres.find(message_words)),
            # "Comeno" is no "come"
            open_question=any(m.key == "open" for m in self._open_question.find(other_words)),
            regular_work=bool(self._regular_work.find(message_words)),
            comparison=_unique(m.key for m in self._comparison.find(message_words)),
            against_koper=bool(self._against_koper.find(message_words)),
            only_places=bool(named) and all(not word or word in self._around_a_place for word in other_words),
        )

    def _situations_of(self, message_words: list[str]) -> list[_Match]:
        """The tasks a life described points to: by a situation word, or by two everyday words of it."""
        found = self._situations.find(message_words)
        hints = self._situation_hints.find(_without(message_words, _spans(found)))
        named = {m.key for m in found} | {k for k in {m.key for m in hints} if sum(m.key == k for m in hints) > 1}
        return sorted([*found, *(m for m in hints if m.key in named)], key=lambda m: m.start)

    def _look_alikes(self, message: list[Token]) -> list[_Match]:
        """Places outside the region that, written without diacritics, read as a settlement ("Celje")."""
        matches = []
        for start in range(len(message)):
            for length in range(1, self._places.longest + 1):
                span = message[start : start + length]
                if len(span) < length or not all(token.plain for token in span):
                    break
                name = self._places.outside_look_alikes.get(tuple(token.word for token in span))
                if name is not None:
                    matches.append(_Match(start, start + length, name, 0))
        return _non_overlapping(matches)

    def _find_places(self, message: list[Token], blocked: set[int]) -> list[_Match]:
        matches = []
        for start in range(len(message)):
            for length in range(1, self._places.longest + 1):
                if start + length > len(message) or blocked & set(range(start, start + length)):
                    break
                candidate = tuple(token.word for token in message[start : start + length])
                place = self._places.get(candidate)
                if place is None:
                    if message[start].name_like or not self._grammar.typos_need_capital:
                        matches.extend(self._near_places(candidate, start, message[start].name_like))
                elif self._names_place(place, candidate, message, start):
                    matches.append(_Match(start, start + length, place.name, 0, place))
        return _non_overlapping(matches)

    def _names_place(self, place: Place, form: tuple[str, ...], message: list[Token], start: int) -> bool:
        """Whether a form names its place here: always, unless it is also an ordinary word; then when written
        as a name ("na Planini"), or after a preposition of place unless the phrase is everyday ("v dekanih",
        not "na dan")."""
        grammar = self._grammar
        ordinary = self._places.is_ordinary_word(form) or (
            grammar.stop_words_need_capital and len(form) == 1 and form[0] in grammar.stop_words
        )
        if not place.is_settlement or not ordinary or message[start].name_like:
            return True
        after_preposition = start > 0 and message[start - 1].word in grammar.settlement_prepositions
        return after_preposition and not self._places.is_common_word(form)

    def _near_places(self, candidate: tuple[str, ...], start: int, name_like: bool) -> list[_Match]:
        """Places whose form is one or two letters off `candidate` (a typo); none when two places are as near,
        or when the candidate is a word of its own ("pijano" is no Pirano, "sezona" no Sežana)."""
        text = " ".join(candidate)
        if len(candidate) > 3 or typo_allowance(len(text) + 1) == 0 or candidate[0] in self._grammar.not_places:
            return []
        if self._places.is_near_word(candidate):
            return []
        forms = self._near.get(text[:1], [])
        found = process.extract(
            text,
            self._near_texts.get(text[:1], []),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=2,
            limit=None,
        )
        best: dict[Place, int] = {}
        for _, distance, index in found:
            form = forms[index]
            place = self._places.places[form]
            if len(form) != len(candidate) or _typos_allowed(form, place, name_like) < distance:
                continue
            best[place] = min(distance, best.get(place, distance))
        if not best:
            return []
        nearest = min(best.values())
        places = [place for place, distance in best.items() if distance == nearest]
        if len(places) != 1:
            return []
        return [_Match(start, start + len(candidate), places[0].name, nearest, places[0])]

    def typo_of(self, word: str) -> Place | None:
        """The place a folded word written as a name would be read as a typo of (for tools.ordinary_words)."""
        if self._places.get((word,)) is not None:
            return None  # a form of its own, no typo
        matches = self._near_places((word,), 0, name_like=True)
        return matches[0].place if matches else None

    def _outside_places(self, message: list[Token], known: set[int]) -> tuple[list[str], list[str]]:
        """Names of places the knowledge base does not hold, that are no known place, task or common word:
        asked about (after a coverage verb, even in lower case: "pokriva maribor"; or coordinated with a
        known place: "Koper in Kranj"), and merely introduced (a capitalised word after a preposition:
        "v Mariboru", "kaj pa Kranj")."""
        message_words = [token.word for token in message]
        grammar = self._grammar
        after_verb = {
            _skip_filler(message_words, m.end, grammar.stop_words) for m in self._coverage_verbs.find(message_words)
        }
        runs: list[tuple[list[Token], bool]] = []
        for index, token in enumerate(message):
            if index in known or not self._may_be_place(token.word):
                continue
            if runs and runs[-1][0][-1] is message[index - 1] and token.name_like:
                runs[-1][0].append(token)  # "Novo Gorico", "Murski Soboti"
                continue
            before = message_words[index - 1] if index else ""
            asked = index in after_verb or (token.name_like and _coordinated(message_words, index, known, grammar))
            if asked or (before in grammar.place_prepositions and token.name_like):
                runs.append(([token], asked))
        names = [(self._nominative(run), asked) for run, asked in runs]
        return [name for name, asked in names if asked], [name for name, asked in names if not asked]

    def _may_be_place(self, word: str) -> bool:
        return (
            len(word) >= 3
            and not word.isdigit()
            and word not in self._grammar.stop_words
            and word not in self._grammar.not_places
            and not word.startswith(self._grammar.place_nouns)
            and not word.startswith(self._vocabulary)
        )

    def _nominative(self, run: list[Token]) -> str:
        """One word in its dictionary form ("Mariboru" → "Maribor"); longer names, and names in a language
        whose names do not inflect, as written."""
        if len(run) == 1 and self._lemmatizer is not None:
            return self._lemmatizer.lemmatize(run[0].word.capitalize())
        return " ".join(token.word.capitalize() for token in run)

    def _names_centre(self, message_words: list[str], place_start: int) -> bool:
        for prefix in self._grammar.centre_prefixes:
            before = message_words[max(0, place_start - len(prefix)) : place_start]
            if len(before) == len(prefix) and all(w.startswith(s) for w, s in zip(before, prefix, strict=True)):
                return True
        return False


def _typos_allowed(form: tuple[str, ...], place: Place, name_like: bool) -> int:
    """A municipality's form by its length; a settlement's only when longer, and longer still when not
    written as a name, since among hundreds of settlement forms a common word is often one letter off one."""
    length = len(" ".join(form))
    if place.is_settlement:
        length -= 2 if name_like else 4
    return typo_allowance(length)


def _outside(matches: list[_Match], around: list[_Match]) -> list[_Match]:
    """The matches that lie within none of `around`: "ubil" is no danger in "ubil bi za kavo"."""
    return [m for m in matches if not any(a.start <= m.start and m.end <= a.end for a in around)]


def _with_ages(young: YoungWriter) -> list[str]:
    """The terms with AGE written out as every age below `young.below_age`: "imam 1 let" … "imam 17 let"."""
    ages = [str(age) for age in range(1, young.below_age)]
    return [
        spelt for term in young.terms for spelt in ([term.replace(AGE, a) for a in ages] if AGE in term else [term])
    ]


def _spans(matches: Iterable[_Match]) -> set[int]:
    return {i for match in matches for i in range(match.start, match.end)}


def _without(message_words: list[str], taken: set[int]) -> list[str]:
    """The words, with those already recognised blanked out so that nothing is read twice."""
    return [word if i not in taken else "" for i, word in enumerate(message_words)]


def _coordinated(message_words: list[str], index: int, known: set[int], grammar: Grammar) -> bool:
    """A word joined to a known place by "in" or "ali": "Koper in Kranj", "v Postojni ali v Ljubljani"."""
    if index >= 2 and message_words[index - 1] in grammar.coordinators and index - 2 in known:
        return True
    return (
        index >= 3
        and message_words[index - 1] in grammar.place_prepositions
        and message_words[index - 2] in grammar.coordinators
        and index - 3 in known
    )


def _skip_filler(message_words: list[str], index: int, stop_words: frozenset[str], most: int = 2) -> int:
    """The first word from `index` on that is no filler: "pokriva tudi Ljubljano", "velja še za Kranj"."""
    while most and index < len(message_words) and message_words[index] in stop_words:
        index, most = index + 1, most - 1
    return index


def _is_centre_word(message_words: list[str], index: int) -> bool:
    return index < len(message_words) and message_words[index].startswith(("csd", "cent"))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
