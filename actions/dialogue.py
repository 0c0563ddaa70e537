"""Which coverage question a message asks, given what it mentions and what came before.

Plain functions over plain values, so that follow-ups ("Kaj pa Pivka?") are tested without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from knowledge.resolver import Mentions


class Topic(str, Enum):
    """The kind of the last answered question, kept in the `topic` slot for follow-ups."""

    TASK_COVERAGE = "task_coverage"
    TASK_COVERS = "task_covers"
    MUNICIPALITY_TASKS = "municipality_tasks"
    CENTRE = "centre"
    TASKS_OVERVIEW = "tasks_overview"
    SERVICES = "services"
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
    task: str | None = None
    municipalities: tuple[str, ...] = ()


def plan(intent: str, mentions: Mentions, context: Context) -> Question:
    """Decide the question from the intent, the message's mentions and, for follow-ups, the context."""
    task = mentions.tasks[0] if mentions.tasks else None
    places = mentions.municipalities
    if not task and not places and mentions.activities and intent != "ask_centres":
        return Question(Topic.SERVICES)  # "imate preventivne programe?": about the centre's work
    if intent == "ask_centres":
        return Question(Topic.CENTRE, municipalities=places)
    if intent == "follow_up":
        return _follow_up(task, places, context)
    if task and places:
        return Question(Topic.TASK_COVERS, task, places)
    if task:
        if intent == "ask_task_covers_municipality":  # a place was asked about, but not one we know
            return Question(Topic.UNKNOWN_MUNICIPALITY, task)
        return Question(Topic.TASK_COVERAGE, task)
    if places:
        if intent == "ask_task_covers_municipality" and context.task:
            return Question(Topic.TASK_COVERS, context.task, places)
        return Question(Topic.MUNICIPALITY_TASKS, municipalities=places)
    if intent == "ask_task_coverage":
        return Question(Topic.TASKS_OVERVIEW)
    return Question(Topic.UNKNOWN_MUNICIPALITY, context.task if intent == "ask_task_covers_municipality" else None)


def _follow_up(task: str | None, places: tuple[str, ...], context: Context) -> Question:
    """ "Kaj pa Pivka?" or "Pa pomoč na domu?": the new part replaces the same part of the last question."""
    previous = context.topic
    if places and not task:
        if previous == Topic.CENTRE:
            return Question(Topic.CENTRE, municipalities=places)
        if context.task and previous in (Topic.TASK_COVERAGE, Topic.TASK_COVERS, Topic.UNKNOWN_MUNICIPALITY):
            return Question(Topic.TASK_COVERS, context.task, places)
        return Question(Topic.MUNICIPALITY_TASKS, municipalities=places)
    if task and not places:
        if context.municipality and previous in (Topic.TASK_COVERS, Topic.MUNICIPALITY_TASKS):
            return Question(Topic.TASK_COVERS, task, (context.municipality,))
        return Question(Topic.TASK_COVERAGE, task)
    if task and places:
        return Question(Topic.TASK_COVERS, task, places)
    # Neither part recognised: most likely a place the knowledge base does not hold.
    return Question(Topic.UNKNOWN_MUNICIPALITY, context.task if previous != Topic.MUNICIPALITY_TASKS else None)
