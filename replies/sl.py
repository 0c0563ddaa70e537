"""Slovenian answers composed from the knowledge base. Plain functions: no Rasa imports.

Every fact in a reply comes from the knowledge base; this module only chooses the words around it
(case endings, "Da, …"/"Ne, …", lists joined as "Koper, Izola in Piran").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from knowledge import KnowledgeBase, knowledge_base
from knowledge.schema import Centre, ContactDetail, Municipality, PracticalTopic
from knowledge.text import capitalize_first, join_list
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
    return Reply("\n\n".join([text, *(f"{_according_to(kb, c.source, c.read)}:\n{c.text}" for c in centres)]))


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


# How answers name the fields of contact.yml (the schema's field names), in the nominative.
CONTACT_LABELS = {
    "address": "naslov",
    "office_hours": "uradne ure",
    "phone": "telefon",
    "email": "e-pošta",
    "web": "spletna stran",
}
# What follows an answer that sends people to the centre: how to reach it, not the full set (asked for, it is given).
SHORT_CONTACT = ("phone", "email", "office_hours")


def contact_line(kb: KnowledgeBase, fields: tuple[str, ...] | None = None) -> str:
    """The centre's filled contact details (all, or only `fields`, in that order), each group under where it
    comes from: "Po podatkih s spletne strani centra (prebrano 7. 12. 2026):"; empty when none is filled,
    since no detail is ever invented. A reply that sends people to the centre ends with it."""
    return contact_details(kb, fields, CONTACT_LABELS, _cited)


def _cited(kb: KnowledgeBase, detail: ContactDetail) -> str:
    """ "Po podatkih s spletne strani centra (prebrano 7. 12. 2026)"; a staff member's: "Po podatkih centra (…)"."""
    if detail.source_text is not None:
        return f"Po podatkih centra ({detail.source_text}, {_day(detail.read)})"
    return _according_to(kb, detail.source, detail.read)


def _according_to(kb: KnowledgeBase, source: str, read: date | None) -> str:
    """ "Po podatkih s spletne strani centra (prebrano 7. 12. 2026)": a source that answers cite, and the day read."""
    return f"Po podatkih {kb.sources[source].cited} (prebrano {_day(read)})"


def _day(read: date | None) -> str:
    return f"{read.day}. {read.month}. {read.year}" if read else ""


def contact_details(
    kb: KnowledgeBase,
    fields: tuple[str, ...] | None,
    labels: dict[str, str],
    cited: Callable[[KnowledgeBase, ContactDetail], str],
) -> str:
    """The filled contact details in a language's words: under each provenance (`cited`) its details as a
    list ("• telefon: …"), then the notes of the details given; empty when none is filled."""
    filled = kb.contact.details()
    names = [name for name in (fields if fields is not None else filled) if name in filled]
    groups: dict[object, list[str]] = {}
    for name in names:
        groups.setdefault(filled[name].provenance, []).append(name)
    blocks = [
        f"{cited(kb, filled[group[0]])}:\n" + bullets([f"{labels[name]}: {filled[name].text}" for name in group])
        for group in groups.values()
    ]
    notes = [filled[name].note for name in names if filled[name].note]
    return "\n".join([*blocks, *notes])


def with_contact(kb: KnowledgeBase, text: str, fields: tuple[str, ...] | None = SHORT_CONTACT) -> str:
    """`text`, then how to reach the centre (by default the short set), on lines of their own, if any is filled."""
    line = contact_line(kb, fields)
    return f"{text}\n{line}" if line else text


def first_help(kb: KnowledgeBase) -> Reply:
    """For someone who does not know where to turn: prva socialna pomoč, then how to reach the centre."""
    return Reply(with_contact(kb, kb.centre.first_help.text))


def practical_info(kb: KnowledgeBase, topic_ids: tuple[str, ...], centre_id: str | None = None) -> Reply:
    """Address, office hours, phone, amounts, how to apply …: the filled contact details that answer
    it, and for the rest a plain "I do not have it" that names what was asked and sends people to the
    centre. Never a number, hour or amount that contact.yml does not hold.

    Asked about another centre ("naslov CSD Izola"), it sends people there; contact.yml holds only
    this centre's details, so none of them is given for another.
    """
    ask = PracticalAsk.of(kb, topic_ids, centre_id)
    head = contact_line(kb, ask.given)
    if ask.topics and not ask.missing:
        return Reply(head)
    of_centre = "centra" if ask.centre == ask.ours else ask.centre.short_name
    text = " ".join(
        [
            *(_not_held(ask.missing, of_centre) or ["Tega podatka žal nimam."]),
            f"Odgovarjam le iz predstavitve {ask.ours.short_name} in kontaktnih podatkov centra, teh podatkov pa v "
            f"njih ni. Zanje se, prosim, obrnite neposredno na {ask.centre.name}.",
        ]
    )
    text = with_contact(kb, text, ask.others)
    return Reply(f"{head}\n{text}" if head else text)


@dataclass(frozen=True)
class PracticalAsk:
    """What a practical question asks and what of it contact.yml holds, whatever the language of the answer."""

    ours: Centre
    centre: Centre  # the centre asked about: ours unless another is named
    topics: list[PracticalTopic]
    given: tuple[str, ...]  # the filled contact fields that answer it
    missing: list[PracticalTopic]  # the topics nothing filled answers
    others: tuple[str, ...]  # the short set's filled fields not given already, said at the end

    @classmethod
    def of(cls, kb: KnowledgeBase, topic_ids: tuple[str, ...], centre_id: str | None) -> PracticalAsk:
        ours = kb.own_centre()
        centre = next((c for c in kb.centres if c.id == centre_id), ours)
        topics = [topic for topic in kb.practical if topic.id in topic_ids]
        filled = kb.contact.filled() if centre == ours else {}
        known = [topic for topic in topics if any(name in filled for name in topic.fields)]
        given = tuple(dict.fromkeys(name for topic in known for name in topic.fields if name in filled))
        missing = [topic for topic in topics if topic not in known]
        others = tuple(name for name in SHORT_CONTACT if name in filled and name not in given)
        return cls(ours, centre, topics, given, missing, others)


def _not_held(topics: list[PracticalTopic], of_centre: str) -> list[str]:
    """ "Naslova in uradnih ur centra žal nimam. Tudi zneskov … nimam.": contact topics in one phrase."""
    about_centre = [topic.missing for topic in topics if topic.fields]
    phrases = [f"{join_list(about_centre)} {of_centre}"] if about_centre else []
    phrases += [topic.missing for topic in topics if not topic.fields]
    return [
        f"{capitalize_first(phrase)} žal nimam." if index == 0 else f"Tudi {phrase} nimam."
        for index, phrase in enumerate(phrases)
    ]
