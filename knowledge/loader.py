"""Load knowledge/data/*.yml, validate every file and the references between them.

Either the whole knowledge base loads or `KnowledgeBaseError` names the file and the field that
is wrong; a half-loaded base never reaches the assistant.

Another language's texts live in a folder of their own (knowledge/data/it/), with the same ids as the
Slovenian files and only the words: `load_knowledge_base(language="it")` puts them over the Slovenian
facts, so that both bases hold the same municipalities, coverage and settlements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge import schema
from knowledge.query import KnowledgeBase
from knowledge.text import fold

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

# The files of another language's folder: every text an answer or reply uses, by the Slovenian ids.
TRANSLATED_FILES: dict[str, type[BaseModel]] = {
    "municipalities.yml": schema.TranslatedMunicipalitiesFile,
    "settlements.yml": schema.TranslatedSettlementsFile,
    "centres.yml": schema.TranslatedCentresFile,
    "tasks.yml": schema.TranslatedTasksFile,
    "centre.yml": schema.TranslatedCentreFile,
    "koper.yml": schema.TranslatedKoperFile,
    "help_lines.yml": schema.TranslatedHelpLinesFile,
    "conversation.yml": schema.TranslatedConversationFile,
    "question_words.yml": schema.TranslatedQuestionWordsFile,
    "practical.yml": schema.TranslatedPracticalFile,
    "widget.yml": schema.TranslatedWidgetFile,
    "contact.yml": schema.TranslatedContactFile,
    "sources.yml": schema.TranslatedSourcesFile,
}

Model = TypeVar("Model", bound=BaseModel)
Item = TypeVar("Item", bound=BaseModel)


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
        files, display_names = _translated(data_dir / language, files, language)
        translated_places = _read(data_dir / language / "municipalities.yml", schema.TranslatedMunicipalitiesFile)
        place_forms = {m.name: m.forms for m in translated_places.municipalities if m.forms is not None}
        prepositions = translated_places.prepositions
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
) -> tuple[dict[str, Any], dict[tuple[str, str], str]]:
    """The Slovenian files with the texts of `folder` in place of theirs, and the names answers show
    ("Capodistria (Koper)", "Portorose (Portorož)"). Facts stay the Slovenian files' own."""
    texts: dict[str, Any] = {name: _read(folder / name, model) for name, model in TRANSLATED_FILES.items()}

    def fail(file: str, field: str, problem: str) -> None:
        _fail(folder, file, field, problem)

    def matched(file: str, field: str, ours: list[Item], theirs: list[Any], key: str = "id") -> list[tuple[Item, Any]]:
        """Each Slovenian item with its translation, in the Slovenian order; the same ids on both sides."""
        ids = [getattr(item, key) for item in ours]
        their_ids = [getattr(item, key) for item in theirs]
        _check_unique(fail, file, field, key, their_ids)
        for index, value in enumerate(their_ids):
            if value not in ids:
                fail(file, f"{field}[{index}].{key}", f"{value!r} is not in the Slovenian file")
        for value in ids:
            if value not in their_ids:
                fail(file, field, f"no text for {key} {value!r} of the Slovenian file")
        by_id = dict(zip(their_ids, theirs, strict=True))
        return [(item, by_id[getattr(item, key)]) for item in ours]

    def same_presence(file: str, field: str, ours: object, theirs: object) -> None:
        if (ours is None) != (theirs is None):
            fail(file, field, "must be given exactly where the Slovenian file gives it")

    out = dict(files)
    pairs = matched("municipalities.yml", "municipalities", files["municipalities.yml"].municipalities,
                    texts["municipalities.yml"].municipalities, "name")  # fmt: skip
    municipalities = [
        m.copy(
            update={
                field: _merged(getattr(m, field), getattr(t, field)) for field in ("aliases", "adjectives", "residents")
            }
        )
        for m, t in pairs
    ]
    # The language's own case forms of a place are understood as its aliases are ("u Kopru").
    municipalities = [
        m.copy(update={"aliases": _merged(m.aliases, [f for f in _own_forms(m, t) if fold(f) not in _folded_forms(m)])})
        for m, t in zip(municipalities, (t for _, t in pairs), strict=True)
    ]
    _check_forms(fail, municipalities)
    out["municipalities.yml"] = files["municipalities.yml"].copy(update={"municipalities": municipalities})
    display = {(m.name, m.name): t.display for m, t in pairs}

    settlements = files["settlements.yml"]
    entries = []
    for index, (entry, text) in enumerate(
        matched(
            "settlements.yml",
            "municipalities",
            settlements.municipalities,
            texts["settlements.yml"].municipalities,
            "municipality",
        )  # fmt: skip
    ):
        same_presence("settlements.yml", f"municipalities[{index}].note", entry.note, text.note)
        entries.append(entry.copy(update={"note": text.note}))
        for settlement in entry.settlements:  # the official name of the language first, as in the bilingual area
            if settlement.it and settlement.it != settlement.sl and language == "it":
                display.setdefault((entry.municipality, settlement.sl), f"{settlement.it} ({settlement.sl})")
    out["settlements.yml"] = settlements.copy(update={"municipalities": entries})

    centres = matched("centres.yml", "centres", files["centres.yml"].centres, texts["centres.yml"].centres)
    out["centres.yml"] = files["centres.yml"].copy(
        update={"centres": [c.copy(update={"name": t.name, "short_name": t.short_name}) for c, t in centres]}
    )

    tasks = []
    for index, (task, text) in enumerate(
        matched("tasks.yml", "tasks", files["tasks.yml"].tasks, texts["tasks.yml"].tasks)
    ):
        same_presence("tasks.yml", f"tasks[{index}].note", task.note, text.note)
        # The Slovenian names of a task stay understood: on the coast "pomoč na domu" is said in Italian too.
        tasks.append(
            task.copy(
                update={
                    **text.dict(exclude={"id"}),
                    "terms": _merged(text.terms, task.terms),
                    "situations": _merged(text.situations, task.situations),
                    "situation_hints": _merged(text.situation_hints, task.situation_hints),
                }
            )
        )
    out["tasks.yml"] = files["tasks.yml"].copy(update={"tasks": tasks})

    centre, centre_text = files["centre.yml"].centre, texts["centre.yml"].centre
    activities = matched("centre.yml", "centre.activities", centre.activities, centre_text.activities)
    out["centre.yml"] = files["centre.yml"].copy(
        update={
            "centre": centre.copy(
                update={
                    **centre_text.dict(include={"name", "legal_form", "purpose"}),
                    "activities": [a.copy(update={"text": t.text, "terms": t.terms}) for a, t in activities],
                    "regular_area": centre.regular_area.copy(update={"text": centre_text.regular_area.text}),
                    "first_help": centre.first_help.copy(
                        update={
                            **centre_text.first_help.dict(include={"name", "text"}),
                            "terms": _merged(centre_text.first_help.terms, centre.first_help.terms),
                        }
                    ),
                }
            )
        }
    )

    koper, koper_text = files["koper.yml"], texts["koper.yml"]
    facts = matched("koper.yml", "facts", koper.facts, koper_text.facts)
    borders = matched("koper.yml", "borders", koper.borders, koper_text.borders, "side")
    rankings = matched("koper.yml", "rankings", koper.rankings, koper_text.rankings, "fact")
    out["koper.yml"] = koper.copy(
        update={
            "facts": [f.copy(update={"text": t.text, "terms": t.terms}) for f, t in facts],
            "borders": [b.copy(update={"text": t.text, "terms": t.terms}) for b, t in borders],
            "rankings": [r.copy(update={"by": t.by}) for r, t in rankings],
            "against": koper_text.against,
        }
    )
    _check_rankings(fail, out["koper.yml"])

    lines, lines_text = files["help_lines.yml"], texts["help_lines.yml"]
    emergency = matched(
        "help_lines.yml", "emergency_lines", lines.emergency_lines, lines_text.emergency_lines, "number"
    )
    danger = lines.other_languages.get(language)
    young_centres = matched("help_lines.yml", "young.centres", lines.young.centres, lines_text.young.centres)
    out["help_lines.yml"] = lines.copy(
        update={
            "first_line": lines_text.first_line,
            "emergency_lines": [e.copy(update={"name": t.name, "description": t.description}) for e, t in emergency],
            "after_hours": lines.after_hours.copy(update={"text": lines_text.after_hours.text}),
            "crisis_terms": _merged(danger.terms if danger else [], lines_text.crisis_terms),
            "distress_terms": lines_text.distress_terms,
            "gentle_line": lines.gentle_line.copy(update={"text": lines_text.gentle_line.text}),
            "young": lines.young.copy(
                update={
                    "terms": _merged(lines_text.young.terms, lines.young.terms),
                    "centres": [c.copy(update={"text": t.text}) for c, t in young_centres],
                }
            ),
        }
    )

    replies, replies_text = files["conversation.yml"].replies, texts["conversation.yml"].replies
    for name in replies_text:
        if name not in replies:
            fail("conversation.yml", f"replies.{name}", "is not in the Slovenian file")
    translated_replies = {}
    for name, reply in replies.items():
        text = replies_text.get(name)
        if text is None:
            fail("conversation.yml", "replies", f"no text for reply {name!r} of the Slovenian file")
        assert text is not None
        if len(text.buttons) != len(reply.buttons):
            fail(
                "conversation.yml",
                f"replies.{name}.buttons",
                f"{len(reply.buttons)} titles needed, as in the Slovenian file",
            )
        buttons = [b.copy(update={"title": title}) for b, title in zip(reply.buttons, text.buttons, strict=True)]
        translated_replies[name] = reply.copy(update={"text": text.text, "buttons": buttons})
    out["conversation.yml"] = files["conversation.yml"].copy(update={"replies": translated_replies})

    # dict(model), not .dict(): the comparison's words stay a model.
    out["question_words.yml"] = files["question_words.yml"].copy(update=dict(texts["question_words.yml"]))

    topics = matched("practical.yml", "topics", files["practical.yml"].topics, texts["practical.yml"].topics)
    out["practical.yml"] = files["practical.yml"].copy(
        update={
            "topics": [topic.copy(update=text.dict(exclude={"id"})) for topic, text in topics],
            "elsewhere": texts["practical.yml"].elsewhere,
        }
    )
    out["contact.yml"] = files["contact.yml"].copy(
        update={"contact": _translated_contact(fail, files["contact.yml"].contact, texts["contact.yml"].contact)}
    )
    sources, cited = files["sources.yml"].sources, texts["sources.yml"].sources
    for key in cited:
        if key not in sources:
            fail("sources.yml", f"sources.{key}", "is not in the Slovenian file")
    for key, source in sources.items():
        if source.cited is not None and key not in cited:
            fail("sources.yml", "sources", f"no `cited` for source {key!r}, which answers cite")
    out["sources.yml"] = files["sources.yml"].copy(
        update={"sources": {key: s.copy(update=cited[key].dict()) if key in cited else s for key, s in sources.items()}}
    )
    out["widget.yml"] = texts["widget.yml"]  # the same ids as the Slovenian file: the same model checked both
    _check_notice(fail, texts["widget.yml"], files["help_lines.yml"])
    return out, display


def _translated_contact(
    fail: Any, contact: schema.ContactInfo, texts: dict[str, schema.TranslatedContactDetail]
) -> schema.ContactInfo:
    """The contact details with the language's words where it has them; provenance stays the Slovenian file's."""
    details = contact.details()
    for name in texts:
        if name not in details:
            fail("contact.yml", f"contact.{name}", "is not a filled field of the Slovenian file")
    for name, detail in details.items():
        text = texts.get(name)
        if detail.note is not None and text is None:
            fail("contact.yml", "contact", f"no text for {name!r}, whose note needs the language's words")
        if text is not None and (detail.note is None) != (text.note is None):
            fail("contact.yml", f"contact.{name}.note", "must be given exactly where the Slovenian file gives it")
    return contact.copy(update={name: details[name].copy(update=text.dict()) for name, text in texts.items()})


def _own_forms(municipality: schema.Municipality, text: schema.TranslatedMunicipality) -> list[str]:
    """A translated municipality's case forms other than its Slovenian name."""
    return [form for form in (text.forms.dict().values() if text.forms else []) if form != municipality.name]


def _folded_forms(municipality: schema.Municipality) -> set[str]:
    return {fold(form) for form in [*municipality.forms.dict().values(), *municipality.aliases]}


def _merged(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
