"""Which published staff answer a message asks for, by the entries' example questions; no retraining.

A message and every example question become bags of features: the lemmas of their content words (lemmagen3,
in the text's language, folded: "otroškega dodatka" → otroski, dodatek), their first five letters (the same
stem in either language: "varstveni" in an Italian sentence), and the character trigrams and 4-grams of the
lemmas (typos: "subvencjo"). TF-IDF weighs them, so that a word every example has ("kako", "dobim") counts
little, and an entry scores the cosine of its closest example.

An entry answers only when it scores at least `threshold`, leads the next entry by `margin` (two entries that
both score so, within the margin, are both said, for the person to pick), and is not
beaten by an example of what is not a staff question (the assistant's own training data for what the
knowledge base answers, given as `negatives`): "Ali pomoč na domu pokriva Sežano?" lies closer to a coverage
example than to any entry. The figures behind the defaults are in docs/staff-answers.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from lemmagen3 import Lemmatizer
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.grammar import spacy_stop_words
from knowledge.text import fold
from staff_answers.entries import Entry

THRESHOLD = 0.4
TOP_KINDS = 12  # the kinds ranked in full per message: the best entries and the best intent among them
NEGATIVE = "~"  # the kinds of the training data are named "~<intent>"
MARGIN = 0.08
# A stem in at least this share of an entry's examples is one of its core stems ("vloga" for e-applications);
# a message that shares none of them must lie very close to one example (NEAR) to take the entry.
CORE_SHARE = 0.3
NEAR = 0.75
STEM = 5
# Words that ask, greet or fill in every language of the examples, beyond spaCy's stop words: they say
# nothing about which answer is meant.
FILLER = frozenset(
    """
    prosim hvala lepa pozdravljeni zdravo dober dan zanima lahko moram moremo rada rad bi kako kje kdaj kaj kam obrnem
    obrniti ali a al kok kolk tut jst sm mate ste imate dobim dobiti pridem priti gre naj mi me vas vam nam
    grazie buongiorno salve vorrei posso come dove quando cosa chi ho per
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)


@cache
def _lemmatizer(language: str) -> Lemmatizer:
    return Lemmatizer(language)


@cache
def _stop_words() -> frozenset[str]:
    return spacy_stop_words("sl") | spacy_stop_words("it") | FILLER


def _raw_words(text: str) -> list[str]:
    """Lower-case words with their diacritics (lemmagen reads them), split at anything not a letter."""
    return [w for w in "".join(c if c.isalpha() else " " for c in text.lower()).split() if w]


def content_words(text: str, language: str = "sl") -> list[tuple[str, str]]:
    """(folded word, folded lemma) of each content word of `text`: what a match is made of. Both, since
    lemmagen guesses wrong now and then on words written without diacritics ("otroski" → otrosek)."""
    stop = _stop_words()
    lemmatizer = _lemmatizer(language if language in ("sl", "it") else "sl")
    found = []
    for word in _raw_words(text):
        folded = fold(word)
        if folded in stop or len(folded) < 2:
            continue
        lemma = fold(lemmatizer.lemmatize(word).lower())
        if lemma in stop:
            continue
        found.append((folded, lemma))
    return found


@lru_cache(maxsize=50_000)  # the training data's features are the same at every new publication
def features(text: str, language: str = "sl") -> tuple[str, ...]:
    """The bag of features of a text (see the module's docstring)."""
    bag: list[str] = []
    found = content_words(text, language)
    # Two content words in a row name a thing more surely than each alone ("otroški dodatek").
    # Their stems, since lemmagen may read one of them wrong.
    bag.extend(f"b:{a[0][:STEM]}_{b[0][:STEM]}" for a, b in zip(found, found[1:], strict=False))
    for word, lemma in found:
        forms = {word, lemma}
        bag.extend("w:" + form for form in forms)
        bag.extend({"s:" + form[:STEM] for form in forms})
        padded = f" {lemma} "
        bag.extend("c:" + padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1))
    return tuple(bag)


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float
    example: str
    closest: float = 0.0  # the cosine of the closest example alone


@dataclass(frozen=True)
class Match:
    """The entry a message asks for, how sure, and what came next (for the staff's preview)."""

    entry: Entry
    score: float
    example: str  # the example question it lies closest to
    runner_up: Candidate | None = None
    # Two entries equally strong: both are said, this one second ("Morda vas zanima eno od tega").
    also: Entry | None = None


@dataclass(frozen=True)
class Verdict:
    """The whole reasoning for one message: the match if any, and why not otherwise (preview, checks)."""

    match: Match | None
    candidates: tuple[Candidate, ...]
    negative: Candidate | None  # the closest example of what is not a staff question
    reason: str  # "match", "two", "none", "weak", "close", "not-staff", "off-core"


def _core_words(entry: Entry) -> frozenset[str]:
    """The stems that at least CORE_SHARE of the entry's examples in one language have: stems, since one idea
    comes in many words (rejnik, rejnica, rejniška, rejništvo); per language, since the Italian examples are
    fewer and say it in other words (posvojitev, adozione)."""
    core: set[str] = set()
    for language, questions in entry.questions.items():
        counts: dict[str, int] = {}
        for question in questions:
            for feature in {f for f in features(question, language) if f.startswith("s:")}:
                counts[feature] = counts.get(feature, 0) + 1
        core |= {feature for feature, n in counts.items() if n >= CORE_SHARE * len(questions)}
    return frozenset(core)


class Matcher:
    """Built once per publication (milliseconds for hundreds of entries); `verdict` per message."""

    def __init__(
        self,
        entries: Iterable[Entry],
        negatives: Sequence[tuple[str, str, str]] = (),
        background: Sequence[tuple[str, str]] = (),
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        """`negatives`: (text, language, label) of messages that no entry may take, a label per kind (the
        training data's intent); `background`: (text, language) of ordinary messages to the assistant, which
        teach how common a word is ("zaprosim", "vloga")."""
        self.entries = {entry.id: entry for entry in entries}
        self.threshold, self.margin = threshold, margin
        examples = [
            (entry.id, question, language)
            for entry in self.entries.values()
            for language, questions in entry.questions.items()
            for question in questions
        ]
        examples += sorted((NEGATIVE + label, text, language) for text, language, label in negatives)
        self._owners = [owner for owner, _, _ in examples]
        self._texts = [text for _, text, _ in examples]
        self._rows_of: dict[str, list[int]] = {}
        for row, text in enumerate(self._texts):
            self._rows_of.setdefault(text, []).append(row)
        self._built = False
        if not self.entries:
            return
        bags = [features(text, language) for _, text, language in examples]
        # Weighed by kinds (entries and the training data's intents), not by examples: a word that every
        # example of one entry repeats ("otroški") names that entry, and must not lose weight for it.
        documents: dict[str, list[str]] = {}
        for owner, bag in zip(self._owners, bags, strict=True):
            documents.setdefault(owner, []).extend(bag)
        vectorizer = TfidfVectorizer(analyzer=lambda bag: bag, sublinear_tf=True, norm="l2")
        common = [features(text, language) for text, language in background]
        vectorizer.fit([*documents.values(), *common])
        # float32: half the memory and a faster product; a score needs no more than 7 digits.
        self._matrix = vectorizer.transform(bags).astype(np.float32)
        # The vectorizer's vocabulary and weights only: a message's vector is made by `_vector`.
        self._columns: dict[str, int] = vectorizer.vocabulary_
        self._idf = vectorizer.idf_.astype(np.float32)
        self._kinds = list(documents)
        # The examples of a kind lie together: each kind's closest example is one reduceat over the scores.
        owners = np.array(self._owners, dtype=object)
        self._starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        assert [self._owners[i] for i in self._starts] == self._kinds
        self._centroids = vectorizer.transform(list(documents.values())).astype(np.float32)
        # Which words, stems and pairs each kind's examples have between them (every kind has most character
        # n-grams somewhere): how much of a message a kind explains.
        self._words_only = np.array([not f.startswith("c:") for f in vectorizer.get_feature_names_out()],
                                    dtype=np.float32)  # fmt: skip
        self._vocabularies = (self._centroids > 0).astype(np.float32).multiply(self._words_only[np.newaxis, :]).tocsr()
        self._vocabularies.eliminate_zeros()  # the n-grams' zeros would cost a third of a message's time
        self._core = {owner: _core_words(entry) for owner, entry in self.entries.items()}
        self._built = True

    def __len__(self) -> int:
        return len(self.entries)

    def _vector(self, bag: Sequence[str]) -> np.ndarray | None:
        """The message's TF-IDF vector as the vectorizer makes it (sublinear tf, idf, l2), dense, built here
        without the vectorizer's per-call checks; None when no feature is known."""
        counts: dict[int, int] = {}
        for feature in bag:
            column = self._columns.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return None
        vector = np.zeros(len(self._idf), dtype=np.float32)
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        vector[columns] = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self._idf[columns]
        return vector / np.linalg.norm(vector)

    def verdict(
        self, text: str, language: str = "sl", leave_out: str | None = None, ignore: tuple[str, ...] = ()
    ) -> Verdict:
        """`leave_out`: an example text to ignore as the closest example of its kind (the publication check asks
        of each example of the training data whether an entry would take it were it new); `ignore`: kinds that
        do not compete ("~crisis" once the emergency lines are sent)."""
        if not self._built:
            return Verdict(None, (), None, "none")
        bag = features(text, language)
        if language != "sl":  # a Slovenian name of a benefit in an Italian sentence: lemmatised as Slovenian too
            bag += tuple(f for f in features(text, "sl") if f.startswith("w:"))
        vector = self._vector(bag)
        if vector is None:
            return Verdict(None, (), None, "none")
        scores = self._matrix @ vector  # sparse matrix times a dense vector: one pass over the examples
        # A kind scores the mean of its closest example and of its examples together: how close their whole
        # lies, and how much of the message's weight is in words they have. One example that shares a word
        # ("zaprosim … varstveni dodatek") then weighs less than a kind whose examples share the message's
        # other words between them ("otroški dodatek").
        weights = vector * vector * self._words_only
        explained = (self._vocabularies @ weights) / (float(weights.sum()) or 1.0)
        together = self._centroids @ vector
        if leave_out is not None:
            scores[self._rows_of.get(leave_out, [])] = 0.0
        closest = np.maximum.reduceat(scores, self._starts)
        combined = (closest + (explained + together) / 2) / 2
        ranked = []
        for kind in np.argsort(-combined)[:TOP_KINDS]:
            if closest[kind] <= 0:
                break
            first, last = self._starts[kind], (self._starts[kind + 1] if kind + 1 < len(self._starts) else len(scores))
            example = self._texts[first + int(np.argmax(scores[first:last]))]
            ranked.append(Candidate(self._kinds[kind], float(combined[kind]), example, float(closest[kind])))
        ranked = [candidate for candidate in ranked if candidate.entry_id not in ignore]
        candidates = tuple(c for c in ranked if not c.entry_id.startswith(NEGATIVE))
        negative = next((c for c in ranked if c.entry_id.startswith(NEGATIVE)), None)
        if not candidates:
            return Verdict(None, (), negative, "none")
        top = candidates[0]
        runner_up = candidates[1] if len(candidates) > 1 else None
        if top.score < self.threshold:
            return Verdict(None, candidates, negative, "weak")
        if runner_up and top.score - runner_up.score < self.margin:
            if runner_up.score < self.threshold or (negative and negative.score >= runner_up.score):
                return Verdict(None, candidates, negative, "close")
            match = Match(self.entries[top.entry_id], top.score, top.example, runner_up,
                          also=self.entries[runner_up.entry_id])  # fmt: skip
            return Verdict(match, candidates, negative, "two")
        if negative and negative.score >= top.score:
            return Verdict(None, candidates, negative, "not-staff")
        if top.closest < NEAR and not self._core[top.entry_id] & set(bag):
            return Verdict(None, candidates, negative, "off-core")
        match = Match(self.entries[top.entry_id], top.score, top.example, runner_up)
        return Verdict(match, candidates, negative, "match")

    def match(self, text: str, language: str = "sl") -> Match | None:
        return self.verdict(text, language).match
