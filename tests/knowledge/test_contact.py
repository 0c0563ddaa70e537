"""Staff-published contact details over the website's: `overlaid` and `KnowledgeBase.overlaid`."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from knowledge.contact import overlaid
from knowledge.schema import ContactDetail

PUBLISHED = ContactDetail(text="05 123 45 67", source_text="Ana Novak, CSD Koper", read=date(2026, 12, 9))


def test_a_published_detail_wins_and_the_others_stay(kb) -> None:
    contact = overlaid(kb.contact, {"phone": PUBLISHED})
    assert contact.phone == PUBLISHED
    assert {name: d for name, d in contact.details().items() if name != "phone"} == {
        name: d for name, d in kb.contact.details().items() if name != "phone"
    }
    assert kb.contact.filled()["phone"] == "(05) 66 34 534"  # the original is left as it was


def test_no_overrides_give_the_same_details(kb) -> None:
    assert overlaid(kb.contact, {}) == kb.contact


def test_a_wrong_published_detail_is_refused(kb) -> None:
    with pytest.raises(ValidationError, match="must be a number"):
        overlaid(kb.contact, {"phone": PUBLISHED.copy(update={"text": "pokličite Ano"})})
    with pytest.raises(ValueError, match="unknown contact field 'fax'"):
        overlaid(kb.contact, {"fax": PUBLISHED})


def test_a_staff_detail_names_who_published_it() -> None:
    with pytest.raises(ValidationError, match="not both"):
        ContactDetail(text="x", source="website", source_text="Ana Novak", read=date(2026, 12, 9))
    with pytest.raises(ValidationError, match="needs `read`"):
        ContactDetail(text="x", source_text="Ana Novak")


def test_an_overlaid_knowledge_base(kb) -> None:
    staff = kb.overlaid({"phone": PUBLISHED})
    assert staff.contact.phone == PUBLISHED and staff.contact.email == kb.contact.email
    assert staff.municipalities is kb.municipalities
    with pytest.raises(ValueError, match="source 'seed' is not a source of sources.yml with `cited`"):
        kb.overlaid({"phone": PUBLISHED.copy(update={"source": "seed", "source_text": None})})
