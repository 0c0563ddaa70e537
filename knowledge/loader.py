"""Load knowledge/data/*.yml, validate every file and the references between them.

Either the whole knowledge base loads or `KnowledgeBaseError` names the file and the field that
is wrong; a half-loaded base never reaches the assistant.

Another language's words live in a folder of their own (knowledge/data/it/), with the same ids as the
Slovenian files and only the words (knowledge/translation.py): `load_knowledge_base(language="it")` puts them
over the Slovenian facts, so that every base holds the same municipalities, coverage and settlements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge import schema
from knowledge.query import KnowledgeBase
from knowledge.text import fold
from knowledge.translation import Fail, matched, merged, merged_some, words_model

DATA_DIR = Path(__file__).resolve().parent / "data"

FILES: dict[str, type[BaseModel]] = {
    "sources.yml": schema.SourcesFile,
    "municipalities.yml": schema.MunicipalitiesFile,
    "settlements.yml": schema.SettlementsFile,
    "centres.yml": schema.CentresFile,
    "tasks.yml": schema.TasksFile,
    "centre.yml": schema.CentreFile,
    "koper.yml": schema.KoperFile,
    "help_lines.yml": schema.HelpLinesFile,
    "conversation.yml": schema.ConversationFile,
    "languages.yml": schema.LanguagesFile,
    "question_words.yml": schema.QuestionWordsFile,
    "contact.yml": schema.ContactFile,
    "practical.yml": schema.PracticalFile,
    "widget.yml": schema.WidgetFile,
}

# The files of another language's folder whose words `merged` puts over the Slovenian facts, each checked by the
# words model of the Slovenian file's (knowledge/translation.py)…
MERGED_FILES = ("settlements.yml", "centres.yml", "tasks.yml", "centre.yml", "koper.yml", "help_lines.yml",
                "question_words.yml", "practical.yml", "widget.yml")  # fmt: skip
# … and the files of the folder, with the models of words that have a shape of their own (schema.py says why).
TRANSLATED_FILES: dict[str, type[BaseModel]] = {name: words_model(FILES[name]) for name in MERGED_FILES} | {
    "help_lines.yml": schema.TranslatedHelpLinesFile,
    "municipalities.yml": schema.TranslatedMunicipalitiesFile,
    "conversation.yml": schema.TranslatedConversationFile,
    "contact.yml": schema.TranslatedContactFile,
    "sources.yml": schema.TranslatedSourcesFile,
}

Model = TypeVar("Model", bound=BaseModel)


class KnowledgeBaseError(ValueError):
    """A knowledge file is missing, unreadable or wrong; the message names the file and field."""


def load_knowledge_base(data_dir: Path = DATA_DIR, language: str = "sl") -> KnowledgeBase:
    """Read and validate every knowledge file under `data_dir`; for another language than Slovenian,
    its texts from `data_dir/<language>/` over the same facts."""
    files: dict[str, Any] = {name: _read(data_dir / name, model) for name, model in FILES.items()}
    served = list(files["languages.yml"].served)
    if language not in served:
        raise KnowledgeBaseError(f"unknown language {language!r} (served: {', '.join(served)})")
    _check_references(data_dir, files)
    display_names: dict[tuple[str, str], str] = {}
    place_forms: dict[str, schema.CaseForms] = {}
    prepositions = None
    if language != served[0]:
        files, display_names, places = _translated(data_dir / language, files, language)
        place_forms = {m.name: m.forms for m in places.municipalities if m.forms is not None}
        prepositions = places.prepositions
    return KnowledgeBase(
        municipalities=files["municipalities.yml"].municipalities,
        settlements=files["settlements.yml"],
        centres=files["centres.yml"].centres,
        tasks=files["tasks.yml"].tasks,
        centre=files["centre.yml"].centre,
        koper=files["koper.yml"],
        help_lines=files["help_lines.yml"],
        replies=files["conversation.yml"].replies,
        languages=files["languages.yml"],
        question_words=files["question_words.yml"],
        contact=files["contact.yml"].contact,
        practical=files["practical.yml"].topics,
        elsewhere=files["practical.yml"].elsewhere,
        widget=files["widget.yml"].labels,
        sources=files["sources.yml"].sources,
        language=language,
        display_names=display_names,
        place_forms=place_forms,
        prepositions=prepositions,
    )


@cache
def served_languages(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """The languages the assistant answers in (languages.yml `served`), the default first: read without loading
    the whole knowledge base, since the gateway and the actions need the list before any answer."""
    return tuple(_read(data_dir / "languages.yml", schema.LanguagesFile).served)


@cache
def knowledge_base(language: str = "sl") -> KnowledgeBase:
    """The knowledge base of knowledge/data in `language`, loaded once per process: the files do not change
    while a process runs (a change is a new release)."""
    return load_knowledge_base(language=language)


def _read(path: Path, model: type[Model]) -> Model:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeBaseError(f"{path}: cannot be read ({error.strerror})") from error
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date that is none ("read: 2026-13-01")
        raise KnowledgeBaseError(f"{path}: is not valid YAML ({error})") from error
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{path}: must hold a mapping at the top level")
    try:
        return model.parse_obj(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = _dotted(first["loc"])
        raise KnowledgeBaseError(f"{path}: {field}: {first['msg']}") from error


def _dotted(location: tuple[Any, ...]) -> str:
    text = ""
    for part in location:
        if part == "__root__":  # pydantic's name for a rule over the whole object
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fail(data_dir: Path, file: str, field: str, problem: str) -> None:
    raise KnowledgeBaseError(f"{data_dir / file}: {field}: {problem}")


def _check_references(data_dir: Path, files: dict[str, Any]) -> None:
    def fail(file: str, field: str, problem: str) -> None:
        _fail(data_dir, file, field, problem)

    sources_file = files["sources.yml"]
    sources = set(sources_file.sources)
    for file, model in files.items():
        for field, value in _source_fields(model.dict()):
            if value not in sources:
                fail(file, field, f"unknown source {value!r} (known: {', '.join(sorted(sources))})")

    municipalities = files["municipalities.yml"].municipalities
    names = [municipality.name for municipality in municipalities]
    known_names = set(names)
    _check_unique(fail, "municipalities.yml", "municipalities", "name", names)
    _check_forms(fail, municipalities)

    settlements = files["settlements.yml"].municipalities
    listed = [entry.municipality for entry in settlements]
    _check_unique(fail, "settlements.yml", "municipalities", "municipality", listed)
    for index, name in enumerate(listed):
        if name not in known_names:
            fail("settlements.yml", f"municipalities[{index}].municipality", f"unknown municipality {name!r}")
    for name in names:
        if name not in listed:
            fail("settlements.yml", "municipalities", f"no settlements listed for {name}")

    centres = files["centres.yml"].centres
    _check_unique(fail, "centres.yml", "centres", "id", [centre.id for centre in centres])
    centre_of: dict[str, str] = {}
    for index, centre in enumerate(centres):
        for position, name in enumerate(centre.municipalities):
            field = f"centres[{index}].municipalities[{position}]"
            if name not in known_names:
                fail("centres.yml", field, f"unknown municipality {name!r}")
            if name in centre_of:
                fail("centres.yml", field, f"{name} already belongs to centre {centre_of[name]!r}")
            centre_of[name] = centre.id
    for name in names:
        if name not in centre_of:
            fail("centres.yml", "centres", f"no centre covers {name}")

    centre_ids = {centre.id for centre in centres}
    tasks = files["tasks.yml"].tasks
    _check_unique(fail, "tasks.yml", "tasks", "id", [task.id for task in tasks])
    for index, task in enumerate(tasks):
        for position, name in enumerate(task.covers.municipalities or []):
            if name not in known_names:
                fail("tasks.yml", f"tasks[{index}].covers.municipalities[{position}]", f"unknown municipality {name!r}")
        for position, centre_id in enumerate(task.covers.centres or []):
            if centre_id not in centre_ids:
                fail("tasks.yml", f"tasks[{index}].covers.centres[{position}]", f"unknown centre {centre_id!r}")

    centre_info = files["centre.yml"].centre
    _check_unique(fail, "centre.yml", "centre.activities", "id", [a.id for a in centre_info.activities])
    if centre_info.regular_area.municipality not in known_names:
        fail("centre.yml", "centre.regular_area.municipality", "unknown municipality")

    koper = files["koper.yml"]
    if koper.municipality not in known_names:
        fail("koper.yml", "municipality", f"unknown municipality {koper.municipality!r}")
    fact_ids = [fact.id for fact in koper.facts]
    _check_unique(fail, "koper.yml", "facts", "id", fact_ids)
    for position, fact_id in enumerate(koper.overview):
        if fact_id not in fact_ids:
            fail("koper.yml", f"overview[{position}]", f"unknown fact {fact_id!r}")
    _check_unique(fail, "koper.yml", "rankings", "fact", [ranking.fact for ranking in koper.rankings])
    for position, fact_id in enumerate(koper.groups):
        if fact_id not in fact_ids:
            fail("koper.yml", f"groups[{position}]", f"unknown fact {fact_id!r}")
    for position, ranking in enumerate(koper.rankings):
        if ranking.fact not in fact_ids:
            fail("koper.yml", f"rankings[{position}].fact", f"unknown fact {ranking.fact!r}")
        if ranking.among not in koper.groups:
            fail("koper.yml", f"rankings[{position}].among", f"{ranking.among!r} is not one of `groups`")
    _check_rankings(fail, koper)

    help_lines = files["help_lines.yml"]
    if help_lines.after_hours.task not in {task.id for task in tasks}:
        fail("help_lines.yml", "after_hours.task", "unknown task")
    for index, task_id in enumerate(help_lines.danger_tasks):
        if task_id not in {task.id for task in tasks}:
            fail("help_lines.yml", f"danger_tasks[{index}]", f"unknown task {task_id!r}")
    if help_lines.gentle_line.number not in {line.number for line in help_lines.emergency_lines}:
        fail("help_lines.yml", "gentle_line.number", "not a number of emergency_lines")
    _check_unique(fail, "help_lines.yml", "young.centres", "id", [centre.id for centre in help_lines.young.centres])
    for index, centre in enumerate(help_lines.young.centres):
        if sources_file.sources[centre.source].cited is None:
            fail("help_lines.yml", f"young.centres[{index}].source", f"source {centre.source!r} has no `cited`")

    # Every language that gets the polite note must also be understood when it speaks of danger.
    danger_languages, other_languages = set(files["help_lines.yml"].other_languages), set(files["languages.yml"].others)
    for code in sorted(danger_languages - other_languages):
        fail("help_lines.yml", f"other_languages.{code}", "unknown language (not in languages.yml)")
    for code in sorted(other_languages - danger_languages):
        fail("help_lines.yml", "other_languages", f"no danger words for {code!r}, a language of languages.yml")

    # Answers name where each contact detail comes from, by the source's `cited`.
    for name, detail in files["contact.yml"].contact.details().items():
        if detail.source in sources and files["sources.yml"].sources[detail.source].cited is None:
            fail("contact.yml", f"contact.{name}.source", f"source {detail.source!r} has no `cited` in sources.yml")

    _check_unique(fail, "practical.yml", "topics", "id", [topic.id for topic in files["practical.yml"].topics])
    _check_notice(fail, files["widget.yml"], files["help_lines.yml"])


_NUMBER = re.compile(r"[0-9]+(?: [0-9]+)*")


def _check_notice(fail: Any, widget: schema.WidgetFile, help_lines: schema.HelpLinesFile) -> None:
    """The widget's notice names only help lines: the numbers the widget makes tel: links."""
    known = {line.number for line in help_lines.emergency_lines}
    for number in _NUMBER.findall(widget.labels.notice):
        if number not in known:
            fail(
                "widget.yml",
                "labels.notice",
                f"{number!r} is not a number of help_lines.yml (known: {', '.join(sorted(known))})",
            )


def _check_rankings(fail: Any, koper: schema.KoperFile) -> None:
    """A ranking says its fact's text, so that text names every municipality the ranking has ahead of Koper:
    a maintainer who changes one sees the other."""
    texts = {fact.id: fact.text for fact in koper.facts}
    for position, ranking in enumerate(koper.rankings):
        for name in ranking.ahead:
            if name not in texts[ranking.fact]:
                fail("koper.yml", f"rankings[{position}].ahead", f"{name!r} is not named in fact {ranking.fact!r}")


def _check_forms(fail: Any, municipalities: list[schema.Municipality]) -> None:
    """A form or alias names one municipality only."""
    owner_of_form: dict[str, str] = {}
    for index, municipality in enumerate(municipalities):
        for form in [*municipality.forms.dict().values(), *municipality.aliases]:
            owner = owner_of_form.setdefault(fold(form), municipality.name)
            if owner != municipality.name:
                fail("municipalities.yml", f"municipalities[{index}]", f"form {form!r} also belongs to {owner}")


def _check_unique(fail: Any, file: str, field: str, key: str, values: list[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            fail(file, f"{field}[{index}].{key}", f"{value!r} appears twice")
        seen.add(value)


def _source_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every `source`, `note_source` and `word_source` value in a file, with its dotted field path."""
    if isinstance(value, dict):
        for key, item in value.items():
            field = f"{path}.{key}" if path else key
            if key in ("source", "note_source", "description_source", "word_source") and isinstance(item, str):
                yield field, item
            elif key == "confirmed_by" and isinstance(item, list):
                yield from ((f"{field}[{index}]", source) for index, source in enumerate(item))
            else:
                yield from _source_fields(item, field)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _source_fields(item, f"{path}[{index}]")


def _translated(
    folder: Path, files: dict[str, Any], language: str
) -> tuple[dict[str, Any], dict[tuple[str, str], str], schema.TranslatedMunicipalitiesFile]:
    """The Slovenian files with the words of `folder` in place of theirs, the names answers show ("Capodistria
    (Koper)", "Portorose (Portorož)") and the language's names of the municipalities. Facts stay the Slovenian
    files' own."""
    texts: dict[str, Any] = {name: _read(folder / name, model) for name, model in TRANSLATED_FILES.items()}

    def fail(file: str, field: str, problem: str) -> None:
        _fail(folder, file, field, problem)

    out = dict(files)
    for name in MERGED_FILES:
        out[name] = merged(files[name], texts[name], partial(fail, name))
    _check_rankings(fail, out["koper.yml"])  # the language's texts of the facts name those ahead of Koper too
    _check_notice(fail, out["widget.yml"], files["help_lines.yml"])
    # The language's danger words that the gateway reads in the Slovenian file (`other_languages`) come first.
    danger = files["help_lines.yml"].other_languages.get(language)
    crisis_terms = _union(danger.terms if danger else [], texts["help_lines.yml"].crisis_terms)
    out["help_lines.yml"] = out["help_lines.yml"].copy(update={"crisis_terms": crisis_terms})

    replies = _translated_replies(
        partial(fail, "conversation.yml"), files["conversation.yml"].replies, texts["conversation.yml"].replies
    )
    out["conversation.yml"] = files["conversation.yml"].copy(update={"replies": replies})
    contact = files["contact.yml"].contact
    details = merged_some(contact.details(), texts["contact.yml"].contact, partial(fail, "contact.yml"), "contact")
    out["contact.yml"] = files["contact.yml"].copy(update={"contact": contact.copy(update=details)})
    sources = merged_some(
        files["sources.yml"].sources, texts["sources.yml"].sources, partial(fail, "sources.yml"), "sources"
    )
    out["sources.yml"] = files["sources.yml"].copy(update={"sources": sources})

    places = texts["municipalities.yml"]
    pairs = matched(files["municipalities.yml"].municipalities, places.municipalities,
                    partial(fail, "municipalities.yml"), "municipalities", "name")  # fmt: skip
    # The Slovenian names stay understood, before the language's own ("Koper" in Italian text), and so are the
    # language's case forms ("u Kopru").
    municipalities = [
        m.copy(
            update={
                field: _union(getattr(m, field), getattr(t, field)) for field in ("aliases", "adjectives", "residents")
            }
        )
        for m, _, t in pairs
    ]
    municipalities = [
        m.copy(update={"aliases": _union(m.aliases, [f for f in _own_forms(m, t) if fold(f) not in _folded_forms(m)])})
        for m, (_, _, t) in zip(municipalities, pairs, strict=True)
    ]
    _check_forms(fail, municipalities)
    out["municipalities.yml"] = files["municipalities.yml"].copy(update={"municipalities": municipalities})
    display = {(m.name, m.name): t.display for m, _, t in pairs}
    for entry in files["settlements.yml"].municipalities:  # the official name of the language first, as on the coast
        for settlement in entry.settlements:
            if settlement.it and settlement.it != settlement.sl and language == "it":
                display.setdefault((entry.municipality, settlement.sl), f"{settlement.it} ({settlement.sl})")
    return out, display, places


def _translated_replies(
    fail: Fail, replies: dict[str, schema.CannedReply], texts: dict[str, schema.TranslatedReply]
) -> dict[str, schema.CannedReply]:
    """Every reply with the language's text and button titles; the payloads stay the Slovenian file's."""
    for name in texts:
        if name not in replies:
            fail(f"replies.{name}", "is not in the Slovenian file")
    translated = {}
    for name, reply in replies.items():
        text = texts.get(name)
        if text is None:
            fail("replies", f"no text for reply {name!r} of the Slovenian file")
        assert text is not None
        if len(text.buttons) != len(reply.buttons):
            fail(f"replies.{name}.buttons", f"{len(reply.buttons)} titles needed, as in the Slovenian file")
        buttons = [b.copy(update={"title": title}) for b, title in zip(reply.buttons, text.buttons, strict=True)]
        translated[name] = reply.copy(update={"text": text.text, "buttons": buttons})
    return translated


def _own_forms(municipality: schema.Municipality, text: schema.TranslatedMunicipality) -> list[str]:
    """A translated municipality's case forms other than its Slovenian name."""
    return [form for form in (text.forms.dict().values() if text.forms else []) if form != municipality.name]


def _folded_forms(municipality: schema.Municipality) -> set[str]:
    return {fold(form) for form in [*municipality.forms.dict().values(), *municipality.aliases]}


def _union(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
