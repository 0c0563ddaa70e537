"""The centre's contact details in layers: contact.yml holds what the centre's website states; details a
member of staff publishes win over them. No Rasa imports, no text composition.

Answers take the contact details from one place, `KnowledgeBase.contact`. To answer with staff-published
details, build the overrides (one `ContactDetail` per field, with `source_text` naming who published it)
and put an overlaid knowledge base where the actions look it up:

    published = {"phone": ContactDetail(text="05 123 45 67", source_text="Ana Novak, CSD Koper", read=date.today())}
    kb = knowledge_base("sl").overlaid(published)   # one mapping per language (the texts are in its words)
"""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.schema import CONTACT_FIELDS, ContactDetail, ContactInfo


def overlaid(contact: ContactInfo, overrides: Mapping[str, ContactDetail]) -> ContactInfo:
    """`contact` with each field of `overrides` in place of its own; the other fields stay as they are.

    The result is checked as contact.yml is (a phone is a number, an e-mail an address …): a wrong
    published detail raises `ValueError` (pydantic's ValidationError) instead of reaching a citizen, and so
    does a field name that is not a contact field."""
    unknown = sorted(set(overrides) - set(CONTACT_FIELDS))
    if unknown:
        raise ValueError(f"unknown contact field {unknown[0]!r} (known: {', '.join(CONTACT_FIELDS)})")
    return ContactInfo(**{**contact.details(), **overrides})
