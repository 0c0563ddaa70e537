"""Which language is a message written in (Slovenian, Italian, English, Croatian), by the words of
knowledge/data/languages.yml? Does it ask for a language? Does it speak of danger in a language other than
Slovenian? By the words of knowledge/data/help_lines.yml (`other_languages`)."""

from __future__ import annotations

import re
from collections.abc import Collection

from knowledge.grammar import spacy_stop_words
from knowledge.query import KnowledgeBase
from knowledge.resolver import StemMatcher
from knowledge.text import fold, latin, words


class DangerWords:
    """Finds danger in the other languages; build once per knowledge base, call `language` per message.

    Terms match exactly, as the Slovenian crisis terms do: a near miss of a short foreign stem is often
    an ordinary Slovenian word ("silovito" one letter from "silova"). Each language is matched on its
    own, so that a term two languages share is weighed in both.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self._markers = {code: set(markers) for code, markers in kb.languages.others.items()}
        languages = kb.languages
        # Against Croatian only Slovenian's own words weigh; against Italian and English the words it shares with
        # Croatian too, less those that are Italian or English words ("da", "al": "penso al suicidio da …").
        slovenian = set(languages.slovenian)
        shared = set(languages.shared) - set(languages.also_italian_or_english)
        self._slovenian_markers = {code: slovenian if code == "hr" else slovenian | shared for code in self._markers}
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
                i not in danger and (i in slovenian_crisis or word in self._slovenian_markers[code])
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
    """Tells which language a chat message is written in: "sl", "hr" (Croatian, and Bosnian and Serbian),
    "it", "en", or None when it is too short to tell ("Pirano?", "ok", "hvala"), so that the conversation keeps
    its language. Any of the four, whichever the assistant serves: the gateway decides what to do with it.

    Words decide (languages.yml), in two steps. First the family: Slovenian and Croatian together (their own
    words and the words they share) against Italian and against English, at least two words of one, more
    than of the other; or one word alone, South Slavic, or Italian when py3langid agrees ("dove siete?").
    Then, for a South Slavic message, Slovenian against Croatian by their own words and letters only ("kje",
    "tudi", "v" against "gdje", "li", "u", "ć"): more of one than of the other, else None ("je to robot",
    "koliko je to"). A Slovenian message taken for Croatian would be answered in another language, so
    py3langid has no say there: restricted to the four, it is sure that "kaj pa ilirska bistrica" is Croatian
    (docs/language-identification.md). Words of courtesy alone ("grazie mille") are guessed, but
    `courteous` tells them: too little to change the language of a conversation (Slovenian people write them
    too), enough to start one.
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
        for code, place_words in _place_accusatives(kb).items():
            self._markers[code] |= place_words
        self._shared = frozenset(languages.shared)
        # South Slavic words that are Italian or English words too ("a", "mi", "da", "to", "in", "sto") do not
        # tell a South Slavic message from an Italian or English one.
        slavic = self._markers["sl"] | self._markers["hr"] | self._shared
        self._slavic = slavic - set(languages.also_italian_or_english)
        self._letters = {code: re.compile(rf"\w*[{letters}]\w*") for code, letters in languages.letters.items()}
        # Endings of words of five letters or more, beginnings of four or more: (code, affixes, shortest, test).
        self._affixes = [
            *((code, tuple(endings), 5, str.endswith) for code, endings in languages.endings.items()),
            *((code, tuple(beginnings), 4, str.startswith) for code, beginnings in languages.beginnings.items()),
        ]
        self._courtesy = frozenset(languages.courtesy)
        self._model = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        self._model.set_languages(list(self._markers))

    def guess(self, text: str) -> str | None:
        text = latin(text)  # the gateway has done it already; any other caller may not have
        hits = self.hits(text)
        family = {"slavic": hits["slavic"], "it": hits["it"], "en": hits["en"]}
        first, second = sorted(family, key=family.__getitem__, reverse=True)[:2]
        decided = family[first] >= 2 and family[first] > family[second]
        alone = family[first] == 1 and family[second] == 0
        # One word alone: a South Slavic one, or an Italian one py3langid agrees with; never one English word
        # ("help", "hello": Slovenian people write them too).
        if not decided and not (alone and (first == "slavic" or first == "it" == self._model.classify(text)[0])):
            return None
        if first != "slavic":
            return first
        slovenian, croatian = hits["sl"], hits["hr"]
        return "sl" if slovenian > croatian else "hr" if croatian > slovenian else None

    def hits(self, text: str) -> dict[str, int]:
        """How many words of `text` are each language's; "shared": Slovenian's and Croatian's alike; "slavic":
        either's or both, that are no Italian or English words."""
        message = words(text)
        hits = {code: sum(word in markers for word in message) for code, markers in self._markers.items()}
        hits["shared"] = sum(word in self._shared for word in message)
        hits["slavic"] = sum(word in self._slavic for word in message)
        for code, affixes, shortest, has in self._affixes:
            more = sum(
                len(word) >= shortest and has(word, affixes) and word not in self._markers[code] for word in message
            )
            hits[code] += more
            hits["slavic"] += more
        lowered = text.lower()
        for code, letters in self._letters.items():
            # Not a word counted already, nor a surname ("Dončić"). "pomoć" is Croatian, though "pomoc" is both.
            lettered = {fold(word) for word in letters.findall(lowered) if not word.endswith(("ić", "ič"))}
            hits[code] += len(lettered - self._markers[code])
            hits["slavic"] += len(lettered - self._slavic)
        return hits

    def courteous(self, text: str) -> bool:
        """Whether `text` is courtesy alone: thanks, greetings, apologies ("Grazie mille!", "Mi scusi,")."""
        return all(word in self._courtesy for word in words(text))


def _place_accusatives(kb: KnowledgeBase) -> dict[str, set[str]]:
    """The accusative of the municipalities named like "Izola" in Slovenian ("za Izolo", "Ilirsko Bistrico")
    and in Croatian ("za Izolu", "Ilirsku Bistricu"), which tell the two apart where nothing else does."""
    found: dict[str, set[str]] = {"sl": set(), "hr": set()}
    for municipality in kb.municipalities:
        for nominative, accusative in zip(
            words(municipality.forms.nominative), words(municipality.forms.accusative), strict=False
        ):
            if nominative.endswith("a") and accusative == nominative[:-1] + "o":
                found["sl"].add(accusative)
                found["hr"].add(nominative[:-1] + "u")
    return found


class LanguageRequests:
    """Finds the short sentences about a language in a message: one that asks for it ("Scusi, preferisco
    l'italiano."), and one that says the person does not speak it well ("Mi scusi, non parlo bene lo
    sloveno."), which is no request for that language but, if anything, for the one the rest is in."""

    MOST_WORDS = 8  # a request for a language is short; a longer sentence is a question that names one

    def __init__(self, kb: KnowledgeBase, guesser: LanguageGuesser, served: Collection[str] | None = None) -> None:
        """`served`: the languages a message may ask for, by default the ones the assistant answers in
        (languages.yml `served`). A request for another ("can you answer in English?") is a message in it."""
        requests = kb.languages.language_requests
        served = kb.languages.served if served is None else served
        names = {code: stems for code, stems in requests.names.items() if code in served}
        self._names = StemMatcher(names, typos=False)
        self._languages = frozenset(names)
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
