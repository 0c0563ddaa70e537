"""The answers' words as Project Fluent messages: one bundle per language over replies/locales/<language>/*.ftl.

Python passes facts (places, counts, lists, texts of the knowledge base) and picks a message by its id; the
message says them in its language. Fluent fails silently in several ways (GUIDE §6), so this module makes
every one of them loud:

- a resource with Junk (a syntax error) does not load, and neither does a message id defined twice;
- a message that is missing, or whose formatting reports any error (a variable not passed, an unknown
  function, a case a place does not have), raises `FluentFailure` instead of giving "{$place}" or "???";
- an unknown locale raises (babel's), instead of falling back to English plural rules;
- placeables are not wrapped in U+2068/U+2069 (`use_isolating=False`: the answers are plain text);
- counts are shown without grouping ("1000", never "1.000"): every int passed is a count.

Places and lists are values of their own (`PlaceName`, `Places`, `Words`), shown in the nominative and joined
as the language joins a list (babel's CLDR data: "Koper, Izola in Piran", "Capodistria, Isola e Pirano");
`PLACE($place, case: "gen")` puts a place, or each place of a list, in another case. `CAPITAL($text)`
capitalises a text a message puts first in a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import FluentType, fluent_number
from fluent.syntax import ast
from fluent.syntax.visitor import Visitor

LOCALES = Path(__file__).resolve().parent / "locales"
# How many formatted messages a language keeps (a few hundred distinct ones are said in practice).
FORMATTED_KEPT = 4096

# The cases a place may be put in (PLACE's `case`): the bare forms, and two with the place's own preposition,
# since a Slovenian locative never stands alone: "loc" is "v Kopru" / "na Škofijah", "from" is "iz Kopra" /
# "s Škofij" / "z Bertokov".
BARE_CASES = ("nom", "gen", "dat", "acc", "ins")
CASES = (*BARE_CASES, "loc", "from")


class FluentFailure(RuntimeError):
    """A message could not be said exactly: missing, or formatted with errors. Never shown half-formatted."""


class FluentResourceError(ValueError):
    """A .ftl resource does not load: Junk in it (named with its line), or a message defined twice."""


@cache
def _list_patterns(locale: str) -> dict[str, str]:
    """CLDR's patterns of a standard list in `locale` ("{0}, {1}", "{0} in {1}"), read once: babel's format_list
    resolves them at every call, a hundred times slower than the join itself."""
    return dict(Locale.parse(locale).list_patterns["standard"])


def format_list(items: Sequence[str], locale: Locale | str) -> str:
    """Items joined as the language joins a list, by CLDR's patterns, as babel.lists.format_list does."""
    if len(items) < 2:
        return items[0] if items else ""
    patterns = _list_patterns(str(locale))
    if len(items) == 2:
        return patterns["2"].format(*items)
    joined = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        joined = patterns["middle"].format(joined, item)
    return patterns["end"].format(joined, items[-1])


@dataclass(frozen=True)
class Words(FluentType):
    """Texts shown as one list in the bundle's language: "Koper, Izola in Piran", "Capodistria, Isola e Pirano"."""

    items: tuple[str, ...]

    def format(self, locale: Locale) -> str:
        return format_list(self.items, locale)


@dataclass(frozen=True)
class PlaceName(FluentType):
    """A place as answers name it: its nominative as the language shows it ("Capodistria (Koper)"), and the
    other cases where the language declines place names and the knowledge base holds them; `at`, the
    preposition of its locative ("v", "na", "u"), and `away`, the one of "from" ("iz", "s", "z")."""

    name: str
    forms: Mapping[str, str] = field(default_factory=dict)  # case (BARE_CASES but "nom") -> form
    at: str | None = None
    away: str | None = None

    def __hash__(self) -> int:  # by value, forms included: a formatted message is kept by its arguments
        return hash((self.name, tuple(sorted(self.forms.items())), self.at, self.away))

    def format(self, locale: Locale) -> str:
        return self.name

    def form(self, case: str) -> str:
        """The place in `case` ("gen": "Kopra"; "loc": "v Kopru"; "from": "iz Kopra"); a case this place has no
        form for raises, so that no language shows the nominative where another case belongs."""
        if case == "nom":
            return self.name
        if case not in CASES:
            raise ValueError(f"unknown case {case!r} (known: {', '.join(CASES)})")
        if case == "loc":
            return f"{self._preposition(self.at)} {self._bare('loc')}"
        if case == "from":
            return f"{self._preposition(self.away)} {self._bare('gen')}"
        return self._bare(case)

    def _bare(self, case: str) -> str:
        try:
            return self.forms[case]
        except KeyError:
            raise ValueError(f"no {case!r} form of {self.name!r} in this language") from None

    def _preposition(self, preposition: str | None) -> str:
        if preposition is None:
            raise ValueError(f"no preposition known for {self.name!r}")
        return preposition


@dataclass(frozen=True)
class Places(FluentType):
    """Several places, shown as a list of their nominatives; PLACE puts each in a case."""

    places: tuple[PlaceName, ...]

    def format(self, locale: Locale) -> str:
        return format_list([place.name for place in self.places], locale)


def place_function(place: Any, case: str = "nom") -> FluentType | str:
    """PLACE($place, case: "gen"): a place, or each place of a list (then joined as a list), in a case."""
    if isinstance(place, PlaceName):
        return place.form(case)
    if isinstance(place, Places):
        return Words(tuple(p.form(case) for p in place.places))
    raise TypeError(f"PLACE needs a place, not {type(place).__name__}")


def capital_function(text: Any) -> str:
    """CAPITAL($text): a text that a message puts first in a sentence, with its first letter upper-case (a
    phrase of the knowledge base, written to stand inside a sentence: "naslova" → "Naslova"). Only the
    message knows where its words stand; the rest of the text is kept (names stay as they are). A function since
    Fluent cannot change a letter's case (docs/languages.md)."""
    if not isinstance(text, str):
        raise TypeError(f"CAPITAL needs a text, not {type(text).__name__}")
    return text[:1].upper() + text[1:]


def _argument(name: str, value: object) -> object:
    """An argument as Fluent takes it: an int is a count (no grouping), a sequence a list; a bool is a mistake."""
    if isinstance(value, bool):
        raise FluentFailure(f"${name}: a bool says nothing in words; pick a message instead")
    if isinstance(value, int):  # fluent.runtime keeps the options of an int it is given, not its class
        return fluent_number(value, useGrouping=False)
    if isinstance(value, list | tuple):
        if all(isinstance(item, PlaceName) for item in value) and value:
            return Places(tuple(value))
        if all(isinstance(item, str) for item in value):
            return Words(tuple(value))
        raise FluentFailure(f"${name}: a list of places or of texts, not {value!r}")
    return value


class Messages:
    """One language's messages: every .ftl of its folder in one strict FluentBundle."""

    def __init__(self, language: str, folder: Path | None = None) -> None:
        Locale.parse(language)  # an unknown locale raises here, instead of falling back to English plurals
        self.language = language
        self.folder = folder or LOCALES / language
        self._bundle = FluentBundle(
            [language], functions={"PLACE": place_function, "CAPITAL": capital_function}, use_isolating=False
        )
        ids: dict[str, Path] = {}
        self._entries: dict[str, ast.Message | ast.Term] = {}
        files = sorted(self.folder.glob("*.ftl"))
        if not files:
            raise FluentResourceError(f"{self.folder}: no .ftl resource")
        for path in files:
            text = path.read_text(encoding="utf-8")
            resource = FluentResource(text)
            for entry in resource.body:
                if isinstance(entry, ast.Junk):
                    line = text.count("\n", 0, entry.span.start) + 1 if entry.span else 0
                    notes = "; ".join(a.message for a in entry.annotations) or "not Fluent syntax"
                    raise FluentResourceError(f"{path}:{line}: {notes}: {entry.content.strip()[:80]!r}")
                if isinstance(entry, ast.Message | ast.Term):
                    key = ("-" if isinstance(entry, ast.Term) else "") + entry.id.name
                    if key in ids:
                        raise FluentResourceError(f"{path}: {key!r} is defined in {ids[key].name} already")
                    ids[key] = path
                    self._entries[key] = entry
            self._bundle.add_resource(resource)
        self.ids = frozenset(key for key in ids if not key.startswith("-"))
        self._formatted = lru_cache(maxsize=FORMATTED_KEPT)(self._format)

    def variables(self, message_id: str) -> frozenset[str]:
        """The variables a message uses, with those of the messages it refers to (which see its arguments)."""
        found: set[str] = set()
        seen: set[str] = set()
        todo = [message_id]
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            references = _References()
            references.visit(self._entries[key])
            found |= references.variables
            todo += references.messages
        return frozenset(found)

    def __call__(self, message_id: str, /, **args: object) -> str:
        """Message `message_id` with `args`, exactly, or FluentFailure. A message said once with the same
        arguments is not formatted again: fluent.runtime takes up to half a millisecond for a count with
        its variants, and the answers say the same few hundred things over and over."""
        fluent_args = tuple(sorted((name, _argument(name, value)) for name, value in args.items()))
        try:
            return self._formatted(message_id, fluent_args)
        except TypeError as error:  # an argument that cannot be kept (unhashable): formatted each time
            if "unhashable" not in str(error):
                raise
            return self._format(message_id, fluent_args)

    def _format(self, message_id: str, fluent_args: tuple[tuple[str, object], ...]) -> str:
        if message_id not in self.ids:
            raise FluentFailure(f"{self.language}: no message {message_id!r} in {self.folder}")
        message = self._bundle.get_message(message_id)
        if message.value is None:
            raise FluentFailure(f"{self.language}: message {message_id!r} has no value")
        text, errors = self._bundle.format_pattern(message.value, dict(fluent_args))
        if errors:
            raise FluentFailure(f"{self.language}: {message_id}: {'; '.join(map(str, errors))}")
        if not isinstance(text, str):
            raise FluentFailure(f"{self.language}: {message_id}: nothing to say")
        return text


class _References(Visitor):
    """The variables a message (or term) names, and the messages it refers to; not the variables inside the
    terms it calls, which see only their own arguments."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.messages: list[str] = []

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802 (the visitor's naming)
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:  # noqa: N802
        self.messages.append(node.id.name)


@cache
def messages(language: str) -> Messages:
    """The messages of `language`, loaded once per process: the files do not change while it runs."""
    return Messages(language)
