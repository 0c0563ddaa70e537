"""What every answer is composed of, in every language: the messages of the knowledge base's language, places
as Fluent values fed from the knowledge base, counts, bullets. No words: those are in replies/locales/."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge import KnowledgeBase
from replies.fluent import Messages, PlaceName, format_list, messages

# The nouns answers count, by the id of their count message (count-<noun> in counts.ftl).
NOUNS = ("municipalities", "city-municipalities", "centres", "settlements", "days")
# The municipalities of the region all take "v" and "iz" in Slovenian ("v Kopru", "iz Hrpelj-Kozine");
# municipalities.yml holds their case forms but no preposition, since none takes "na". A place that does would
# need its own there, and "s"/"z" before its genitive by the sound it begins with (Fluent cannot see it).
# Language-specific (docs/languages.md); other languages give theirs in <code>/municipalities.yml.
SLOVENIAN_PREPOSITIONS = ("v", "iz")


def say(kb: KnowledgeBase) -> Messages:
    """The messages of the knowledge base's language."""
    return messages(kb.language)


def quantity(language: str, count: int, noun: str) -> str:
    """ "tri občine", "sedem občin", "104 naselij", "tre comuni": a number and its noun as the language agrees them;
    `noun` is one of NOUNS."""
    if noun not in NOUNS:
        raise ValueError(f"no count message for {noun!r} (known: {', '.join(NOUNS)})")
    return messages(language)(f"count-{noun}", count=count)


def bullets(lines: Iterable[str]) -> str:
    """Lines as a list, one a line: the same layout in every language."""
    return "\n".join(f"• {line}" for line in lines)


def joined(kb: KnowledgeBase, texts: Iterable[str]) -> str:
    """Texts joined as the base's language joins a list ("Koper, Izola in Piran"), for a line that lists them
    after a label ("Pomoč na domu: Koper, Izola in Piran"), the same layout in every language."""
    return format_list(list(texts), kb.language)


def place(kb: KnowledgeBase, name: str) -> PlaceName:
    """A municipality as answers name it in the knowledge base's language: "Koper" with its case forms in
    Slovenian (municipalities.yml holds them), in Croatian with its Croatian ones ("u Kopru": hr/municipalities.yml),
    "Capodistria (Koper)" in Italian, which does not decline names."""
    municipality = kb.municipality(name)
    if kb.language == "sl":  # municipalities.yml's own forms are Slovenian
        forms, (at, away) = municipality.forms, SLOVENIAN_PREPOSITIONS
    elif name in kb.place_forms and kb.prepositions is not None:
        forms, (at, away) = kb.place_forms[name], (kb.prepositions.at, kb.prepositions.from_)
    else:
        return PlaceName(kb.display_name(name))
    return PlaceName(
        forms.nominative,
        {
            "gen": forms.genitive,
            "dat": forms.dative,
            "acc": forms.accusative,
            "loc": forms.locative,
            "ins": forms.instrumental,
        },
        at=at,
        away=away,
    )


def places(kb: KnowledgeBase, names: Iterable[str]) -> list[PlaceName]:
    return [place(kb, name) for name in names]


def settlement(kb: KnowledgeBase, name: str, municipality: str) -> PlaceName:
    """A settlement of `municipality` as answers name it: its official name in the language ("Portorose
    (Portorož)"), in the nominative only (settlements are never declined in answers: "Naselje Dekani je …")."""
    return PlaceName(kb.display_name(name, municipality))


def outside(name: str) -> PlaceName:
    """A place outside the region, named as the message named it, in the nominative only."""
    return PlaceName(name)


def municipality_kind(kb: KnowledgeBase, name: str) -> str:
    """ "city" for a mestna občina (Comune città), else "municipality": the messages' $kind."""
    return "city" if kb.is_city_municipality(name) else "municipality"
