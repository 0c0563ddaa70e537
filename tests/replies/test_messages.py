"""Every message of every language, formatted with every count that changes Slovenian and Italian grammar
(1, 2, 3, 4, 5, 101, 102, 103, 105), every municipality and a sample of settlements and places outside the
region: nothing missing, nothing raw, and every language holds the same messages.

A message's variables are read from its own text (and the messages it refers to); each variable name stands
for one kind of value (VALUES below), so that a new variable without samples fails here first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

import pytest

from knowledge import KnowledgeBase, knowledge_base
from knowledge.schema import CONTACT_FIELDS
from replies.compose import outside, place, places, quantity, settlement
from replies.fluent import FluentFailure, Messages, messages
from replies.languages import SERVED

COUNTS = (1, 2, 3, 4, 5, 101, 102, 103, 105)
# Settlements of different shapes: plain, plural, with a qualifier, with an Italian name, in a name of two words.
SETTLEMENTS = (("Dekani", "Koper"), ("Sečovlje", "Piran"), ("Portorož", "Piran"), ("Črni Kal", "Koper"),
               ("Vremski Britof", "Divača"), ("Spodnje Škofije", "Koper"), ("Nova vas nad Dragonjo", "Piran"))  # fmt: skip
OUTSIDE = ("Maribor", "Nova Gorica", "Trieste")
RAW = ("{", "}", "$", "\u2068", "\u2069", "???")


def _municipalities(kb: KnowledgeBase) -> list[Any]:
    return [place(kb, m.name) for m in kb.municipalities]


def _municipality_lists(kb: KnowledgeBase) -> list[Any]:
    """All ten, each alone, two, three."""
    names = [m.name for m in kb.municipalities]
    return [places(kb, chosen) for chosen in (names, *([name] for name in names), names[:2], names[7:])]


def _places(kb: KnowledgeBase) -> list[Any]:
    return [*(settlement(kb, name, m) for name, m in SETTLEMENTS), *map(outside, OUTSIDE)]


def _settlements_of(kb: KnowledgeBase, municipality: str) -> str:
    """A part of settlements-in-several, as Python composes it: "Škocjan v Mestni občini Koper"."""
    kind = "city" if kb.is_city_municipality(municipality) else "municipality"
    named = [settlement(kb, "Škocjan", municipality)]
    return messages(kb.language)(
        "settlements-of-municipality", settlements=named, municipality=place(kb, municipality), kind=kind
    )


# What each variable stands for, by its name, as values of the knowledge base in the language.
VALUES: dict[str, Callable[[KnowledgeBase], list[Any]]] = {
    "count": lambda kb: list(COUNTS),
    "centre_count": lambda kb: list(COUNTS),
    "municipality": _municipalities,
    "area": _municipalities,
    "municipalities": _municipality_lists,
    "left_out": lambda kb: [places(kb, [m.name for m in kb.municipalities][3:]), places(kb, ["Pivka"])],
    "place": _places,
    "places": lambda kb: [[p] for p in _places(kb)] + [_places(kb)[:2], _places(kb)],
    "kind": lambda kb: ["city", "municipality"],
    "settlements": lambda kb: (
        [[settlement(kb, n, m)] for n, m in SETTLEMENTS]
        + [[settlement(kb, n, m) for n, m in SETTLEMENTS[:k]] for k in (2, 3)]
    ),
    "by": lambda kb: [r.by for r in kb.koper.rankings],
    "side": lambda kb: ["ahead", "behind"],
    "number": lambda kb: [quantity(kb.language, n, "city-municipalities") for n in COUNTS],
    "cited": lambda kb: [s.cited for s in kb.sources.values() if s.cited],
    "source": lambda kb: ["vodja strokovne službe", "Ana Kovač"],
    "day": lambda kb: [1, 7, 31],
    "month": lambda kb: [1, 12],
    "year": lambda kb: [2026, 2100],
    "topics": lambda kb: [[t.missing for t in kb.practical if t.fields][:n] for n in (1, 2, 3)],
    "what": lambda kb: [t.missing for t in kb.practical],
    "activity": lambda kb: [a.text for a in kb.centre.activities],
    "legal_form": lambda kb: [kb.centre.legal_form],
    "purpose": lambda kb: [kb.centre.purpose],
    "name": lambda kb: ["Škofije", "Škocjan", "Dane"],
    "where": lambda kb: ["; ".join(_settlements_of(kb, m) for m in ("Koper", "Divača"))],
    "task": lambda kb: [t.name for t in kb.tasks],
    "centre": lambda kb: [c.short_name for c in kb.centres],
    "centre_name": lambda kb: [c.name for c in kb.centres],
    "centres": lambda kb: [[c.short_name for c in kb.centres[:n]] for n in (1, 2, 4)],
    "seats": lambda kb: [[c.short_name.removeprefix("CSD ") for c in kb.centres[:n]] for n in (1, 2, 4)],
}


def variables(message_id: str) -> set[str]:
    """A message's variables in any language (a language may leave out what it does not say)."""
    return set().union(*(messages(language).variables(message_id) for language in SERVED))


def argument_sets(kb: KnowledgeBase, names: set[str]) -> Iterator[dict[str, Any]]:
    """Each sample of each variable in turn, the others at their first sample."""
    samples = {name: VALUES[name](kb) for name in sorted(names)}
    first = {name: values[0] for name, values in samples.items()}
    yield first
    for name, values in samples.items():
        for value in islice(values, 1, None):
            yield {**first, name: value}


def test_every_language_has_the_same_messages() -> None:
    ids = {language: messages(language).ids for language in SERVED}
    for language, found in ids.items():
        assert found == ids["sl"], f"{language}: missing {sorted(ids['sl'] - found)}, extra {sorted(found - ids['sl'])}"


@pytest.mark.parametrize("language", SERVED)
def test_every_contact_field_has_a_label(language: str) -> None:
    assert {f"contact-field-{name}" for name in CONTACT_FIELDS} <= messages(language).ids


def test_every_variable_has_samples() -> None:
    used = set().union(*(variables(message_id) for message_id in messages("sl").ids))
    assert used <= set(VALUES), f"give samples for {sorted(used - set(VALUES))} in VALUES"


@pytest.mark.parametrize("language", SERVED)
def test_every_message_formats_with_every_sample(language: str) -> None:
    kb, said = knowledge_base(language), messages(language)
    formatted = 0
    for message_id in sorted(said.ids):
        for args in argument_sets(kb, variables(message_id)):
            text = _format(said, message_id, args)
            raw = [mark for mark in RAW if mark in text]
            assert not raw and text.strip() == text and text, f"{language} {message_id} {args}: {text!r}"
            formatted += 1
    assert formatted > len(said.ids)


def _format(said: Messages, message_id: str, args: dict[str, Any]) -> str:
    try:
        return said(message_id, **args)
    except FluentFailure as failure:
        raise AssertionError(f"{said.language} {message_id} {args}: {failure}") from failure
