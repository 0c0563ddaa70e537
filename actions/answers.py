"""Slovenian answers composed from the knowledge base. Plain functions: no Rasa imports.

Every fact in a reply comes from the knowledge base; this module only chooses the words around it
(case endings, "Da, …"/"Ne, …", lists joined as "Koper, Izola in Piran").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from knowledge import KnowledgeBase
from knowledge.schema import Municipality, Task
from knowledge.text import capitalize_first, join_list


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()


def payload(intent: str, **entities: str) -> str:
    """A quick-reply payload in Rasa's "/intent{...}" form; it works typed as well as pressed."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def task_buttons(kb: KnowledgeBase) -> tuple[Button, ...]:
    return tuple(Button(task.title, payload("ask_task_coverage", task=task.id)) for task in kb.tasks)


def municipality_buttons(kb: KnowledgeBase, intent: str, **entities: str) -> tuple[Button, ...]:
    return tuple(Button(m.name, payload(intent, municipality=m.name, **entities)) for m in kb.municipalities)


def _names(municipalities: list[Municipality], case: str = "nominative") -> str:
    return join_list([getattr(m.forms, case) for m in municipalities])


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _coverage_sentence(kb: KnowledgeBase, task: Task, subject: str) -> str:
    """'<Subject> pokriva občine …', naming the centres too where the seed defines the task by them."""
    covered = kb.task_municipalities(task.id)
    if task.covers.centres is not None:
        centres = [c for c in kb.centres if c.id in task.covers.centres]
        centre_places = join_list([c.short_name.removeprefix("CSD ") for c in centres])
        return f"{subject} pokriva območje centrov za socialno delo {centre_places}, to so občine {_names(covered)}."
    return f"{subject} pokriva občine {_names(covered)}."


def task_coverage(kb: KnowledgeBase, task_id: str) -> Reply:
    """Which municipalities a task covers."""
    task = kb.task(task_id)
    text = _coverage_sentence(kb, task, capitalize_first(task.name))
    if task.note:
        text += f" {task.note}"
    return Reply(text)


def tasks_overview(kb: KnowledgeBase) -> Reply:
    """Every regional task with its municipalities, and a button for each task."""
    lines = [f"{capitalize_first(t.name)}: {_names(kb.task_municipalities(t.id))}" for t in kb.tasks]
    area = kb.regular_area()
    text = (
        f"Redno dejavnost CSD Koper izvaja za Mestno občino {area.name}. "
        f"Poleg tega izvaja te regijske naloge:\n{_bullets(lines)}"
    )
    return Reply(text, task_buttons(kb))


def task_covers(kb: KnowledgeBase, task_id: str, municipality_names: list[str]) -> Reply:
    """Yes/no: does a task cover these municipalities, then all the municipalities it covers."""
    task = kb.task(task_id)
    answers, elsewhere = [], []
    for name in municipality_names:
        municipality = kb.municipality(name)
        if kb.task_covers(task_id, name):
            answers.append(f"Da, {task.name} pokriva tudi {municipality.forms.accusative}.")
        else:
            answers.append(f"Ne, {task.name} ne pokriva {municipality.forms.genitive}.")
            elsewhere.append(f"Za {municipality.forms.accusative} je sicer pristojen {kb.centre_for(name).name}.")
    coverage = _coverage_sentence(kb, task, capitalize_first(task.name))
    return Reply(" ".join([*answers, coverage, *elsewhere]))


def municipality_tasks(kb: KnowledgeBase, name: str) -> Reply:
    """What the centre does for one municipality."""
    municipality = kb.municipality(name)
    tasks = [capitalize_first(t.name) for t in kb.municipality_tasks(name)]
    place = municipality.forms.accusative
    if kb.is_regular_area(name):
        intro = (
            f"Za Mestno občino {municipality.name} CSD Koper izvaja vso redno dejavnost "
            f"(to je tudi območje Upravne enote {municipality.name}), poleg tega pa še te regijske naloge:"
        )
        closing = ""
    else:
        intro = f"Za {place} CSD Koper izvaja te regijske naloge:"
        closing = f"\nZa redno dejavnost centra za socialno delo je za {place} pristojen {kb.centre_for(name).name}."
    return Reply(f"{intro}\n{_bullets(tasks)}{closing}")


def unknown_municipality(kb: KnowledgeBase, task_id: str | None = None) -> Reply:
    """The message names no municipality the knowledge base holds."""
    text = (
        "Žal za to občino nimam podatkov. CSD Koper regijske naloge izvaja za občine "
        f"{_names(kb.municipalities)}; za druge občine je pristojen center za socialno delo na vašem območju."
    )
    if task_id is not None:
        text += " " + task_coverage(kb, task_id).text
        return Reply(text, municipality_buttons(kb, "ask_task_covers_municipality", task=task_id))
    return Reply(text, municipality_buttons(kb, "ask_tasks_for_municipality"))


def centre_for(kb: KnowledgeBase, name: str) -> Reply:
    """Which centre for social work covers a municipality."""
    municipality = kb.municipality(name)
    centre = kb.centre_for(name)
    text = f"Za {municipality.forms.accusative} je pristojen {centre.name}."
    if centre.id == "koper":
        text += " To smo mi."
    if len(centre.municipalities) > 1:
        covered = [kb.municipality(n) for n in centre.municipalities]
        text += f" {centre.short_name} pokriva občine {_names(covered)}."
    return Reply(text)


def centres_overview(kb: KnowledgeBase) -> Reply:
    """The centres of the region whose municipalities the regional tasks cover."""
    lines = [f"{c.short_name}: {_names([kb.municipality(n) for n in c.municipalities])}" for c in kb.centres]
    text = (
        "CSD Koper regijske naloge izvaja za območje teh centrov za socialno delo in njihovih občin:\n"
        f"{_bullets(lines)}"
    )
    return Reply(text, municipality_buttons(kb, "ask_centres"))


def services(kb: KnowledgeBase, activity_ids: list[str]) -> Reply:
    """What the centre does and why; first a direct answer when one activity was asked about."""
    centre = kb.centre
    asked = [a for a in centre.activities if a.id in activity_ids]
    lead = "".join(f"Da, center izvaja tudi {a.text}. " for a in asked)
    items = [a.text for a in centre.activities]
    text = (
        f"{lead}{centre.name} je {centre.legal_form}. Izvaja:\n{_bullets(items)}\n"
        f"Namen njegovega dela je {centre.purpose}. Za podrobnosti o posamezni pravici ali storitvi "
        "se obrnite neposredno na center."
    )
    return Reply(text, (Button("Regijske naloge", payload("ask_task_coverage")),))


def regular_area(kb: KnowledgeBase) -> Reply:
    return Reply(
        f"{kb.centre.regular_area.text} Nekatere naloge izvaja tudi za širšo regijo.",
        (Button("Regijske naloge", payload("ask_task_coverage")),),
    )


def koper_fact(kb: KnowledgeBase, fact_id: str, border_sides: list[str]) -> Reply:
    """A fact about Mestna občina Koper; for borders, only the sides asked about, if any."""
    if fact_id == "overview":
        return Reply(" ".join(fact.text for fact in kb.koper_overview()))
    if fact_id == "borders" and border_sides:
        return Reply(" ".join(b.text for b in kb.koper_borders() if b.side in border_sides))
    return Reply(kb.koper_fact(fact_id).text)


def emergency(kb: KnowledgeBase) -> Reply:
    """Emergency and help lines, then who handles urgent cases outside office hours."""
    lines = kb.help_lines
    numbers = [f"{line.number} – {line.name}: {line.description}" for line in lines.emergency_lines]
    after_hours = lines.after_hours
    covered = kb.task_municipalities(after_hours.task)
    text = (
        "Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112 ali policijo 113.\n"
        f"{_bullets(numbers)}\n"
        f"{after_hours.text} Deluje za {_names(covered, 'accusative')}."
    )
    return Reply(text)


def emergency_in(kb: KnowledgeBase, language: str) -> Reply:
    """The emergency lines for danger written in another language: its line first, in that language."""
    return Reply(f"{kb.help_lines.other_languages[language].line}\n\n{emergency(kb).text}")


def canned(kb: KnowledgeBase, name: str) -> Reply:
    """A conversational reply: greeting, thanks, goodbye, "I am a bot", help or fallback."""
    reply = kb.reply(name)
    return Reply(reply.text, tuple(Button(b.title, b.payload) for b in reply.buttons))
