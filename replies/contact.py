"""How to reach the centre, and practical questions: the filled contact details of contact.yml under where
they come from, and a plain "I do not have it" for what they do not answer. Never a number, hour or amount
that contact.yml does not hold. Words from contact.ftl and practical.ftl of the knowledge base's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge import KnowledgeBase
from knowledge.schema import Centre, ContactDetail, PracticalTopic
from replies.compose import bullets, say
from replies.types import Reply

# What follows an answer that sends people to the centre: how to reach it, not the full set (asked for, it is given).
SHORT_CONTACT = ("phone", "email", "office_hours")


def according_to(kb: KnowledgeBase, source: str, read: date | None) -> str:
    """ "Po podatkih s spletne strani centra (prebrano 7. 12. 2026)": a source that answers cite, and the day read."""
    cited = kb.sources[source].cited
    if read is None:
        return say(kb)("according-to-undated", cited=cited)
    return say(kb)("according-to", cited=cited, day=read.day, month=read.month, year=read.year)


def _cited(kb: KnowledgeBase, detail: ContactDetail) -> str:
    """Where a detail comes from; a detail the staff published: "Po podatkih centra (<their source>, <day>)"."""
    read = detail.read
    if detail.source_text is not None and read is None:
        return say(kb)("according-to-staff-undated", source=detail.source_text)
    if detail.source_text is not None:
        return say(kb)("according-to-staff", source=detail.source_text, day=read.day, month=read.month, year=read.year)
    return according_to(kb, detail.source, read)


def contact_line(kb: KnowledgeBase, fields: tuple[str, ...] | None = None) -> str:
    """The centre's filled contact details (all, or only `fields`, in that order): under each provenance its
    details as a list ("• telefon: …"), then the notes of the details given; empty when none is filled, since
    no detail is ever invented. A reply that sends people to the centre ends with it."""
    filled = kb.contact.details()
    names = [name for name in (fields if fields is not None else filled) if name in filled]
    groups: dict[object, list[str]] = {}
    for name in names:
        groups.setdefault(filled[name].provenance, []).append(name)
    blocks = [
        f"{_cited(kb, filled[group[0]])}:\n"
        + bullets(f"{say(kb)(f'contact-field-{name}')}: {filled[name].text}" for name in group)
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


def practical_info(kb: KnowledgeBase, topic_ids: tuple[str, ...], centre_id: str | None = None) -> Reply:
    """Address, office hours, phone, amounts, how to apply …: the filled contact details that answer it, and
    for the rest a plain "I do not have it" that names what was asked and sends people to the centre.

    Asked about another centre ("naslov CSD Izola"), it sends people there; contact.yml holds only this
    centre's details, so none of them is given for another.
    """
    ask = PracticalAsk.of(kb, topic_ids, centre_id)
    head = contact_line(kb, ask.given)
    if ask.topics and not ask.missing:
        return Reply(head)
    words = say(kb)
    not_held = _not_held(kb, ask) or [words("not-held-this")]
    turn_to = words("answers-only-from", centre=ask.ours.short_name, centre_name=ask.centre.name)
    text = with_contact(kb, " ".join([*not_held, turn_to]), ask.others)
    return Reply(f"{head}\n{text}" if head else text)


def _not_held(kb: KnowledgeBase, ask: PracticalAsk) -> list[str]:
    """ "Naslova in uradnih ur centra žal nimam. Tudi zneskov … nimam.": the centre's details asked for in one
    phrase, then each other topic."""
    words = say(kb)
    about_centre = [topic.missing for topic in ask.missing if topic.fields]
    phrases = []
    if about_centre and ask.centre == ask.ours:
        phrases.append(words("about-our-centre", topics=about_centre))
    elif about_centre:
        phrases.append(words("about-centre", topics=about_centre, centre=ask.centre.short_name))
    phrases += [topic.missing for topic in ask.missing if not topic.fields]
    return [words("not-held" if index == 0 else "not-held-either", what=p) for index, p in enumerate(phrases)]
