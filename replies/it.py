"""Italian answers composed from the Italian knowledge base (load_knowledge_base(language="it")). Plain
functions with the names and signatures of `replies.sl`, so that the actions pick either module by the
conversation's language. No Rasa imports.

Every fact comes from the knowledge base; this module only chooses the words around it ("Sì, …"/"No, …",
lists joined as "Capodistria (Koper), Isola (Izola) e Pirano (Piran)", numbers agreeing with their noun).
Places are named as `kb.display_name` gives them: the Italian name first in the bilingual area, elsewhere
the official Slovenian name with the Italian one in brackets.
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

# Re-used as they are: they hold no words of their own (task buttons carry the Italian titles of the base);
# koper_fact is re-exported, so that this module has every public name of replies.sl.
from replies.sl import (  # noqa: F401
    emergency_lines,
    gentle_line,
)
from replies.types import Button, Reply, payload  # noqa: F401


def quantity(count: int, noun: str) -> str:
    """ "un comune", "tre comuni", "104 insediamenti": a number and its noun as Italian agrees them."""
    return compose.quantity("it", count, noun)


def outside_responsibility(name: str) -> str:
    """Who is responsible for a place outside the region (replies.coverage, in this module's language)."""
    return coverage.outside_responsibility(knowledge_base("it"), name)


def outside_centre(name: str) -> str:
    """Which centre of the region is responsible for a place outside it: none (replies.coverage)."""
    return coverage.outside_centre(knowledge_base("it"), name)


def _places(kb: KnowledgeBase, names: list[str] | tuple[str, ...], municipality: str | None = None) -> str:
    """Municipalities, or the settlements of `municipality`, as the Italian base names them, joined."""
    return join_list([kb.display_name(name, municipality) for name in names], "e")


def _names(kb: KnowledgeBase, municipalities: list[Municipality]) -> str:
    return _places(kb, [m.name for m in municipalities])


def _regional_tasks_button() -> tuple[Button, ...]:
    return (Button("Compiti regionali", payload("ask_task_coverage")),)


def services(kb: KnowledgeBase, activity_ids: list[str]) -> Reply:
    """What the centre does and why; first a direct answer when one activity was asked about."""
    centre = kb.centre
    lead = "".join(f"Sì, il centro svolge anche {a.text}. " for a in centre.activities if a.id in activity_ids)
    text = (
        f"{lead}Il {centre.name} è {centre.legal_form}. Svolge:\n{bullets([a.text for a in centre.activities])}\n"
        f"Lo scopo del suo lavoro è {centre.purpose}. Per i dettagli su un singolo diritto o servizio si rivolga "
        "direttamente al centro."
    )
    return Reply(with_contact(kb, text), _regional_tasks_button())


def regular_area(kb: KnowledgeBase) -> Reply:
    text = f"{kb.centre.regular_area.text} Il centro svolge alcuni compiti anche per la regione più ampia."
    return Reply(text, _regional_tasks_button())


def emergency(kb: KnowledgeBase, young: bool = False) -> Reply:
    """Emergency and help lines, then who handles urgent cases outside office hours; for a child or young
    person (`young`), then the crisis centres for children and young people, as their source states them."""
    after_hours = kb.help_lines.after_hours
    covered = kb.task_municipalities(after_hours.task)
    text = f"{emergency_lines(kb)}\n{after_hours.text} Opera nei comuni di {_names(kb, covered)}."
    centres = kb.help_lines.young.centres if young else []
    return Reply("\n\n".join([text, *(f"{according_to(kb, c.source, c.read)}:\n{c.text}" for c in centres)]))


def emergency_in(kb: KnowledgeBase, language: str) -> Reply:
    """The emergency lines for danger written in another language: its line first, in that language."""
    return Reply(f"{kb.help_lines.other_languages[language].line}\n\n{emergency(kb).text}")


def canned(kb: KnowledgeBase, name: str) -> Reply:
    """A conversational reply: greeting, thanks, goodbye, "I am a bot", help or fallback."""
    reply = kb.reply(name)
    text = with_contact(kb, reply.text) if reply.with_contact else reply.text
    return Reply(text, tuple(Button(b.title, b.payload) for b in reply.buttons))
