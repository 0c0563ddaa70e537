"""Load knowledge/data/*.yml, validate every file and the references between them.

Either the whole knowledge base loads or `KnowledgeBaseError` names the file and the field that
is wrong; a half-loaded base never reaches the assistant.
"""

from __future__ import annotations

from collections.abc import Iterator
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
}

Model = TypeVar("Model", bound=BaseModel)


class KnowledgeBaseError(ValueError):
    """A knowledge file is missing, unreadable or wrong; the message names the file and field."""


def load_knowledge_base(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """Read and validate every knowledge file under `data_dir`."""
    files = {name: _read(data_dir / name, model) for name, model in FILES.items()}
    _check_references(data_dir, files)
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
    )


def _read(path: Path, model: type[Model]) -> Model:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeBaseError(f"{path}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
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

    sources = set(files["sources.yml"].sources)
    for file, model in files.items():
        for field, value in _source_fields(model.dict()):
            if value not in sources:
                fail(file, field, f"unknown source {value!r} (known: {', '.join(sorted(sources))})")

    municipalities = files["municipalities.yml"].municipalities
    names = [municipality.name for municipality in municipalities]
    known_names = set(names)
    _check_unique(fail, "municipalities.yml", "municipalities", "name", names)
    owner_of_form: dict[str, str] = {}
    for index, municipality in enumerate(municipalities):
        for form in [*municipality.forms.dict().values(), *municipality.aliases]:
            owner = owner_of_form.setdefault(fold(form), municipality.name)
            if owner != municipality.name:
                fail("municipalities.yml", f"municipalities[{index}]", f"form {form!r} also belongs to {owner}")

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

    if files["help_lines.yml"].after_hours.task not in {task.id for task in tasks}:
        fail("help_lines.yml", "after_hours.task", "unknown task")

    # Every language that gets the polite note must also be understood when it speaks of danger.
    danger_languages, other_languages = set(files["help_lines.yml"].other_languages), set(files["languages.yml"].others)
    for code in sorted(danger_languages - other_languages):
        fail("help_lines.yml", f"other_languages.{code}", "unknown language (not in languages.yml)")
    for code in sorted(other_languages - danger_languages):
        fail("help_lines.yml", "other_languages", f"no danger words for {code!r}, a language of languages.yml")

    _check_unique(fail, "practical.yml", "topics", "id", [topic.id for topic in files["practical.yml"].topics])


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
            if key in ("source", "note_source", "word_source") and isinstance(item, str):
                yield field, item
            else:
                yield from _source_fields(item, field)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _source_fields(item, f"{path}[{index}]")
