"""One model of the words of each thing, whatever the language.

A model of schema.py marks the fields that hold words with `translated()` and, for an item of a list, the field
that names it in every language with `key()`; every other field is a fact, read from the Slovenian files alone so
that a maintainer changes a fact in one place. A language's folder (knowledge/data/<language>/) writes each file
in the Slovenian shape with the keys and the words only: `words_model` derives the model that checks it from the
Slovenian one (the same types, validators, required and optional fields), and `merged` puts its words over the
Slovenian facts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Field, create_model, validator
from pydantic.fields import SHAPE_LIST, ModelField

Model = TypeVar("Model", bound=BaseModel)
Fail = Callable[[str, str], None]  # (field, problem): raises an error that names the file

_WORDS, _MERGED, _KEY = "words", "merged", "key"


def translated(default: Any = ..., *, merged: bool = False) -> Any:
    """A field of words, which each language writes. `merged`: word stems that stay understood in every language,
    after the language's own (on the coast "pomoč na domu" is said in Italian too)."""
    return Field(default, translated=_MERGED if merged else _WORDS)


def key() -> Any:
    """The field that names an item of a list, the same in every language ("id", "number")."""
    return Field(..., translated=_KEY)


def _kind(field: ModelField) -> str | None:
    return field.field_info.extra.get("translated")


def _is_words(field: ModelField) -> bool:
    return _kind(field) in (_WORDS, _MERGED)


def _has_words(model: Any) -> bool:
    """Whether `model` is a model with fields of words; a model without marks is all words (the widget's labels)."""
    return (
        isinstance(model, type)
        and get_origin(model) is None  # list[Task] is a type too
        and issubclass(model, BaseModel)
        and any(_is_words(field) for field in model.__fields__.values())
    )


def _key(model: type[BaseModel]) -> str:
    keys = [name for name, field in model.__fields__.items() if _kind(field) == _KEY]
    if len(keys) != 1:
        raise TypeError(f"{model.__name__}, an item of a list of words, needs one field marked key()")
    return keys[0]


@cache
def words_model(model: type[BaseModel]) -> type[BaseModel]:
    """The model of `model` in a language's folder: its key and words, each with the Slovenian type (a model with
    words by its own words model), default and validators. Rules over a whole model are about facts: left out."""
    fields: dict[str, Any] = {}
    validators: dict[str, Any] = {}
    for name, field in model.__fields__.items():
        if _kind(field) is None:
            continue
        if field.shape == SHAPE_LIST and _has_words(field.type_):
            _key(field.type_)  # a model without a key fails here, when schema.py is read
        fields[name] = (_words_type(field.annotation), ... if field.required else field.default)
        for index, check in enumerate(model.__validators__.get(name, [])):
            validators[f"_{name}_{index}"] = validator(
                name, pre=check.pre, each_item=check.each_item, always=check.always, allow_reuse=True
            )(check.func)
    return create_model(f"{model.__name__}Words", __config__=model.__config__, __validators__=validators, **fields)


def _words_type(annotation: Any) -> Any:
    """`annotation` with each model that has words replaced by its words model: list[Task] → list[TaskWords]."""
    if _has_words(annotation):
        return words_model(annotation)
    args = get_args(annotation)
    words = tuple(_words_type(arg) for arg in args)
    if words == args:
        return annotation
    origin = get_origin(annotation)
    return Union[words] if origin in (Union, UnionType) else origin[words]  # noqa: UP007  (a tuple of types)


def merged(ours: Model, theirs: BaseModel, fail: Fail, at: str = "") -> Model:
    """`ours`, a Slovenian model, with the words of `theirs`, read by its words model; the facts stay ours."""
    update: dict[str, Any] = {}
    for name, field in ours.__fields__.items():
        if not _is_words(field):
            continue
        path = f"{at}.{name}" if at else name
        mine, words = getattr(ours, name), getattr(theirs, name)
        if (mine is None) != (words is None):  # a `note`: said in every language or in none
            fail(path, "must be given exactly where the Slovenian file gives it")
        if field.shape == SHAPE_LIST and _has_words(field.type_):
            pairs = matched(mine, words, fail, path, _key(field.type_))
            update[name] = [merged(item, text, fail, f"{path}[{index}]") for item, index, text in pairs]
        elif mine is not None and _has_words(type(mine)):
            update[name] = merged(mine, words, fail, path)
        elif _kind(field) == _MERGED:
            update[name] = list(dict.fromkeys([*words, *mine]))
        else:
            update[name] = words
    return ours.copy(update=update)


def matched(ours: list[Model], theirs: list[Any], fail: Fail, field: str, key: str) -> list[tuple[Model, int, Any]]:
    """Each Slovenian item with its index and item in `theirs`, in the Slovenian order; the same keys on both
    sides, each once."""
    index_of: dict[Any, int] = {}
    for index, item in enumerate(theirs):
        value = getattr(item, key)
        if value in index_of:
            fail(f"{field}[{index}].{key}", f"{value!r} appears twice")
        index_of[value] = index
    ids = [getattr(item, key) for item in ours]
    for value, index in index_of.items():
        if value not in ids:
            fail(f"{field}[{index}].{key}", f"{value!r} is not in the Slovenian file")
    for value in ids:
        if value not in index_of:
            fail(field, f"no text for {key} {value!r} of the Slovenian file")
    return [(item, index_of[value], theirs[index_of[value]]) for item, value in zip(ours, ids, strict=True)]


def merged_some(ours: dict[str, Model], theirs: dict[str, Any], fail: Fail, field: str) -> dict[str, Model]:
    """`ours` with the words of the items `theirs` gives. A language writes the items whose words differ (an
    address, not a phone number), at least every one whose Slovenian gives an optional word (a `note`, a `cited`)."""
    for name in theirs:
        if name not in ours:
            fail(f"{field}.{name}", "is not in the Slovenian file")
    for name, item in ours.items():
        optional = [word for word, field in item.__fields__.items() if _is_words(field) and not field.required]
        given = [word for word in optional if getattr(item, word) is not None]
        if given and name not in theirs:
            fail(field, f"no text for {name!r}, whose {given[0]} needs the language's words")
    return {
        name: merged(item, theirs[name], fail, f"{field}.{name}") if name in theirs else item
        for name, item in ours.items()
    }
