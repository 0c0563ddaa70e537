"""Italian answers composed from the Italian knowledge base (load_knowledge_base(language="it")). Plain
functions with the names and signatures of `replies.sl`, so that the actions pick either module by the
conversation's language. No Rasa imports.

Every fact comes from the knowledge base; this module only chooses the words around it ("Sì, …"/"No, …",
lists joined as "Capodistria (Koper), Isola (Izola) e Pirano (Piran)", numbers agreeing with their noun).
Places are named as `kb.display_name` gives them: the Italian name first in the bilingual area, elsewhere
the official Slovenian name with the Italian one in brackets.
"""

from __future__ import annotations

from datetime import date

from knowledge import KnowledgeBase, knowledge_base
from knowledge.schema import ContactDetail, Municipality, PracticalTopic
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
    SHORT_CONTACT,
    PracticalAsk,
    contact_details,
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
    return Reply("\n\n".join([text, *(f"{_according_to(kb, c.source, c.read)}:\n{c.text}" for c in centres)]))


def emergency_in(kb: KnowledgeBase, language: str) -> Reply:
    """The emergency lines for danger written in another language: its line first, in that language."""
    return Reply(f"{kb.help_lines.other_languages[language].line}\n\n{emergency(kb).text}")


def canned(kb: KnowledgeBase, name: str) -> Reply:
    """A conversational reply: greeting, thanks, goodbye, "I am a bot", help or fallback."""
    reply = kb.reply(name)
    text = with_contact(kb, reply.text) if reply.with_contact else reply.text
    return Reply(text, tuple(Button(b.title, b.payload) for b in reply.buttons))


# How answers name the fields of contact.yml (the schema's field names).
CONTACT_LABELS = {
    "address": "indirizzo",
    "office_hours": "orario d'ufficio",
    "phone": "telefono",
    "email": "e-mail",
    "web": "sito web",
}


def contact_line(kb: KnowledgeBase, fields: tuple[str, ...] | None = None) -> str:
    """The centre's filled contact details (all, or only `fields`), each group under where it comes from:
    "Secondo il sito web del centro (consultato il 7/12/2026):"; empty when none is filled."""
    return contact_details(kb, fields, CONTACT_LABELS, _cited)


def _cited(kb: KnowledgeBase, detail: ContactDetail) -> str:
    """ "Secondo il sito web del centro (consultato il 7/12/2026)"; a staff member's: "Secondo i dati del centro (…)"."""
    if detail.source_text is not None:
        return f"Secondo i dati del centro ({detail.source_text}, {_day(detail.read)})"
    return _according_to(kb, detail.source, detail.read)


def _according_to(kb: KnowledgeBase, source: str, read: date | None) -> str:
    """ "Secondo il sito web del centro (consultato il 7/12/2026)": a source that answers cite, and the day read."""
    return f"Secondo {kb.sources[source].cited} (consultato il {_day(read)})"


def _day(read: date | None) -> str:
    return f"{read.day}/{read.month}/{read.year}" if read else ""


def with_contact(kb: KnowledgeBase, text: str, fields: tuple[str, ...] | None = SHORT_CONTACT) -> str:
    """`text`, then how to reach the centre (by default the short set), on lines of their own, if any is filled."""
    line = contact_line(kb, fields)
    return f"{text}\n{line}" if line else text


def first_help(kb: KnowledgeBase) -> Reply:
    """For someone who does not know where to turn: the first social help, then how to reach the centre."""
    return Reply(with_contact(kb, kb.centre.first_help.text))


def practical_info(kb: KnowledgeBase, topic_ids: tuple[str, ...], centre_id: str | None = None) -> Reply:
    """Address, office hours, phone, amounts, how to apply …: the filled contact details that answer it,
    and for the rest a plain "I do not have it" that names what was asked and sends people to the centre.
    Never a number, hour or amount that contact.yml does not hold; none of them for another centre."""
    ask = PracticalAsk.of(kb, topic_ids, centre_id)
    head = contact_line(kb, ask.given)
    if ask.topics and not ask.missing:
        return Reply(head)
    of_centre = "del centro" if ask.centre == ask.ours else f"del {ask.centre.short_name}"
    text = " ".join(
        [
            *(_not_held(ask.missing, of_centre) or ["Purtroppo non dispongo di questa informazione."]),
            f"Rispondo soltanto in base alla presentazione del {ask.ours.short_name} e ai recapiti del centro, che "
            "non contengono questi dati. Per queste informazioni si rivolga "
            f"direttamente al {ask.centre.name}.",
        ]
    )
    text = with_contact(kb, text, ask.others)
    return Reply(f"{head}\n{text}" if head else text)


def _not_held(topics: list[PracticalTopic], of_centre: str) -> list[str]:
    """ "Purtroppo non ho l'indirizzo e l'orario d'ufficio del centro. Non ho nemmeno gli importi …"."""
    about_centre = [topic.missing for topic in topics if topic.fields]
    phrases = [f"{join_list(about_centre, 'e')} {of_centre}"] if about_centre else []
    phrases += [topic.missing for topic in topics if not topic.fields]
    return [
        f"Purtroppo non ho {phrase}." if index == 0 else f"Non ho nemmeno {phrase}."
        for index, phrase in enumerate(phrases)
    ]
