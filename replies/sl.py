"""Slovenian answers composed from the knowledge base. Plain functions: no Rasa imports.

Every fact in a reply comes from the knowledge base; this module only chooses the words around it
(case endings, "Da, …"/"Ne, …", lists joined as "Koper, Izola in Piran").
"""

from __future__ import annotations

from knowledge import KnowledgeBase, knowledge_base
from knowledge.schema import Municipality
from knowledge.text import join_list
from replies import compose, coverage
from replies.buttons import municipality_buttons, task_buttons  # noqa: F401
from replies.centres import (  # noqa: F401
    centre_area,
    centre_for,
    centres_count,
    centres_overview,
    in_municipality,
    municipality_tasks,
    place_lead,
    regular_work,
    settlements_by_municipality,
)
from replies.compose import bullets
from replies.contact import (  # noqa: F401
    SHORT_CONTACT,
    PracticalAsk,
    according_to,
    contact_line,
    first_help,
    practical_info,
    with_contact,
)
from replies.coverage import (  # noqa: F401
    covering_centres,
    outside_place,
    task_centres,
    task_complement,
    task_coverage,
    task_covers,
    task_description,
    tasks_overview,
    unknown_municipality,
)
from replies.koper import comparison, comparison_holds, koper_fact, others_compared  # noqa: F401
from replies.settlements import seed_figure_first, settlement_count, settlement_list  # noqa: F401
from replies.types import Button, Reply, payload


def quantity(count: int, noun: str) -> str:
    """ "tri občine", "sedem občin", "104 naselij": a number and its noun as Slovenian agrees them."""
    return compose.quantity("sl", count, noun)


def outside_responsibility(name: str) -> str:
    """Who is responsible for a place outside the region (replies.coverage, in this module's language)."""
    return coverage.outside_responsibility(knowledge_base("sl"), name)


def outside_centre(name: str) -> str:
    """Which centre of the region is responsible for a place outside it: none (replies.coverage)."""
    return coverage.outside_centre(knowledge_base("sl"), name)


def _names(municipalities: list[Municipality], case: str = "nominative") -> str:
    return join_list([getattr(m.forms, case) for m in municipalities])


def services(kb: KnowledgeBase, activity_ids: list[str]) -> Reply:
    """What the centre does and why; first a direct answer when one activity was asked about."""
    centre = kb.centre
    asked = [a for a in centre.activities if a.id in activity_ids]
    lead = "".join(f"Da, center izvaja tudi {a.text}. " for a in asked)
    items = [a.text for a in centre.activities]
    text = (
        f"{lead}{centre.name} je {centre.legal_form}. Izvaja:\n{bullets(items)}\n"
        f"Namen njegovega dela je {centre.purpose}. Za podrobnosti o posamezni pravici ali storitvi "
        "se obrnite neposredno na center."
    )
    return Reply(with_contact(kb, text), (Button("Regijske naloge", payload("ask_task_coverage")),))


def regular_area(kb: KnowledgeBase) -> Reply:
    return Reply(
        f"{kb.centre.regular_area.text} Nekatere naloge izvaja tudi za širšo regijo.",
        (Button("Regijske naloge", payload("ask_task_coverage")),),
    )


def emergency(kb: KnowledgeBase, young: bool = False) -> Reply:
    """Emergency and help lines, then who handles urgent cases outside office hours; for a child or young
    person (`young`), then the crisis centres for children and young people, as their source states them."""
    after_hours = kb.help_lines.after_hours
    covered = kb.task_municipalities(after_hours.task)
    text = f"{emergency_lines(kb)}\n{after_hours.text} Deluje za {_names(covered, 'accusative')}."
    centres = kb.help_lines.young.centres if young else []
    return Reply("\n\n".join([text, *(f"{according_to(kb, c.source, c.read)}:\n{c.text}" for c in centres)]))


def gentle_line(kb: KnowledgeBase) -> Reply:
    """For distress that asks about the centre's work (an exhausted carer): one line to talk to someone. Its
    words are the knowledge base's, in its language: replies.it uses this function too."""
    gentle = kb.help_lines.gentle_line
    (line,) = [line for line in kb.help_lines.emergency_lines if line.number == gentle.number]
    return Reply(f"{gentle.text}\n{bullets([f'{line.number} – {line.name}: {line.description}'])}")


def emergency_lines(kb: KnowledgeBase) -> str:
    """Who to call at once, then every emergency and help line: the start of every emergency reply."""
    lines = kb.help_lines
    numbers = [f"{line.number} – {line.name}: {line.description}" for line in lines.emergency_lines]
    return f"{lines.first_line}\n{bullets(numbers)}"


def emergency_in(kb: KnowledgeBase, language: str) -> Reply:
    """The emergency lines for danger written in another language: its line first, in that language."""
    return Reply(f"{kb.help_lines.other_languages[language].line}\n\n{emergency(kb).text}")


def canned(kb: KnowledgeBase, name: str) -> Reply:
    """A conversational reply: greeting, thanks, goodbye, "I am a bot", help or fallback."""
    reply = kb.reply(name)
    text = with_contact(kb, reply.text) if reply.with_contact else reply.text
    return Reply(text, tuple(Button(b.title, b.payload) for b in reply.buttons))
