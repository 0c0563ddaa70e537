"""Personal data removed from a message before it leaves the gateway.

The gateway is the only place every message passes through before Rasa keeps it in the tracker store
(and before anything could log it), so redacting here means no EMŠO, tax number, phone number, e-mail
address, IBAN, address, date or personal name is ever stored. Each is replaced by a marker that says what
was there, so the rest of the message is still understood ("Živim na [naslov] v Kopru").

What stays, because the assistant needs it and it identifies no one: place names ("v Šmarjah": a rural
address loses only its house number), counts ("105 naselij"), emergency numbers, and years alone ("od leta
2020"). docs/privacy.md measures what is found (python -m tools.privacy_report) and explains the choices.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from knowledge import knowledge_base
from knowledge.inflection import place_forms
from knowledge.loader import DATA_DIR, served_languages
from knowledge.places import PlaceIndex
from knowledge.text import fold, words

NAMES_FILE = DATA_DIR / "privacy" / "names.yml"

# A house number: "45", "12a", "3/b". What follows it must end the address (punctuation, a postal code, a
# conjunction or preposition), so that counts stay: "v Kopru 3 otroke", "Ulica ima 5 hiš"; a dot only ends a
# sentence, not an ordinal ("Ulica 15. maja 8").
_NUMBER = r"\d{1,3}(?:[a-zA-Z]|/[a-zA-Z0-9])?"
_END = (
    r"(?=\s*$|\s*[,;:!?)\n–-]|\.(?!\s*[a-zčšž\d])"
    r"|\s+(?:\d{4}|in|ter|pa|v|na|pri|ob|blizu|ali|e|ed|a|ad|ma|nel|nella|vicino|o|da)\b)"
)
_HOUSE_NUMBER = re.compile(rf"(?<![\w.,/:+-]){_NUMBER}{_END}")
_STREET_WORD = r"(?:ulic[aieo]|cest[aieo]|trgu?|poti?|nabrežj[eu]|obal[aieo]|drevored[u]?|stez[aieo])"
# Words between a street's first word and its number: lower-case words, "II.", "15.", capitalised words.
_FILLER = r"(?:\s+(?:[^\W\d_]+\.?|[IVXLC]+\.|\d{1,2}\.)){0,4}?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"
_MONTH_NAMES = (
    r"(?:januar|februar|marec|marc|april|maj|junij|julij|avgust|septemb(?:e)?r|oktob(?:e)?r|novemb(?:e)?r|"
    r"decemb(?:e)?r)(?:ja|a)?|"
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
)
# A date whose day follows one of these words is part of a street's name ("Ulica 15. maja", "Cesta 1. maja").
_STREET_BEFORE_DATE = re.compile(r"\b(?:ulic[aieo]|cest[aieo]|trgu?|via|piazza)\s*$", re.IGNORECASE)

# Order matters: earlier kinds are found first and later ones never look inside them (an IBAN or EMŠO is
# not taken for a phone number; a street named after a date stays one address). A pattern that starts with a
# digit says so first ("(?=\d)"): the regex engine then skips to the digits instead of trying every position.
_SEP = r"[ ./-]?"  # what people put between digits: "041 123 456", "041-123-456", "0 4 1 1 2 3 4 5 6"
_NUMBERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("email", "[e-naslov]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("iban", "[IBAN]", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[0-9A-Z]{4}){2,7}(?:[ ]?[0-9A-Z]{1,3})?\b", re.IGNORECASE)),
    ("emso", "[EMŠO]", re.compile(r"(?=\d)(?<!\d)\d{13}(?!\d)")),
    # Thirteen digits in groups ("0101990-500123", "0101 990 500 123", digit by digit), not inside a longer
    # number joined by dots or dashes (a date range); a space may part it from a count ("… 2 otroka"). "00…" is
    # an international phone number ("00386 41 123 456" has thirteen digits too).
    ("emso", "[EMŠO]", re.compile(rf"(?=\d)(?<![\d+])(?<!\d[./-])(?!0{_SEP}0)\d(?:{_SEP}\d){{12}}(?![./-]?\d)")),
    ("phone", "[telefon]", re.compile(
        rf"(?<![\w+])(?:\+|0{_SEP}0){_SEP}3{_SEP}8{_SEP}6{_SEP}\(?0?\)?[1-9](?:{_SEP}\d){{6,7}}(?!\d)"
    )),
    ("phone", "[telefon]", re.compile(rf"(?=0)(?<![\w+])0{_SEP}[1-9](?:{_SEP}\d){{7}}(?!\d)")),
    ("tax", "[davčna številka]", re.compile(r"(?=\d)(?<!\d)\d{8}(?!\d)")),
]  # fmt: skip
# Searched back from each house number only, not through the whole message: "Cankarjeva 5", "Prešernovi
# ulici 12a", "Pristaniška ulica 2", "Titovem trgu 3", "Ulica II. prekomorske brigade 12a", "Ulica 15. maja 8";
# "via dei Fabbri 5", "Via XX Settembre, 3", "piazza Tartini 1", "calle Grande 12".
_STREETS: list[re.Pattern[str]] = [
    re.compile(
        rf"\b(?:(?:[a-zčšž]+(?:ov|ev|in|sk|šk|ck|čk)[aieo]?m?\s+)?{_STREET_WORD}|[a-zčšž]+(?:ov|ev)[aieo])"
        rf"{_FILLER}\s+{_NUMBER}\Z",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:via|viale|piazza|piazzale|piazzetta|calle|largo|strada|vicolo|salita|riva|corso|contrada)"
        rf"{_FILLER},?\s+{_NUMBER}\Z",
        re.IGNORECASE,
    ),
]
_STREET_REACH = 100  # characters before a house number where its street may begin
_DATES: list[re.Pattern[str]] = [
    # "3. 4. 2010", "03.04.2010", "3/4/2010", "3-4-2010", "2010-04-03", "3 4 2010", "3. 4."
    re.compile(
        rf"(?=\d)(?<![\d.,/])(?:{_DAY}\s?\.\s?{_MONTH}\s?\.(?:\s?(?:{_YEAR}|\d{{2}})(?!\d))?"
        rf"|{_DAY}/{_MONTH}/(?:{_YEAR}|\d{{2}})|{_DAY}-{_MONTH}-{_YEAR}|{_YEAR}-{_MONTH}-{_DAY}"
        rf"|{_DAY} {_MONTH} {_YEAR})(?![\d/])"
    ),
    # "3. aprila 2010", "3 aprile 2010", "1° maggio"
    re.compile(rf"(?=\d)(?<![\d.,])\b{_DAY}(?:\.|°)?\s*(?:{_MONTH_NAMES})\b(?:\s*{_YEAR}\b)?", re.IGNORECASE),
]  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…:;\n]")
_SAINTS = frozenset({"san", "santa", "santo", "sant", "sv", "sveti", "sveta", "sveto", "svetega", "svete", "svetem"})
# Prepositions after which an ordinary word ("dol", "planina") names a settlement (as in knowledge/resolver.py).
_PLACE_PREPOSITIONS = frozenset({"v", "na", "pri", "iz", "do", "a", "in", "da", "di"})


@dataclass(frozen=True)
class Found:
    """A piece of personal data in a message: where it is, what kind, and the marker that replaces it."""

    start: int
    end: int
    kind: str  # email, iban, emso, phone, tax, address, date, name
    marker: str


class _Word(NamedTuple):  # a NamedTuple: a message makes hundreds, and a frozen dataclass is slower to make
    text: str
    start: int
    end: int
    folded: str
    capitalised: bool  # "Ana", not "ana" or "CSD"
    sentence_start: bool


class _Vocabulary:
    """What the word-based rules need, built once from the knowledge base: place names and their forms,
    the knowledge base's own words (not names), given names and cues."""

    def __init__(self) -> None:
        kb, *others = [knowledge_base(language) for language in served_languages()]
        self.places = PlaceIndex(kb, also=others)  # "Izolu", "Ilirsku Bistricu" are places, never names
        self.first_place_words = frozenset(form[0] for form in self.places.places if len(form) > 1)
        data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
        self.not_names = frozenset(data["not_names"]) | _knowledge_words()
        spelled = {name.lower() for name in data["first_names"]["it"]}
        for name in data["first_names"]["sl"]:
            spelled |= {form[0] for form in place_forms(name)}  # "Ana" → ana, ane, ani, ano
        # A generated form that is also an ordinary word ("iz" of "Iza") would make every "Iz Kopra" a name.
        nominatives = {fold(name) for name in [*data["first_names"]["sl"], *data["first_names"]["it"]]}
        self.first_names = nominatives | {
            fold(name) for name in spelled if len(name) > 2 and fold(name) not in self.not_names
        }
        # Written in lower case, a given name is taken for one only after a cue, and only when it is no
        # ordinary word: "mia figlia" is not Mia's daughter, "sarà" is not Sara.
        self.lower_case_names = frozenset(name for name in spelled if fold(name) not in self.not_names) - {"mia"}
        cues = [*data["cues"]["sl"], *data["cues"]["it"]]
        self.cues = frozenset(tuple(cue.split()) for cue in cues)
        self.longest_cue = max(len(cue) for cue in self.cues)
        self.cue_first_words = frozenset(cue[0] for cue in self.cues)


def _knowledge_words() -> frozenset[str]:
    """Every word the knowledge base's files use, in every language: task names, centres, replies."""
    found: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.update(words(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    folders = [Path(DATA_DIR), *(Path(DATA_DIR) / language for language in served_languages()[1:])]
    for path in [path for folder in folders for path in folder.glob("*.yml")]:
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(found)


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


def prepare() -> None:
    """Build the place and name indexes now (about a second), not on the first citizen's message."""
    _vocabulary()


def find(text: str) -> list[Found]:
    """The personal data in `text`, in order, none overlapping."""
    found: list[Found] = []
    masked = text  # what was found is blanked out, so that later kinds never look inside it
    digits = any(char.isdigit() for char in text)  # every kind but e-mail has one; most messages have none
    for kind, marker, pattern in _NUMBERS if digits else _NUMBERS[:1]:
        found += [Found(match.start(), match.end(), kind, marker) for match in pattern.finditer(masked)]
        masked = _blank(masked, found)
    if digits:
        found += _streets(masked)
        masked = _blank(masked, found)
        for pattern in _DATES:
            found += [
                Found(match.start(), match.end(), "date", "[datum]")
                for match in pattern.finditer(masked)
                if not _STREET_BEFORE_DATE.search(masked[max(0, match.start() - 12) : match.start()])
            ]
            masked = _blank(masked, found)
    vocabulary = _vocabulary()
    tokens = _words(masked)  # a house number is no word: the names see the same words
    if digits:
        found += _house_numbers(masked, tokens, vocabulary)
    found += _names(masked, tokens, vocabulary)
    return sorted(found, key=lambda item: item.start)


def _streets(text: str) -> list[Found]:
    """A street and its house number, the longest that ends at each number."""
    found = []
    for number in _HOUSE_NUMBER.finditer(text):
        for pattern in _STREETS:
            if match := pattern.search(text, max(0, number.start() - _STREET_REACH), number.end()):
                if not found or found[-1].end <= match.start():
                    found.append(Found(match.start(), match.end(), "address", "[naslov]"))
                break
    return found


def redact(text: str) -> str:
    """`text` with personal data replaced by markers such as [telefon] or [naslov]."""
    for item in reversed(find(text)):
        text = text[: item.start] + item.marker + text[item.end :]
    return text


def _blank(text: str, found: list[Found]) -> str:
    for item in found:
        text = text[: item.start] + "\x00" * (item.end - item.start) + text[item.end :]
    return text


def _words(text: str) -> list[_Word]:
    found: list[_Word] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        # a sentence starts at the text's start or after . ! ? : ; or a line break between the two words
        gap = text[previous_end:start]
        sentence_start = not found or gap != " " and _SENTENCE_END.search(gap) is not None
        capitalised = word[0].isupper() and not word.isupper()
        found.append(_Word(word, start, match.end(), _fold(word), capitalised, sentence_start))
        previous_end = match.end()
    return found


@lru_cache(maxsize=50_000)
def _fold(word: str) -> str:
    return fold(word)  # most of the time a message takes: words repeat, so it is remembered


def _house_numbers(text: str, tokens: list[_Word], vocabulary: _Vocabulary) -> list[Found]:
    """A settlement named in any case form, then a house number: "v Šmarjah 45", "a Lucia 12". Only the
    number goes: the settlement identifies no one, and the assistant needs it to know the municipality."""
    found = []
    ends = [token.end for token in tokens]
    for match in _HOUSE_NUMBER.finditer(text):
        last = bisect_right(ends, match.start())  # the words before the number: tokens[:last]
        if not last or text[ends[last - 1] : match.start()].strip():
            continue
        for size in range(min(vocabulary.places.longest, last), 0, -1):
            name = tokens[last - size : last]
            form = tuple(word.folded for word in name)
            if vocabulary.places.get(form) is None:
                continue
            preceding = tokens[last - size - 1].folded if last > size else ""
            if vocabulary.places.is_common_word(form) and not name[0].capitalised:
                continue  # "na dan 3"
            if vocabulary.places.is_ordinary_word(form) and not (
                name[0].capitalised or preceding in _PLACE_PREPOSITIONS
            ):
                continue
            found.append(Found(match.start(), match.end(), "address", "[hišna številka]"))
            break
    return found


def _names(text: str, tokens: list[_Word], vocabulary: _Vocabulary) -> list[Found]:
    """Personal names, by three rules, most certain first:
    - after a cue ("moja hči Ana Novak", "gospa Novak", "mi chiamo Giulia"): the next one or two words, when
      capitalised, or a known given name in lower case ("sin marko");
    - a known given name and capitalised words ("Ana Novak je ..."), or capitalised words inside a sentence
      that are neither a place nor words of the knowledge base ("pri nas je Tjaša Horvat");
    - a known given name alone, capitalised inside a sentence, that is no place ("Ali lahko Marko ...").
    """
    in_place = _in_place_names(tokens, vocabulary)
    spans: list[tuple[int, int]] = []  # ranges of tokens
    index = 0
    while index < len(tokens):
        after_cue = index + _cue_size(tokens, index, vocabulary)
        end = after_cue
        if after_cue > index:
            while end < len(tokens) and end - after_cue < 2 and _joined(text, tokens, end, after_cue):
                word = tokens[end]
                lower_case_surname = end > after_cue and word.folded not in vocabulary.not_names  # "giulia rossi"
                if not (
                    _capitalised_name(word, vocabulary)
                    or word.text in vocabulary.lower_case_names
                    or lower_case_surname
                    and tokens[after_cue].text in vocabulary.lower_case_names
                ):
                    break
                end += 1
        else:
            while (
                end < len(tokens)
                and end not in in_place
                and _capitalised_name(tokens[end], vocabulary)
                and (end == index or _joined(text, tokens, end, index))
            ):
                end += 1
            run = tokens[index:end]
            first_name = bool(run) and run[0].folded in vocabulary.first_names
            if (
                len(run) < 2
                or _is_place(run, vocabulary)
                or not (first_name or not run[0].sentence_start)
                or not first_name
                and any(word.folded in vocabulary.not_names for word in run)
            ):
                end = index
            if end == index and index not in in_place and _single_name(tokens[index], vocabulary):
                end = index + 1
        if end > after_cue:
            spans.append((after_cue, end))
            index = end
        else:
            index += 1
    return [Found(tokens[start].start, tokens[end - 1].end, "name", "[ime]") for start, end in spans]


def _in_place_names(tokens: list[_Word], vocabulary: _Vocabulary) -> set[int]:
    """The words that belong to a place's name of several words ("Sv. Anton", "San Pietro del Carso"), or
    follow a saint's title ("San Pietro", "Santa Lucia"): a place or a church, not a person."""
    found: set[int] = set()
    for start, word in enumerate(tokens):
        if word.folded in _SAINTS and start + 1 < len(tokens):
            found.add(start + 1)
        if word.folded not in vocabulary.first_place_words:
            continue
        for size in range(min(vocabulary.places.longest, len(tokens) - start), 1, -1):
            if vocabulary.places.get(tuple(token.folded for token in tokens[start : start + size])) is not None:
                found.update(range(start, start + size))
                break
    return found


def _cue_size(tokens: list[_Word], index: int, vocabulary: _Vocabulary) -> int:
    """The number of words of a cue starting at `index`, 0 if none starts there."""
    if tokens[index].folded not in vocabulary.cue_first_words:
        return 0
    for size in range(min(vocabulary.longest_cue, len(tokens) - index), 0, -1):
        if tuple(word.folded for word in tokens[index : index + size]) in vocabulary.cues:
            return size
    return 0


def _joined(text: str, tokens: list[_Word], index: int, first: int) -> bool:
    """Whether word `index` continues the name begun at `first`: after a cue, separated by a space, a comma
    or an abbreviation's dot ("ga. Novak", "hči, Ana"); inside a name, by a space or a hyphen."""
    if index == first:
        return index == 0 or re.fullmatch(r"\.?,?\s+", text[tokens[index - 1].end : tokens[index].start]) is not None
    return re.fullmatch(r"\s+|-", text[tokens[index - 1].end : tokens[index].start]) is not None


def _capitalised_name(word: _Word, vocabulary: _Vocabulary) -> bool:
    return word.capitalised and (word.folded in vocabulary.first_names or word.folded not in vocabulary.not_names)


def _is_place(run: list[_Word], vocabulary: _Vocabulary) -> bool:
    form = tuple(word.folded for word in run)
    return vocabulary.places.get(form) is not None or form in vocabulary.places.outside_look_alikes


def _single_name(word: _Word, vocabulary: _Vocabulary) -> bool:
    """A given name alone: inside a sentence ("Ali lahko Marko ..."), or first when it is no ordinary word
    ("Marko potrebuje ...", not "Rok za vlogo ..."); never a place ("v Luciji")."""
    return (
        word.capitalised
        and word.folded in vocabulary.first_names
        and not (word.sentence_start and word.folded in vocabulary.not_names)
        and vocabulary.places.get((word.folded,)) is None
    )
