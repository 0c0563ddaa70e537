"""The regional tasks: which municipalities each covers, whether it covers a place, which it leaves out, and
places outside the region. Facts from the knowledge base, words from coverage.ftl of its language."""

from __future__ import annotations

from typing import Any

from knowledge import KnowledgeBase
from knowledge.schema import Centre, Task
from knowledge.text import capitalize_first
from replies.buttons import municipality_buttons, task_buttons
from replies.compose import bullets, joined, municipality_kind, outside, place, places, say
from replies.types import Reply


def covering_centres(kb: KnowledgeBase, task: Task) -> list[Centre]:
    """The centres whose areas a task covers, where the seed defines it by them; else none."""
    return [c for c in kb.centres if c.id in (task.covers.centres or [])]


def _municipalities(kb: KnowledgeBase, names: list[str]) -> dict[str, Any]:
    """The arguments that name municipalities as a list: the places, how many, the kind of the first."""
    return {"municipalities": places(kb, names), "count": len(names), "kind": municipality_kind(kb, names[0])}


def coverage_sentence(kb: KnowledgeBase, task: Task, count: bool = False, by_centres: bool = False) -> str:
    """ "<Task> pokriva občine …", naming the centres too where the seed defines the task by them, or always with
    `by_centres` (asked which centres); with `count`, the number of municipalities first ("… sedem občin: …")."""
    covered = [m.name for m in kb.task_municipalities(task.id)]
    args = {"task": task.name, **_municipalities(kb, covered)}
    centres = kb.task_centres(task.id) if by_centres else covering_centres(kb, task)
    counted = "-counted" if count else ""
    if not centres:
        return say(kb)(f"task-area{counted}", **args)
    # A centre's seat is its short name without the abbreviation ("CSD Sežana": Sežana), in every language.
    seats = [c.short_name.removeprefix("CSD ") for c in centres]
    return say(kb)(
        f"task-area-of-centres{counted}",
        **args,
        centres=[c.short_name for c in centres],
        seats=seats,
        centre_count=len(centres),
    )


def _with_note(text: str, task: Task) -> str:
    return f"{text} {task.note}" if task.note else text


def task_coverage(kb: KnowledgeBase, task_id: str, count: bool = False) -> Reply:
    """Which municipalities a task covers; asked "how many", the number first."""
    task = kb.task(task_id)
    return Reply(_with_note(coverage_sentence(kb, task, count), task))


def task_description(kb: KnowledgeBase, task_id: str) -> Reply:
    """What a task is and for whom, in the guide's words (never more), then where it works."""
    coverage = task_coverage(kb, task_id)
    return Reply(f"{kb.task(task_id).description}\n\n{coverage.text}", coverage.buttons)


def task_centres(kb: KnowledgeBase, task_id: str) -> Reply:
    """Which centres' areas a task covers, then their municipalities, whether the seed defines the task by
    centres or by municipalities."""
    task = kb.task(task_id)
    return Reply(_with_note(coverage_sentence(kb, task, by_centres=True), task))


def task_complement(kb: KnowledgeBase, task_id: str) -> Reply:
    """Which municipalities of the region a task does not cover, then those it covers."""
    task = kb.task(task_id)
    left_out = [m.name for m in kb.uncovered_municipalities(task_id)]
    covered = coverage_sentence(kb, task, count=True)
    if not left_out:
        return Reply(f"{say(kb)('task-leaves-out-none', task=task.name)} {covered}")
    leaves_out = say(kb)("task-leaves-out", task=task.name, left_out=places(kb, left_out), count=len(left_out))
    return Reply(f"{leaves_out} {covered} {say(kb)('others-elsewhere')}")


def tasks_overview(kb: KnowledgeBase, count: bool = False) -> Reply:
    """Every regional task with its municipalities, and a button for each task; asked "how many", first
    the number of municipalities the regional tasks reach."""
    lines = [f"{capitalize_first(t.name)}: {_listed(kb, t)}" for t in kb.tasks]
    centre, area = kb.own_centre().short_name, kb.regular_area().name
    intro = say(kb)("tasks-overview", centre=centre, area=place(kb, area), kind=municipality_kind(kb, area))
    text = f"{intro}\n{bullets(lines)}"
    if count:
        names = [m.name for m in kb.municipalities]
        reach = say(kb)("tasks-reach", centre=centre, municipalities=places(kb, names), count=len(names))
        text = f"{reach}\n{text}"
    return Reply(text, task_buttons(kb))


def _listed(kb: KnowledgeBase, task: Task) -> str:
    """A task's municipalities as a list in the base's language ("Koper, Izola in Piran")."""
    return joined(kb, [p.name for p in places(kb, [m.name for m in kb.task_municipalities(task.id)])])


def task_covers(kb: KnowledgeBase, task_id: str, municipality_names: list[str], outside_names: list[str] = ()) -> Reply:
    """Yes/no: does a task cover these municipalities (and these places outside the region), then all
    the municipalities it covers. The list is complete, so a place outside it is a plain "Ne"."""
    task, words = kb.task(task_id), say(kb)
    answers, elsewhere = [], []
    for name in municipality_names:
        where = place(kb, name)
        if kb.task_covers(task_id, name):
            answers.append(words("task-covers-yes", task=task.name, municipality=where))
        else:
            answers.append(words("task-covers-no", task=task.name, municipality=where))
            elsewhere.append(
                words("regular-centre-otherwise", municipality=where, centre_name=kb.centre_for(name).name)
            )
    for name in outside_names:
        answers.append(words("task-covers-outside", task=task.name, place=outside(name)))
        elsewhere.append(outside_responsibility(kb, name))
    return Reply(" ".join([*answers, coverage_sentence(kb, task), *elsewhere]))


def outside_responsibility(kb: KnowledgeBase, name: str) -> str:
    """Who is responsible for a place outside the region, without inventing which centre that is."""
    return say(kb)("outside-responsibility", place=outside(name))


def outside_centre(kb: KnowledgeBase, name: str) -> str:
    """Which centre of the region is responsible for a place outside it: none."""
    return f"{say(kb)('outside-no-centre', place=outside(name))} {outside_responsibility(kb, name)}"


def outside_place(kb: KnowledgeBase, names: list[str]) -> Reply:
    """What the centre does for places outside the region: none of its regional tasks reach there."""
    municipalities = places(kb, [m.name for m in kb.municipalities])
    text = say(kb)(
        "outside-region",
        places=[outside(name) for name in names],
        count=len(names),
        centre=kb.own_centre().short_name,
        municipalities=municipalities,
    )
    return Reply(" ".join([text, *(outside_responsibility(kb, name) for name in names)]))


def unknown_municipality(kb: KnowledgeBase, task_id: str | None = None) -> Reply:
    """The message names no municipality the knowledge base holds."""
    municipalities = places(kb, [m.name for m in kb.municipalities])
    text = say(kb)("unknown-municipality", centre=kb.own_centre().short_name, municipalities=municipalities)
    if task_id is not None:
        text += " " + task_coverage(kb, task_id).text
        return Reply(text, municipality_buttons(kb, "ask_task_covers_municipality", task=task_id))
    return Reply(text, municipality_buttons(kb, "ask_tasks_for_municipality"))
