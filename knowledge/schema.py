"""The shape of every file under knowledge/data, checked when the knowledge base loads.

Each top-level model is one file. Cross-file rules (a task names a known municipality, every
municipality has one centre, …) live in `loader.py`, which knows which file said what.

Fields of words are marked `translated()`: another language's folder (knowledge/data/<language>/) writes the
same files with only those and the `key()` of each item of a list (knowledge/translation.py derives its models).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, conint, constr, root_validator, validator

from knowledge.text import words
from knowledge.translation import key, translated, words_model

Text = constr(strip_whitespace=True, min_length=1)


class _Strict(BaseModel):
    class Config:
        extra = "forbid"
        allow_mutation = False


def _check_terms(terms: list[str]) -> list[str]:
    """Terms are word stems written the way `words` splits folded text, so that they can match it."""
    for term in terms:
        if term != " ".join(words(term)):
            raise ValueError(
                f"term {term!r} must be lower case, without diacritics or punctuation (l'ho: l ho), single-spaced"
            )
    return terms


class Source(_Strict):
    title: Text
    note: Text
    address: Text | None = None  # where it can be read again ("csd-kp.si")
    read: date | None = None  # when it was read
    # How answers name it after "po podatkih" ("s spletne strani centra"): a source of contact details needs it.
    cited: Text | None = translated(None)


class SourcesFile(_Strict):
    sources: dict[str, Source]


class CaseForms(_Strict):
    nominative: Text
    genitive: Text
    dative: Text
    accusative: Text
    locative: Text
    instrumental: Text


class Municipality(_Strict):
    name: Text
    forms: CaseForms
    aliases: list[Text] = []
    # Word stems of the adjective ("koprsk": koprski, na Koprskem) and of the residents ("koprcan").
    adjectives: list[Text] = []
    residents: list[Text] = []
    word_source: Text | None = None
    source: Text

    _stems = validator("adjectives", "residents", allow_reuse=True)(_check_terms)

    @validator("forms")
    def nominative_is_the_name(cls, forms: CaseForms, values: dict) -> CaseForms:
        if "name" in values and forms.nominative != values["name"]:
            raise ValueError(f"nominative {forms.nominative!r} differs from name {values['name']!r}")
        return forms


class MunicipalitiesFile(_Strict):
    municipalities: list[Municipality]


class Settlement(_Strict):
    sl: Text
    it: Text | None = None


class MunicipalitySettlements(_Strict):
    municipality: Text = key()
    references: Text
    complete: bool
    count_in_source: int | None = None
    # Said after the count of settlements where the centre's presentation differs.
    note: Text | None = translated(None)
    settlements: list[Settlement]

    @root_validator(skip_on_failure=True)
    def count_agrees(cls, values: dict) -> dict:
        count, listed = values.get("count_in_source"), len(values.get("settlements") or [])
        if values.get("complete") and count is not None and count != listed:
            raise ValueError(f"complete list of {listed} settlements, but count_in_source is {count}")
        return values


class SettlementsFile(_Strict):
    source: Text
    ordinary_words: list[Text] = []
    common_words: list[Text] = []
    near_words: list[Text] = []  # ordinary words a letter or two off a place's form: never a typo of it
    outside_look_alikes: list[Text] = []
    municipalities: list[MunicipalitySettlements] = translated()

    _words = validator("ordinary_words", "common_words", "near_words", allow_reuse=True)(_check_terms)

    @validator("common_words")
    def common_words_are_ordinary(cls, common: list[str], values: dict) -> list[str]:
        unknown = sorted(set(common) - set(values.get("ordinary_words") or []))
        if unknown:
            raise ValueError(f"not among ordinary_words: {', '.join(unknown)}")
        return common


class Centre(_Strict):
    id: Text = key()
    name: Text = translated()
    short_name: Text = translated()
    municipalities: list[Text]
    source: Text


class CentresFile(_Strict):
    centres: list[Centre] = translated()


class Coverage(_Strict):
    municipalities: list[Text] | None = None
    centres: list[Text] | None = None

    @root_validator(skip_on_failure=True)
    def exactly_one_kind(cls, values: dict) -> dict:
        if (values.get("municipalities") is None) == (values.get("centres") is None):
            raise ValueError("give either `municipalities` or `centres`")
        return values


class Task(_Strict):
    id: Text = key()
    name: Text = translated()  # with its article in languages that need one ("il servizio di intervento regionale")
    title: Text = translated()
    covers: Coverage
    note: Text | None = translated(None)
    note_source: Text | None = None
    terms: list[Text] = translated(merged=True)
    description: Text = translated()  # what the task is and for whom (GUIDE §2a)
    description_source: Text
    # Stems of the lives that lead to it, read only when no task is named.
    situations: list[Text] = translated([], merged=True)
    # Everyday words that point to it twice or beside a situation.
    situation_hints: list[Text] = translated([], merged=True)
    source: Text

    _terms = validator("terms", "situations", "situation_hints", allow_reuse=True)(_check_terms)

    @root_validator(skip_on_failure=True)
    def note_has_source(cls, values: dict) -> dict:
        if (values.get("note") is None) != (values.get("note_source") is None):
            raise ValueError("`note` and `note_source` go together")
        return values


class TasksFile(_Strict):
    tasks: list[Task] = translated()


class Activity(_Strict):
    id: Text = key()
    text: Text = translated()
    terms: list[Text] = translated()
    source: Text

    _terms = validator("terms", allow_reuse=True)(_check_terms)


class RegularArea(_Strict):
    municipality: Text
    text: Text = translated()
    source: Text


class FirstHelp(_Strict):
    """Prva socialna pomoč: what the centre offers someone in distress who does not know where to turn."""

    name: Text = translated()
    text: Text = translated()  # the whole explanation an answer gives, before the contact details
    # Word stems of not knowing where to turn ("ne vem na koga", "kam se lahko obrn"), as in tasks.yml.
    terms: list[Text] = translated(merged=True)
    source: Text
    read: date

    _terms = validator("terms", allow_reuse=True)(_check_terms)


class CentreInfo(_Strict):
    name: Text = translated()
    legal_form: Text = translated()
    purpose: Text = translated()
    source: Text
    activities: list[Activity] = translated()
    regular_area: RegularArea = translated()
    first_help: FirstHelp = translated()


class CentreFile(_Strict):
    centre: CentreInfo = translated()


class Fact(_Strict):
    id: Text = key()
    text: Text = translated()
    # Word stems of what the fact is about, as in tasks.yml: a question the classifier is unsure of
    # that names them is still answered with this fact.
    terms: list[Text] = translated([])
    source: Text

    _terms = validator("terms", allow_reuse=True)(_check_terms)


class Border(_Strict):
    side: Text = key()
    text: Text = translated()
    terms: list[Text] = translated()
    source: Text

    _terms = validator("terms", allow_reuse=True)(_check_terms)


class Ranking(_Strict):
    """Koper's place among the municipalities of a group by one measure, as the seed ranks it."""

    fact: Text = key()  # the fact that states it, in the seed's words: answers say its text
    among: Text  # the fact that names the group ("status": the seven city municipalities), one of `groups`
    by: Text = translated()  # the measure as answers say it: "po površini"
    # The noun the group is counted in, by the id of its count message (count-<noun> in replies/locales/*/counts.ftl):
    # "city-municipalities" says "dve mestni občini", "due comuni città".
    counted: Literal["municipalities", "city-municipalities", "centres", "settlements", "days"]
    rank: conint(ge=1)
    of: conint(ge=1)  # how many municipalities the group holds
    ahead: list[Text] = []  # those ahead of Koper, where the seed names them; each named in the fact's text
    source: Text

    @root_validator(skip_on_failure=True)
    def fits_the_group(cls, values: dict) -> dict:
        if values["rank"] > values["of"] or len(values["ahead"]) > values["rank"] - 1:
            raise ValueError("`rank` must lie within `of`, with at most rank - 1 municipalities `ahead`")
        return values


class KoperFile(_Strict):
    municipality: Text
    facts: list[Fact] = translated()
    borders: list[Border] = translated()
    overview: list[Text]
    rankings: list[Ranking] = translated([])
    groups: list[Text] = []  # the facts that name a group of municipalities Koper belongs to
    # Words that make Koper the one compared with ("… kot Koper", "od Kopra"), as in tasks.yml: "Da"/"Ne" then
    # says whether others are ahead of (behind) it.
    against: list[Text] = translated([])

    _terms = validator("against", allow_reuse=True)(_check_terms)


class HelpLine(_Strict):
    number: Text = key()
    name: Text = translated()
    description: Text = translated()
    source: Text


class AfterHours(_Strict):
    task: Text
    text: Text = translated()
    source: Text


class DangerInLanguage(_Strict):
    """Danger in one other language: the words that mark it and the line that answers it."""

    line: Text
    terms: list[Text]

    _terms = validator("terms", allow_reuse=True)(_check_terms)


AGE = "AGE"  # in a term of YoungWriter, stands for any age below `below_age` ("imam AGE let")


def _check_age_terms(terms: list[str]) -> list[str]:
    """Terms as `_check_terms` wants them, where AGE may stand for a number."""
    _check_terms([term.replace(AGE, "1") for term in terms])
    return terms


class GentleLine(_Strict):
    """One line for distress that is no danger to life (an exhausted carer who asks a question): `text`
    introduces the line of `number`, one of `emergency_lines`."""

    number: Text
    text: Text = translated()


class YoungCentre(_Strict):
    """A place of help for children and young people, told to a child or young person in danger."""

    id: Text = key()
    text: Text = translated()  # the whole paragraph, after "po podatkih <source's cited> (prebrano <read>):"
    source: Text
    read: date
    confirmed_by: list[Text] = []  # further sources that state the same facts


class YoungWriter(_Strict):
    """The words by which a child or young person speaks of themselves, and what such a writer in danger
    learns of besides the lines."""

    below_age: int
    # Word stems as in tasks.yml; AGE stands for any age from 1 to below `below_age`.
    terms: list[Text] = translated(merged=True)
    centres: list[YoungCentre] = translated()

    _terms = validator("terms", allow_reuse=True)(_check_age_terms)


class HelpLinesFile(_Strict):
    # The emergency reply's first sentence: who to call at once.
    first_line: Text = translated()
    emergency_lines: list[HelpLine] = translated()
    after_hours: AfterHours = translated()
    crisis_terms: list[Text] = translated()
    distress_terms: list[Text] = translated()
    danger_tasks: list[Text]
    gentle_line: GentleLine = translated()
    young: YoungWriter = translated()
    other_languages: dict[str, DangerInLanguage]

    _terms = validator("crisis_terms", "distress_terms", allow_reuse=True)(_check_terms)


def _check_colloquial(forms: dict[str, str]) -> dict[str, str]:
    """A colloquial form is one folded word, as `words` splits a message; it stands for one standard word."""
    for form, standard in forms.items():
        if [form] != words(form) or len(standard.split()) != 1:
            raise ValueError(f"colloquial {form!r}: one folded word for one standard word ({standard!r})")
    return forms


class Comparison(_Strict):
    """Words of a comparison, by what it asks of Koper's place (question_words.yml explains each)."""

    more: list[Text]
    most: list[Text]
    less: list[Text]
    least: list[Text]
    rank: list[Text]
    by: list[Text]

    _terms = validator("more", "most", "less", "least", "rank", "by", allow_reuse=True)(_check_terms)


class QuestionWordsFile(_Strict):
    source: Text
    count: list[Text] = translated()
    complement: list[Text] = translated()
    coverage_verbs: list[Text] = translated()
    definition: list[Text] = translated()
    colloquial: dict[Text, Text] = translated()

    centres: list[Text] = translated()
    open_question: list[Text] = translated()
    indefinite: list[Text] = translated()
    regular_work: list[Text] = translated()
    around_a_place: list[Text] = translated()
    comparison: Comparison = translated()  # all words: the same model in every language

    _terms = validator(
        "count",
        "complement",
        "coverage_verbs",
        "definition",
        "centres",
        "open_question",
        "indefinite",
        "regular_work",
        allow_reuse=True,
    )(_check_terms)
    _colloquial = validator("colloquial", allow_reuse=True)(_check_colloquial)


class ButtonSpec(_Strict):
    title: Text
    payload: constr(regex=r"^/[a-z_]+(\{.*\})?$")  # noqa: F722  (Rasa's "/intent{...}")


class CannedReply(_Strict):
    text: Text
    buttons: list[ButtonSpec] = []
    # The reply sends people to the centre: the filled contact details (contact.yml) follow it.
    with_contact: bool = False


class ConversationFile(_Strict):
    replies: dict[str, CannedReply]

    @validator("replies")
    def has_every_reply(cls, replies: dict[str, CannedReply]) -> dict[str, CannedReply]:
        missing = REQUIRED_REPLIES - set(replies)
        if missing:
            raise ValueError(f"missing replies: {', '.join(sorted(missing))}")
        return replies


REQUIRED_REPLIES = {
    "greet",
    "goodbye",
    "thanks",
    "bot_challenge",
    "help",
    "fallback",
    "unavailable",
    "start",
    "non_text",
    "slow_down",
    "other_language",
    "reset",
    "error",
    "button_expired",
    "language_choice",
    "language_set",
    "only_in_slovenian",
    "two_answers",
}


class LanguageRequests(_Strict):
    names: dict[str, list[Text]]  # word stems that name each served language
    asking: list[Text]  # word stems of asking for it
    negations: list[Text] = []  # whole words that, before a word of asking, say the language is not spoken
    limitations: list[Text] = []  # whole words that, after it, say the same ("lo capisco poco")

    _asking = validator("asking", "negations", "limitations", allow_reuse=True)(_check_terms)


class LanguagesFile(_Strict):
    source: Text
    # The languages the assistant answers in, each by its own name (the widget's and Telegram's choice): the one
    # list of them. The first is the default; every other has its folder of words, knowledge/data/<code>/.
    served: dict[Text, Text]
    slovenian: list[Text]  # words of Slovenian that Croatian, Italian and English do not write
    shared: list[Text] = []  # words Slovenian shares with Croatian: South Slavic, not which of the two
    others: dict[str, list[Text]]
    letters: dict[str, str] = {}  # letters of a language that Slovenian has not ("ćđ")
    also_italian_or_english: list[Text] = []  # South Slavic words that are Italian or English words too
    beginnings: dict[str, list[Text]] = {}  # beginnings of words of one South Slavic language only ("djeca")
    endings: dict[str, list[Text]] = {}  # endings of words of one South Slavic language only ("informacijo")
    stop_word_markers: list[Text] = []  # languages whose spaCy stop words are marker words too
    not_markers: list[Text] = []  # stop words of those languages that Slovenian people write as well
    courtesy: list[Text] = []  # words of thanks, greetings, apologies: alone, they tell no language
    language_requests: LanguageRequests

    _slovenian = validator("slovenian", "shared", "also_italian_or_english", "courtesy", allow_reuse=True)(_check_terms)

    @validator("others")
    def one_language_a_word(cls, others: dict[str, list[str]], values: dict) -> dict[str, list[str]]:
        """A word Slovenian and another South Slavic language both write is `shared`, not a marker of either:
        counted for one of them, it would take the other's messages for it."""
        slovenian, shared = set(values.get("slovenian", [])), set(values.get("shared", []))
        if both := sorted(slovenian & shared):
            raise ValueError(f"{both} are both in `slovenian` and in `shared`")
        for code, markers in others.items():
            if code == "hr" and (both := sorted((slovenian | shared).intersection(markers))):
                raise ValueError(f"{code}: {both} are Slovenian words too (keep them in `shared` only)")
        return others

    @validator("others")
    def folded_words(cls, others: dict[str, list[str]]) -> dict[str, list[str]]:
        for markers in others.values():
            _check_terms(markers)
        return others


class ContactDetail(_Strict):
    """One contact detail and where it comes from: a source of sources.yml (`source`, as contact.yml
    writes it) or, for a detail a member of staff publishes, who published it (`source_text`, free text
    such as "Ana Novak, CSD Koper"); `read` is the day it was read from the source or published."""

    text: Text = translated()
    # Said after the details whenever this one is given ("… je del Centra za socialno delo Južna Primorska").
    note: Text | None = translated(None)
    source: Text | None = None
    source_text: Text | None = None
    read: date | None = None

    @root_validator(skip_on_failure=True)
    def has_provenance(cls, values: dict) -> dict:
        if (values.get("source") is None) == (values.get("source_text") is None):
            raise ValueError(
                "a filled field needs a `source` (the key in sources.yml of where it comes from) or, "
                "published by the staff, a `source_text` naming who published it; not both"
            )
        if values.get("read") is None:
            raise ValueError("a filled field needs `read`: the date it was read or published (2026-12-07)")
        return values

    @validator("text")
    def not_a_placeholder(cls, text: str) -> str:
        if "…" in text or "..." in text:  # the template in contact.yml, uncommented but not filled in
            raise ValueError(f"{text!r} still holds the template's … placeholder")
        return text

    @property
    def provenance(self) -> tuple[str | None, str | None, date | None]:
        """Where the detail comes from and when: details with the same provenance are cited together."""
        return self.source, self.source_text, self.read


_PHONE = re.compile(r"^\+?[0-9 ()/-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PHONE_DIGITS = 6


class ContactInfo(_Strict):
    """The centre's contact details; every field is optional (a field nobody has is never invented).
    `knowledge.contact.overlaid` puts details the staff publish over those of contact.yml."""

    address: ContactDetail | None = None
    office_hours: ContactDetail | None = None
    phone: ContactDetail | None = None
    email: ContactDetail | None = None
    web: ContactDetail | None = None

    @validator("*", pre=True)
    def detail_with_source(cls, value: object) -> object:
        if isinstance(value, str | int | float):
            raise ValueError(
                "write the field as {text: ..., source: ..., read: ...}, so that it names where it comes from and when"
            )
        return value

    @validator("phone")
    def phone_is_a_number(cls, detail: ContactDetail | None) -> ContactDetail | None:
        if detail is not None:
            digits = sum(char.isdigit() for char in detail.text)
            if not _PHONE.match(detail.text) or digits < MIN_PHONE_DIGITS:
                raise ValueError(
                    f"phone {detail.text!r} must be a number: at least {MIN_PHONE_DIGITS} digits, "
                    "with only spaces and + ( ) / - between them"
                )
        return detail

    @validator("email")
    def email_is_an_address(cls, detail: ContactDetail | None) -> ContactDetail | None:
        if detail is not None and not _EMAIL.match(detail.text):
            raise ValueError(f"e-mail {detail.text!r} is not an address like ime@domena.si")
        return detail

    @validator("web")
    def web_is_http(cls, detail: ContactDetail | None) -> ContactDetail | None:
        if detail is not None:
            parts = urlsplit(detail.text)
            if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in detail.text:
                raise ValueError(f"web page {detail.text!r} must be an http:// or https:// address")
        return detail

    def filled(self) -> dict[str, str]:
        """The filled fields, by name, in the order above."""
        return {name: detail.text for name, detail in self.details().items()}

    def details(self) -> dict[str, ContactDetail]:
        """The filled fields with their provenance, by name, in the order above."""
        return {name: detail for name, detail in self if detail is not None}


class ContactFile(_Strict):
    contact: ContactInfo = ContactInfo()

    @validator("contact", pre=True)
    def empty_section(cls, value: object) -> object:
        return {} if value is None else value  # every field commented out: an empty section

    @validator("contact")
    def names_a_source(cls, contact: ContactInfo) -> ContactInfo:
        for name, detail in contact.details().items():
            if detail.source is None:  # staff-published details come from the staff's store, not this file
                raise ValueError(f"{name}: contact.yml names a `source` of sources.yml; `source_text` is for the staff")
        return contact


CONTACT_FIELDS = tuple(ContactInfo.__fields__)


class PracticalTopic(_Strict):
    id: Text = key()
    fields: list[Text] = []
    missing: Text = translated()
    terms: list[Text] = translated()
    hints: list[Text] = translated([])

    _terms = validator("terms", "hints", allow_reuse=True)(_check_terms)

    @validator("fields")
    def known_fields(cls, fields: list[str]) -> list[str]:
        unknown = [name for name in fields if name not in CONTACT_FIELDS]
        if unknown:
            raise ValueError(f"unknown contact field {unknown[0]!r} (known: {', '.join(CONTACT_FIELDS)})")
        return fields


class PracticalFile(_Strict):
    topics: list[PracticalTopic] = translated()
    # Other offices people ask the way to ("kje je pošta"): with one named, a bare "kje" asks for no topic.
    elsewhere: list[Text] = translated([])

    _terms = validator("elsewhere", allow_reuse=True)(_check_terms)


# --- Words of another language (knowledge/data/<language>/) in a shape of their own; the other files of its
# folder are checked by the words model of their Slovenian model (knowledge/translation.py).


class TranslatedHelpLinesFile(words_model(HelpLinesFile)):
    # Added to the language's danger terms of the Slovenian file (`other_languages`), kept there once: the
    # gateway reads them before it knows which language a message is in.
    crisis_terms: list[Text] = []


class TranslatedReply(_Strict):
    text: Text
    # The titles, in the order of the Slovenian buttons, whose payloads (and `with_contact`) they take: a button
    # has no key of its own.
    buttons: list[Text] = []


class TranslatedConversationFile(_Strict):
    replies: dict[str, TranslatedReply]


ContactDetailWords = words_model(ContactDetail)


class TranslatedContactFile(_Strict):
    """The contact details whose words differ in the language (an address, office hours, a note); the
    others (a number, an e-mail address) are said as the Slovenian file writes them."""

    contact: dict[str, ContactDetailWords] = {}

    @validator("contact", pre=True)
    def empty_section(cls, value: object) -> object:
        return {} if value is None else value


SourceWords = words_model(Source)


class TranslatedSourcesFile(_Strict):
    """How answers in the language name the sources that contact details cite (their `cited`): those only."""

    sources: dict[str, SourceWords]


class TranslatedMunicipality(_Strict):
    """A municipality's names in the language. Not the Slovenian model's words: its Slovenian forms stay the
    facts' own (and understood), and the language's names come after them."""

    name: Text  # the Slovenian name: the id every other file uses
    display: Text  # how answers name it: "Capodistria (Koper)", "Sežana (Sesana)"
    # Its case forms in a language that declines place names (Croatian), the nominative its `display`; they are
    # understood as well as said.
    forms: CaseForms | None = None
    # Added to the Slovenian forms and aliases, so that "Koper" still resolves in Italian text.
    aliases: list[Text] = []
    adjectives: list[Text] = []
    residents: list[Text] = []

    _stems = validator("adjectives", "residents", allow_reuse=True)(_check_terms)

    @validator("forms")
    def nominative_is_the_display(cls, forms: CaseForms | None, values: dict) -> CaseForms | None:
        if forms is not None and "display" in values and forms.nominative != values["display"]:
            raise ValueError(f"nominative {forms.nominative!r} differs from display {values['display']!r}")
        return forms


class Prepositions(_Strict):
    """The prepositions a language puts before a place it declines: "u Kopru", "iz Kopra"."""

    at: Text  # with the locative
    from_: Text = Field(alias="from")  # with the genitive


class TranslatedMunicipalitiesFile(_Strict):
    # Where the language declines place names (Croatian: "u Kopru"), the prepositions its answers put before them;
    # given exactly when the municipalities have `forms`.
    prepositions: Prepositions | None = None
    municipalities: list[TranslatedMunicipality]

    @root_validator(skip_on_failure=True)
    def prepositions_with_forms(cls, values: dict) -> dict:
        with_forms = {m.forms is not None for m in values["municipalities"]}
        if len(with_forms) > 1:
            raise ValueError("`forms` must be given for every municipality or for none")
        if with_forms == {True} and values["prepositions"] is None:
            raise ValueError("`prepositions` are needed where the municipalities have `forms`")
        if with_forms != {True} and values["prepositions"] is not None:
            raise ValueError("`prepositions` are given only where the municipalities have `forms`")
        return values


# --- The chat widget's words (knowledge/data/widget.yml; every language's folder writes the same model).


class WidgetLabels(_Strict):
    """Every text the widget shows or gives a screen reader, by id (the widget's `labels.<id>`)."""

    title: Text  # the header, and the dialog's name; an embedding page's data-title overrides it
    open: Text  # the launcher button
    close: Text  # the close button's aria-label (the button shows ×)
    restart: Text
    language_menu: Text  # the language menu's name; its button's aria-label is "<this>: <the language's name>"
    notice: Text  # its numbers are help lines (help_lines.yml), made tel: links
    retention: Text  # with {days}: the number of days with its noun ("30 dni")
    log: Text
    you: Text  # before each message, for screen readers
    assistant: Text
    quick_replies: Text
    typing: Text
    question: Text  # the text box's label
    placeholder: Text
    send: Text
    offline: Text
    unavailable: Text
    retry: Text
    feedback_question: Text  # under the newest answer, beside 👍/👎
    feedback_up: Text  # the 👍 button's aria-label
    feedback_down: Text  # the 👎 button's aria-label
    feedback_thanks: Text  # replaces the question once a button is pressed; Telegram's bot says it too

    @validator("retention")
    def says_the_days(cls, text: str) -> str:
        if text.count("{days}") != 1 or text.replace("{days}", "").count("{"):
            raise ValueError("must say {days} once (the number of days with its noun), and no other {…}")
        return text


class WidgetFile(_Strict):
    labels: WidgetLabels = translated()  # all words: the same model in every language
