"""Which language is a message written in (Slovenian, Italian, English, Croatian), by the words of
knowledge/data/languages.yml? Does it ask for a language? Does it speak of danger in a language other than
Slovenian? By the words of knowledge/data/help_lines.yml (`other_languages`)."""

from __future__ import annotations

import re

from knowledge.grammar import spacy_stop_words
from knowledge.query import KnowledgeBase
from knowledge.resolver import StemMatcher
from knowledge.text import words


class DangerWords:
    """Finds danger in the other languages; build once per knowledge base, call `language` per message.

    Terms match exactly, as the Slovenian crisis terms do: a near miss of a short foreign stem is often
    an ordinary Slovenian word ("silovito" one letter from "silova"). Each language is matched on its
    own, so that a term two languages share is weighed in both.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self._markers = {code: set(markers) for code, markers in kb.languages.others.items()}
        self._slovenian_markers = set(kb.languages.slovenian)
        self._terms = {code: danger.terms for code, danger in kb.help_lines.other_languages.items()}
        self._slovenian_crisis = kb.help_lines.crisis_terms
        every_term = [*self._slovenian_crisis, *(term for terms in self._terms.values() for term in terms)]
        self._longest_stem = max(len(term.split()[0]) for term in every_term)

    def language(self, text: str) -> str | None:
        """The other language in which `text` speaks of danger, or None.

        A message is taken for that language when its words of that language (danger words and
        marker words) are at least as many as its Slovenian ones (marker words and crisis words outside
        the danger words): "aiuto, mi picchia" is Italian, while a Slovenian message that borrows a
        Croatian word ("mož me zlostavlja, ne vem kaj naj") stays Slovenian and goes to Rasa.
        """
        message = words(text)
        beginnings = _beginnings(message, self._longest_stem)
        best, best_count = None, 0
        slovenian_crisis: set[int] | None = None  # found once, and only when some danger word is there
        for code, terms in self._terms.items():
            danger = _covered(terms, message, beginnings)
            if not danger:
                continue
            if slovenian_crisis is None:
                slovenian_crisis = _covered(self._slovenian_crisis, message, beginnings)
            own = sum(i in danger or word in self._markers[code] for i, word in enumerate(message))
            slovenian = sum(
                i not in danger and (i in slovenian_crisis or word in self._slovenian_markers)
                for i, word in enumerate(message)
            )
            if own >= slovenian and own > best_count:
                best, best_count = code, own
        return best


def _beginnings(message: list[str], longest: int) -> set[str]:
    """Every word of `message` and every beginning of one, of three letters up to `longest`: the first
    stem of a term that can match is among them (a stem of up to two letters matches a whole word)."""
    found = set(message)
    for word in found.copy():
        found.update(word[:length] for length in range(3, min(len(word), longest) + 1))
    return found


def _covered(terms: list[str], message: list[str], beginnings: set[str]) -> set[int]:
    """The positions of the words of `message` that `terms` cover.

    Only the terms whose first stem begins a word of the message go to the StemMatcher: a message is
    checked against hundreds of terms at the gateway, on every turn, and may be 4000 characters long.
    """
    candidates = [term for term in terms if term.split()[0] in beginnings]
    if not candidates:
        return set()
    matcher = StemMatcher({"danger": candidates}, typos=False)
    return {i for match in matcher.find(message) for i in range(match.start, match.end)}


class LanguageGuesser:
    """Tells which language a chat message is written in: "sl", "it", "en", "hr", or None when it is
    too short to tell ("Pirano?", "ok"), so that the conversation keeps its language.

    Marker words (languages.yml) decide: at least two of one language, more than of any other. One marker
    word alone decides for Slovenian, and for Italian when py3langid agrees ("dove siete?"). py3langid
    alone never decides: restricted to the four languages, it is sure of Italian for Slovenian messages
    such as "kako to deluje" (docs/language-identification.md). English and Croatian always need two
    marker words, as before: a Slovenian message taken for another language would lose its answer.
    Words of courtesy alone ("grazie mille") are guessed, but `courteous` tells them: too little to change
    the language of a conversation (Slovenian people write them too), enough to start one.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # the gateway only: no cost to actions

        languages = kb.languages
        self._markers = {"sl": frozenset(languages.slovenian)} | {
            code: frozenset(markers) for code, markers in languages.others.items()
        }
        neighbours = spacy_stop_words("sl") | spacy_stop_words("hr") | spacy_stop_words("en")
        for code in languages.stop_word_markers:
            function_words = {w for w in spacy_stop_words(code) - neighbours if len(w) >= 3}
            self._markers[code] |= function_words - set(languages.not_markers)
        self._courtesy = frozenset(languages.courtesy)
        self._model = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        self._model.set_languages(list(self._markers))

    def guess(self, text: str) -> str | None:
        message = words(text)
        hits = {code: sum(word in markers for word in message) for code, markers in self._markers.items()}
        first, second = sorted(hits, key=hits.__getitem__, reverse=True)[:2]
        if hits[first] >= 2 and hits[first] > hits[second]:
            return first
        alone = hits[first] == 1 and hits[second] == 0
        if alone and (first == "sl" or (first == "it" and self._model.classify(text)[0] == "it")):
            return first
        return None

    def courteous(self, text: str) -> bool:
        """Whether `text` is courtesy alone: thanks, greetings, apologies ("Grazie mille!", "Mi scusi,")."""
        return all(word in self._courtesy for word in words(text))


class LanguageRequests:
    """Finds the short sentences about a language in a message: one that asks for it ("Scusi, preferisco
    l'italiano."), and one that says the person does not speak it well ("Mi scusi, non parlo bene lo
    sloveno."), which is no request for that language but, if anything, for the one the rest is in."""

    MOST_WORDS = 8  # a request for a language is short; a longer sentence is a question that names one

    def __init__(self, kb: KnowledgeBase, guesser: LanguageGuesser) -> None:
        requests = kb.languages.language_requests
        self._names = StemMatcher(requests.names, typos=False)
        self._languages = frozenset(requests.names)  # the languages a message may ask for
        self._asking = StemMatcher({"asking": requests.asking}, typos=False)
        self._negations = frozenset(requests.negations)
        self._limitations = frozenset(requests.limitations)
        self._guesser = guesser

    def split(self, text: str) -> tuple[str | None, str]:
        """The language `text` asks for (or None), and the text without its sentences about a language."""
        asked, not_spoken, statements, kept = None, None, [], []
        for sentence in _SENTENCES.findall(text):
            sentence_words = words(sentence)
            # Clauses are read only where one may say a language is not spoken: every turn, up to 4000 characters.
            said_not = self._negations.union(self._limitations).intersection(sentence_words)
            maybe = said_not and self._names.find(sentence_words)
            clauses = _CLAUSES.findall(sentence) if maybe else []
            declined = [self._not_spoken(clause) for clause in clauses]
            if any(declined):
                not_spoken = not_spoken or next(filter(None, declined))
                statements.append(sentence)
                # The rest of the sentence is the question ("ne govorim dobro slovensko, dove siete?"), less the
                # courtesy around the statement ("Mi scusi, …").
                sentence = " ".join(
                    clause.strip()
                    for clause, language in zip(clauses, declined, strict=True)
                    if language is None and not self._guesser.courteous(clause)
                )
                sentence_words = words(sentence)
            named = self._names.find(sentence_words) if len(sentence_words) <= self.MOST_WORDS else []
            if asked is None and len(named) == 1 and self._asking.find(sentence_words):
                asked = named[0].key
            elif sentence.strip():
                kept.append(sentence.strip())
        if asked is None and not_spoken is not None:
            asked = self._language_besides(" ".join(kept), " ".join(statements), not_spoken)
        if asked is None and (not_spoken is None or not kept):
            return None, text
        return asked, " ".join(kept)

    def _not_spoken(self, clause: str) -> str | None:
        """The language a short clause says is not spoken ("non parlo bene lo sloveno"), or None."""
        clause_words = words(clause)
        named = self._names.find(clause_words) if len(clause_words) <= self.MOST_WORDS else []
        if len(named) != 1:
            return None
        for verb in self._asking.find(clause_words):
            if self._negations.intersection(clause_words[max(0, verb.start - 2) : verb.start]):  # "I don't speak"
                return named[0].key
            if self._limitations.intersection(clause_words[verb.end : verb.end + 2]):  # "lo capisco poco"
                return named[0].key
        return None

    def _language_besides(self, rest: str, statements: str, not_spoken: str) -> str | None:
        """The language of the rest of the message, else of the statements themselves ("Non parlo bene lo
        sloveno." is Italian), when it can be asked for and is not the one not spoken."""
        for part in (rest, statements):
            language = self._guesser.guess(part)
            if language is not None:
                return language if language != not_spoken and language in self._languages else None
        return None


_SENTENCES = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_CLAUSES = re.compile(r"[^,]+,*")
