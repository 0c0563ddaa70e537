"""A staff answer ("odgovor"), its field checks, and the bulk YAML format.

The bulk format is shared/eval/staff_answers_fixture.yml's: a list of entries, each with `id`, `questions`
and `answer` per language (`sl` required, `it` optional), `source` and `review_by`. The staff area exports
the current publication in it, and `python -m staff_answers.bulk` imports it. Every problem is a sentence
in Slovenian, since the staff read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

LANGUAGES = ("sl", "it")
# The centre's contact details the staff may publish (the entry "kontakt"), as the staff area names them.
CONTACT_LABELS = {
    "address": "Naslov",
    "office_hours": "Uradne ure",
    "phone": "Telefon",
    "email": "E-pošta",
    "web": "Spletna stran",
}
LANGUAGE_NAMES = {"sl": "slovensko", "it": "italijansko"}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # fullmatch: `$` would let "id\n" through
MAX_ID = 60
MIN_QUESTIONS = 3
MAX_QUESTIONS = 60
MAX_QUESTION = 300
MAX_ANSWER = 2000
MAX_SOURCE = 200
# A link in an answer: https:// only; http:// and other schemes are refused, never silently dropped.
LINK = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
HTTPS_LINK = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/\S*)?$")
# What a member of staff cannot mean in plain text: markup, and control characters other than new lines.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BulkFileError(ValueError):
    """A bulk file cannot be read as entries; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One answer: said exactly as written, in the conversation's language where it has one."""

    id: str
    questions: Mapping[str, tuple[str, ...]]
    answer: Mapping[str, str]
    source: str
    review_by: date | None
    # Written by whom, in which revision; not part of the bulk format.
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def languages(self) -> tuple[str, ...]:
        return tuple(language for language in LANGUAGES if self.answer.get(language))

    def text_in(self, language: str) -> tuple[str, str]:
        """(the answer's text, its language): in `language` where it has one, else in Slovenian."""
        if self.answer.get(language):
            return self.answer[language], language
        return self.answer["sl"], "sl"

    def overdue(self, today: date) -> bool:
        return self.review_by is not None and self.review_by < today

    def to_data(self) -> dict[str, Any]:
        """The entry as the bulk format writes it."""
        return {
            "id": self.id,
            "questions": {lang: list(qs) for lang, qs in self.questions.items() if qs},
            "answer": {lang: text for lang, text in self.answer.items() if text},
            "source": self.source,
            "review_by": self.review_by.isoformat() if self.review_by else "",
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Entry:
        """An entry from the bulk format's mapping, as it is: `problems` says what is wrong with it."""
        questions = data.get("questions") if isinstance(data.get("questions"), Mapping) else {}
        answer = data.get("answer") if isinstance(data.get("answer"), Mapping) else {}
        return cls(
            id=str(data.get("id") or "").strip(),
            questions={
                lang: tuple(str(q).strip() for q in (questions.get(lang) or []) if str(q).strip()) for lang in LANGUAGES
            },
            answer={lang: _clean(str(answer.get(lang) or "")) for lang in LANGUAGES},
            source=str(data.get("source") or "").strip(),
            review_by=_date(data.get("review_by")),
        )


def _clean(text: str) -> str:
    """The answer as said: line ends unified, spaces at the ends of lines and of the text removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _date(raw: object) -> date | None:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw or "").strip())
    except ValueError:
        return None


def links(text: str) -> list[str]:
    """The links in an answer, with trailing punctuation that ends a sentence left out."""
    return [match.group().rstrip(".,;:!?)»\"'") for match in LINK.finditer(text)]


def problems(entry: Entry, raw_review_by: object = None) -> list[str]:
    """What is wrong with an entry's fields, in Slovenian; empty when it may be published. `raw_review_by`: the
    review-by date as it was typed, named in the message when it is not a date."""
    found: list[str] = []
    if not entry.id:
        found.append("Oznaka (id) manjka.")
    elif len(entry.id) > MAX_ID or not ID.fullmatch(entry.id):
        found.append(f"Oznaka »{entry.id}« sme imeti le male črke a–z, števke in vezaje, do {MAX_ID} znakov.")
    if not entry.answer.get("sl"):
        found.append("Odgovor v slovenščini manjka.")
    if len(entry.questions.get("sl", ())) < MIN_QUESTIONS:
        found.append(f"Vpišite vsaj {MIN_QUESTIONS} primere vprašanj v slovenščini.")
    for language in LANGUAGES:
        name = LANGUAGE_NAMES[language]
        questions, answer = entry.questions.get(language, ()), entry.answer.get(language, "")
        if language != "sl" and answer and len(questions) < MIN_QUESTIONS:
            found.append(f"Odgovor {name} ima manj kot {MIN_QUESTIONS} primere vprašanj {name}.")
        if len(questions) > MAX_QUESTIONS:
            found.append(f"Primerov vprašanj ({name}) je več kot {MAX_QUESTIONS}.")
        for question in questions:
            if len(question) > MAX_QUESTION:
                found.append(f"Vprašanje »{question[:40]}…« je daljše od {MAX_QUESTION} znakov.")
            if CONTROL.search(question):
                found.append(f"Vprašanje »{question[:40]}« vsebuje nedovoljene znake.")
        if len({q.casefold() for q in questions}) < len(questions):
            found.append(f"Isto vprašanje ({name}) je vpisano dvakrat.")
        if len(answer) > MAX_ANSWER:
            found.append(f"Odgovor ({name}) je daljši od {MAX_ANSWER} znakov.")
        if CONTROL.search(answer.replace("\n", "")):
            found.append(f"Odgovor ({name}) vsebuje nedovoljene znake.")
        if MARKUP.search(answer):
            found.append(f"Odgovor ({name}) je navadno besedilo: oznake HTML (<…>) niso dovoljene.")
        for link in links(answer):
            if not HTTPS_LINK.match(link):
                found.append(
                    f"Povezava »{link}« ni dovoljena: povezave se začnejo s https:// in vodijo na spletno stran."
                )
    if not entry.source:
        found.append("Vir (kdo v centru stoji za odgovorom) manjka.")
    elif len(entry.source) > MAX_SOURCE:
        found.append(f"Vir je daljši od {MAX_SOURCE} znakov.")
    if entry.review_by is None:
        shown = f" »{raw_review_by}«" if raw_review_by not in (None, "") else ""
        found.append(f"Datum pregleda{shown} manjka ali ni v obliki LLLL-MM-DD.")
    return found


def read_bulk(text: str, where: str = "datoteka") -> list[Entry]:
    """Entries from the bulk format; a file that is not a list of entries with distinct ids is an error.

    Fields are not checked here: the staff area shows `problems` for each entry, as for any draft."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BulkFileError(f"{where}: ni veljaven YAML ({error})") from None
    if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
        raise BulkFileError(f"{where}: mora biti seznam odgovorov (YAML).")
    entries = [Entry.from_data(item) for item in raw]
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        if not entry.id:
            raise BulkFileError(f"{where}: odgovor št. {index} nima oznake (id).")
        if entry.id in seen:
            raise BulkFileError(f"{where}: oznaka »{entry.id}« se ponovi.")
        seen.add(entry.id)
    return entries


def write_bulk(entries: Iterable[Entry], header: str = "") -> str:
    """The bulk format of `entries`, which `read_bulk` reads back to equal entries."""
    body = yaml.safe_dump([entry.to_data() for entry in entries], allow_unicode=True, sort_keys=False, width=120)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + body
