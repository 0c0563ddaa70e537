"""Danger and distress: the emergency and help lines first, who handles urgent cases outside office hours, the
crisis centres for the young; for distress, one line to talk to someone. The lines' words are the knowledge
base's (help_lines.yml, in its language); the rest comes from emergency.ftl."""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.schema import HelpLine
from replies.compose import bullets, places, say
from replies.contact import according_to
from replies.types import Reply


def _line(line: HelpLine) -> str:
    """ "112 – klic v sili: …": a help line, the same layout in every language."""
    return f"{line.number} – {line.name}: {line.description}"


def emergency_lines(kb: KnowledgeBase) -> str:
    """Who to call at once, then every emergency and help line: the start of every emergency reply."""
    lines = kb.help_lines
    return f"{lines.first_line}\n{bullets(_line(line) for line in lines.emergency_lines)}"


def emergency(kb: KnowledgeBase, young: bool = False) -> Reply:
    """Emergency and help lines, then who handles urgent cases outside office hours; for a child or young
    person (`young`), then the crisis centres for children and young people, as their source states them."""
    after_hours = kb.help_lines.after_hours
    covered = places(kb, [m.name for m in kb.task_municipalities(after_hours.task)])
    area = say(kb)("after-hours-area", municipalities=covered)
    text = f"{emergency_lines(kb)}\n{after_hours.text} {area}"
    centres = kb.help_lines.young.centres if young else []
    return Reply("\n\n".join([text, *(f"{according_to(kb, c.source, c.read)}:\n{c.text}" for c in centres)]))


def emergency_in(kb: KnowledgeBase, language: str) -> Reply:
    """The emergency lines for danger written in another language: its line first, in that language."""
    return Reply(f"{kb.help_lines.other_languages[language].line}\n\n{emergency(kb).text}")


def gentle_line(kb: KnowledgeBase) -> Reply:
    """For distress that asks about the centre's work (an exhausted carer): one line to talk to someone."""
    gentle = kb.help_lines.gentle_line
    (line,) = [line for line in kb.help_lines.emergency_lines if line.number == gentle.number]
    return Reply(f"{gentle.text}\n{bullets([_line(line)])}")
