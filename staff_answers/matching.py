"""Which published staff answer a message asks for, by the entries' example questions; no retraining.

A message and every example question become bags of features: the lemmas of their content words (lemmagen3,
in the text's language, folded: "otroškega dodatka" → otroski, dodatek), their first five letters (the same
stem in either language: "varstveni" in an Italian sentence), and the character trigrams and 4-grams of the
lemmas (typos: "subvencjo"). TF-IDF weighs them, so that a word every example has ("kako", "dobim") counts
little, and an entry scores the cosine of its closest example.

An entry answers only when it scores at least `threshold`, leads the next entry by `margin`, and is not
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
    for word, lemma in content_words(text, language):
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


@dataclass(frozen=True)
class Verdict:
    """The whole reasoning for one message: the match if any, and why not otherwise (preview, checks)."""

    match: Match | None
    candidates: tuple[Candidate, ...]
    negative: Candidate | None  # the closest example of what is not a staff question
    reason: str  # "match", "none", "weak", "close", "not-staff", "off-core"


def _core_words(entry: Entry) -> frozenset[str]:
    """The stems that at least CORE_SHARE of the entry's examples have: stems, since one idea comes in many
    words (rejnik, rejnica, rejniška, rejništvo)."""
    bags = [
        {f for f in features(question, language) if f.startswith("s:")}
        for language, questions in entry.questions.items()
        for question in questions
    ]
    counts: dict[str, int] = {}
    for bag in bags:
        for feature in bag:
            counts[feature] = counts.get(feature, 0) + 1
    return frozenset(f for f, n in counts.items() if n >= CORE_SHARE * len(bags))


class Matcher:
    """Built once per publication (milliseconds for hundreds of entries); `verdict` per message."""

    def __init__(
        self,
        entries: Iterable[Entry],
        negatives: Sequence[tuple[str, str]] = (),
        background: Sequence[tuple[str, str]] = (),
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        """`negatives`: (text, language) of messages that no entry may take; `background`: (text, language)
        of ordinary messages to the assistant, which teach how common a word is ("zaprosim", "vloga")."""
        self.entries = {entry.id: entry for entry in entries}
        self.threshold, self.margin = threshold, margin
        examples = [
            (entry.id, question, language)
            for entry in self.entries.values()
            for language, questions in entry.questions.items()
            for question in questions
        ]
        self._owners = [owner for owner, _, _ in examples] + [""] * len(negatives)
        self._texts = [text for _, text, _ in examples] + [text for text, _ in negatives]
        bags = [features(text, language) for _, text, language in examples]
        bags += [features(text, language) for text, language in negatives]
        self._vectorizer: TfidfVectorizer | None = None
        if examples:
            # Weighed by entries, not by examples: a word that every example of one entry repeats
            # ("otroški") names that entry, and must not lose weight for being repeated.
            documents: dict[str, list[str]] = {}  # entry id -> the features of all its examples
            for (owner, _, _), bag in zip(examples, bags[: len(examples)], strict=True):
                documents.setdefault(owner, []).extend(bag)
            self._vectorizer = TfidfVectorizer(analyzer=lambda bag: bag, sublinear_tf=True, norm="l2")
            common = [features(text, language) for text, language in background]
            self._vectorizer.fit([*documents.values(), *bags[len(examples) :], *common])
            self._matrix = self._vectorizer.transform(bags)
            self._entry_ids = list(documents)
            self._core = {owner: _core_words(entry) for owner, entry in self.entries.items()}
            self._centroids = self._vectorizer.transform(list(documents.values()))

    def __len__(self) -> int:
        return len(self.entries)

    def verdict(self, text: str, language: str = "sl", leave_out: str | None = None) -> Verdict:
        """`leave_out`: an example text to ignore (the publication check asks of each example of the training
        data whether the entries would take it if it were not itself among the negatives)."""
        if self._vectorizer is None:
            return Verdict(None, (), None, "none")
        bag = features(text, language)
        if language != "sl":  # a Slovenian name of a benefit in an Italian sentence: lemmatised as Slovenian too
            bag += tuple(f for f in features(text, "sl") if f.startswith("w:"))
        vector = self._vectorizer.transform([bag])
        if vector.nnz == 0:
            return Verdict(None, (), None, "none")
        scores = (self._matrix @ vector.T).toarray().ravel()
        # An entry scores the mean of its closest example and of all its examples together: one example
        # that shares a common word ("zaprosim … dodatek") then weighs less than an entry whose examples
        # share the message's rarer words between them.
        whole = dict(zip(self._entry_ids, (self._centroids @ vector.T).toarray().ravel(), strict=True))
        closest: dict[str, tuple[float, str]] = {}
        negative: Candidate | None = None
        for index in np.argsort(-scores):
            score = float(scores[index])
            if score <= 0:
                break
            owner = self._owners[index]
            if leave_out is not None and self._texts[index] == leave_out:
                continue
            if not owner:
                negative = negative or Candidate("", score, self._texts[index])
            elif owner not in closest:
                closest[owner] = (score, self._texts[index])
        best = {
            owner: Candidate(owner, (score + float(whole[owner])) / 2, example, score)
            for owner, (score, example) in closest.items()
        }
        best = dict(sorted(best.items(), key=lambda item: -item[1].score))
        candidates = tuple(best.values())
        if not candidates:
            return Verdict(None, (), negative, "none")
        top = candidates[0]
        runner_up = candidates[1] if len(candidates) > 1 else None
        if top.score < self.threshold:
            return Verdict(None, candidates, negative, "weak")
        if runner_up and top.score - runner_up.score < self.margin:
            return Verdict(None, candidates, negative, "close")
        if negative and negative.score >= top.closest:  # example against example
            return Verdict(None, candidates, negative, "not-staff")
        if top.closest < NEAR and not self._core[top.entry_id] & set(bag):
            return Verdict(None, candidates, negative, "off-core")
        match = Match(self.entries[top.entry_id], top.score, top.example, runner_up)
        return Verdict(match, candidates, negative, "match")

    def match(self, text: str, language: str = "sl") -> Match | None:
        return self.verdict(text, language).match
