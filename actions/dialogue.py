"""Which coverage question a message asks, given what it mentions and what came before.

Plain functions over plain values, so that follow-ups ("Kaj pa Pivka?") are tested without Rasa. The
intent says what kind of question it is; what the message names (places, tasks, "koliko", "ne pokriva")
decides its shape, so a long message or a misread intent that names a task and a place is still answered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from knowledge.places import Place
from knowledge.resolver import Mentions


class Topic(str, Enum):
    """The kind of the last answered question, kept in the `topic` slot for follow-ups."""

    TASK_COVERAGE = "task_coverage"
    TASK_COVERS = "task_covers"
    TASK_COMPLEMENT = "task_complement"
    TASK_CENTRES = "task_centres"
    REGULAR_WORK = "regular_work"
    MUNICIPALITY_TASKS = "municipality_tasks"
    CENTRE = "centre"
    CENTRE_AREA = "centre_area"
    TASKS_OVERVIEW = "tasks_overview"
    SERVICES = "services"
    TASK_DESCRIPTION = "task_description"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"


@dataclass(frozen=True)
class Context:
    """What the conversation was about before this message (the slots)."""

    task: str | None = None
    municipality: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class Question:
    topic: Topic
    tasks: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    outside: tuple[str, ...] = ()  # places outside the region, by name
    count: bool = False  # "koliko …": the number first
    centres: tuple[str, ...] = ()  # centres named by name ("CSD Sežana"), by id
    situation: bool = False  # the tasks were read from a life described: the answer says first what they are

    @property
    def task(self) -> str | None:
        return self.tasks[0] if self.tasks else None

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for place in self.places for name in place.municipalities))


def municipality_place(name: str) -> Place:
    """A municipality as a place (from a slot or a button)."""
    return Place(name, (name,))


def is_coverage_question(mentions: Mentions) -> bool:
    """Whether a message asks about coverage whatever its intent: it names a task together with a place,
    a count, a complement or centres asked for ("Dober dan, … ali vaša pomoč na domu velja tudi za Pivko? Hvala!"),
    or asks whether a centre is responsible for a place."""
    asked = mentions.places or mentions.outside or mentions.count or mentions.complement or mentions.asks_centres
    return (bool(mentions.tasks) and bool(asked)) or asks_regular_work(mentions)


def asks_regular_work(mentions: Mentions) -> bool:
    """ "Ali ste pristojni za Izolo?", "Živim v Dekanih. Je za nas pristojen CSD Koper?": a yes or a no about
    which centre does the regular work for a place; with a task, the question is whether the task covers it."""
    named = mentions.places or mentions.outside
    return mentions.regular_work and not mentions.open_question and bool(named) and not mentions.tasks


def plan(intent: str, mentions: Mentions, context: Context) -> Question:
    """Decide the question from the intent, the message's mentions and, for follow-ups, the context."""
    return _with_situation(_plan(intent, mentions, context), mentions)


def _with_situation(question: Question, mentions: Mentions) -> Question:
    """Marks a question whose tasks were read from a life described, not named."""
    if mentions.situation and question.tasks and set(question.tasks) <= set(mentions.tasks):
        return replace(question, situation=True)
    return question


def _plan(intent: str, mentions: Mentions, context: Context) -> Question:
    tasks, places, outside = mentions.tasks, mentions.places, mentions.outside
    if not tasks and not places and not outside and mentions.activities and intent != "ask_centres":
        return Question(Topic.SERVICES)  # "imate preventivne programe?": about the centre's work
    if mentions.centres and not (tasks or places or outside) and (intent == "ask_centres" or mentions.count):
        return Question(Topic.CENTRE_AREA, count=mentions.count, centres=mentions.centres)  # "… pokriva CSD Sežana?"
    if asks_regular_work(mentions):  # the centre asked about: one named ("je CSD Izola …"), else this one
        return Question(Topic.REGULAR_WORK, places=places, outside=outside, centres=mentions.centres[:1])
    if tasks and mentions.definition and not (places or outside or mentions.asks_centres):  # "Kaj je <task>?"
        return Question(Topic.TASK_DESCRIPTION, tasks)
    if tasks and not (places or outside or mentions.complement) and (mentions.asks_centres or intent == "ask_centres"):
        return Question(Topic.TASK_CENTRES, tasks)  # "Za katere centre se izvaja <task>?"
    if intent == "ask_centres" and not (tasks and (places or outside)):  # with a task: whether it covers them
        return Question(Topic.CENTRE, places=places, outside=outside, count=mentions.count)
    if intent == "follow_up":
        return _follow_up(mentions, context)
    if tasks and mentions.complement and not places:
        return Question(Topic.TASK_COMPLEMENT, tasks)
    if tasks and (places or outside):
        return Question(Topic.TASK_COVERS, tasks, places, outside)
    if tasks:
        if intent == "ask_task_covers_municipality" and not mentions.count and not mentions.situation:
            # "In interventna služba?" after a question about a place: the place of the conversation, as a
            # follow-up has it.
            if (at_the_place := _at_the_place_before(tasks, context)) is not None:
                return at_the_place
            # A place not recognised; not so for a life told with no place ("… who can help us?"): where it reaches.
            return Question(Topic.UNKNOWN_MUNICIPALITY, tasks)
        return Question(Topic.TASK_COVERAGE, tasks, count=mentions.count)
    if places or outside:
        if intent == "ask_task_covers_municipality" and context.task:
            return Question(Topic.TASK_COVERS, (context.task,), places, outside)
        return Question(Topic.MUNICIPALITY_TASKS, places=places, outside=outside)
    if mentions.count and context.task and context.topic in _TASK_TOPICS:
        return Question(Topic.TASK_COVERAGE, (context.task,), count=True)  # "koliko pa jih je?"
    if intent == "ask_task_coverage":
        return Question(Topic.TASKS_OVERVIEW, count=mentions.count)
    context_tasks = (context.task,) if context.task and intent == "ask_task_covers_municipality" else ()
    return Question(Topic.UNKNOWN_MUNICIPALITY, context_tasks)


_TASK_TOPICS = {
    Topic.TASK_COVERAGE,
    Topic.TASK_COVERS,
    Topic.TASK_COMPLEMENT,
    Topic.TASK_DESCRIPTION,
    Topic.TASK_CENTRES,
    Topic.UNKNOWN_MUNICIPALITY,
}


def _at_the_place_before(tasks: tuple[str, ...], context: Context) -> Question | None:
    """Whether `tasks` cover the place the last question was about ("Pa pomoč na domu?"), if it was about one."""
    if context.municipality and context.topic in (Topic.TASK_COVERS, Topic.MUNICIPALITY_TASKS):
        return Question(Topic.TASK_COVERS, tasks, (municipality_place(context.municipality),))
    return None


def _follow_up(mentions: Mentions, context: Context) -> Question:
    """ "Kaj pa Pivka?", "Pa pomoč na domu?", "koliko jih je?": the new part replaces the same part of the
    last question, the rest stays."""
    previous = context.topic
    tasks, places, outside = mentions.tasks, mentions.places, mentions.outside
    known = places or outside
    if known and not tasks:
        if previous in (Topic.CENTRE, Topic.REGULAR_WORK):  # "Pa za Piran?": the same question of another place
            return Question(Topic(previous), places=places, outside=outside)
        if context.task and previous in _TASK_TOPICS:
            return Question(Topic.TASK_COVERS, (context.task,), places, outside)
        return Question(Topic.MUNICIPALITY_TASKS, places=places, outside=outside)
    if tasks and not known:
        if mentions.complement:
            return Question(Topic.TASK_COMPLEMENT, tasks)
        if (at_the_place := _at_the_place_before(tasks, context)) is not None:
            return at_the_place
        return Question(Topic.TASK_COVERAGE, tasks, count=mentions.count)
    if tasks and known:
        return Question(Topic.TASK_COVERS, tasks, places, outside)
    if context.task and previous in _TASK_TOPICS:
        if mentions.count:
            return Question(Topic.TASK_COVERAGE, (context.task,), count=True)
        if mentions.complement:
            return Question(Topic.TASK_COMPLEMENT, (context.task,))
    # Neither part recognised: most likely a place the knowledge base does not hold.
    return Question(Topic.UNKNOWN_MUNICIPALITY, (context.task,) if context.task and previous in _TASK_TOPICS else ())
