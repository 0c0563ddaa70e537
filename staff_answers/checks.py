"""What must hold before a set of entries is published, each problem a sentence in Slovenian for the staff.

1. Every entry's fields are valid (entries.problems): required fields, lengths, https:// links only.
2. Every example question of every entry is answered by its own entry, by the same matching code that
   answers citizens: an example that another entry would take, or none, is a problem.
3. No entry takes an example of the assistant's own training data for what the knowledge base answers
   (corpus.protected), each asked as if it were new (left out of the matcher's negatives): a coverage
   question stays a coverage question.
4. The contact details, if the staff publish their own, are plausible (a phone of digits, an e-mail with @,
   a web page on https://).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from staff_answers.corpus import Corpus, corpus
from staff_answers.entries import CONTACT_LABELS, Entry, problems
from staff_answers.live import answering_matcher
from staff_answers.matching import Matcher

_PHONE = re.compile(r"^[0-9 +()/.-]{6,40}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_WEB = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")
MAX_REPORTED = 30  # a long list of the same kind of problem helps no one


def contact_problems(contact: Mapping[str, Any] | None) -> list[str]:
    found = []
    for field, detail in (contact or {}).items():
        label = CONTACT_LABELS.get(field)
        if label is None:
            found.append(f"Neznano polje kontaktnih podatkov »{field}«.")
            continue
        text = str((detail or {}).get("text") or "").strip()
        source = str((detail or {}).get("source") or "").strip()
        if not text:
            continue
        if not source:
            found.append(f"{label}: vpišite vir (kdo v centru ga potrdi).")
        if len(text) > 300:
            found.append(f"{label}: besedilo je daljše od 300 znakov.")
        if field == "phone" and not _PHONE.match(text):
            found.append(f"{label}: »{text}« ni telefonska številka (samo števke, presledki in + ( ) / -).")
        if field == "email" and not _EMAIL.match(text):
            found.append(f"{label}: »{text}« ni e-poštni naslov.")
        if field == "web" and not _WEB.match(text):
            found.append(f"{label}: »{text}« ni spletni naslov, ki se začne s https://.")
    return found


def publication_problems(
    entries: Sequence[Entry], contact: Mapping[str, Any] | None, training: Corpus | None = None
) -> list[str]:
    """Every problem that stops the publication of `entries` (and `contact`); empty when it may go out. The
    training data defaults to the project's (read once per process)."""
    found: list[str] = []
    for entry in entries:
        found += [f"{entry.id}: {problem}" for problem in problems(entry)]
    found += contact_problems(contact)
    if found:  # matching an entry with broken fields says nothing more
        return found[:MAX_REPORTED]
    training = training or corpus()
    matcher = answering_matcher(entries, training)  # as citizens are answered
    found += own_examples_problems(entries, matcher)
    found += training_data_problems(matcher, training)
    return found[:MAX_REPORTED]


def own_examples_problems(entries: Sequence[Entry], matcher: Matcher) -> list[str]:
    found = []
    for entry in entries:
        for language, questions in entry.questions.items():
            for question in questions:
                verdict = matcher.verdict(question, language)
                if verdict.reason == "match" and verdict.match is not None and verdict.match.entry.id == entry.id:
                    continue
                if verdict.reason == "two" and verdict.match is not None:
                    other = {verdict.match.entry.id, verdict.match.also.id if verdict.match.also else ""} - {entry.id}
                    found.append(f"{entry.id}: primer »{question}« je preveč podoben odgovoru {other.pop()}.")
                    continue
                if verdict.match is not None:
                    found.append(f"{entry.id}: primer »{question}« bi dobil odgovor {verdict.match.entry.id}.")
                elif verdict.reason == "close" and len(verdict.candidates) > 1:
                    other = next(c.entry_id for c in verdict.candidates if c.entry_id != entry.id)
                    found.append(f"{entry.id}: primer »{question}« je preveč podoben odgovoru {other}.")
                else:
                    found.append(f"{entry.id}: primer »{question}« ne dobi nobenega odgovora.")
    return found


def training_data_problems(matcher: Matcher, training: Corpus) -> list[str]:
    found = []
    for example in training.protected:
        # Each example left out of the negatives: as if a citizen wrote it for the first time.
        match = matcher.verdict(example.text, example.language, leave_out=example.text).match
        if match is not None:
            found.append(
                f"{match.entry.id}: bi odgovoril na »{example.text}«, na kar pomočnik odgovori sam "
                f"(namen {example.intent}). Dodajte natančnejše primere vprašanj."
            )
    return found
