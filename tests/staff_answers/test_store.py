"""Revisions and publications: rows never edited, four eyes, one transaction, rollback, conflicts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from staff_answers.entries import Entry
from staff_answers.store import CONTACT_ID, AnswerStore, Conflict, NotAllowed
from storage.tables import PUBLICATIONS, REVISIONS


def first(entries: list[Entry], entry_id: str) -> Entry:
    return next(entry for entry in entries if entry.id == entry_id)


def test_a_draft_is_published_by_someone_else(store: AnswerStore, entries: list[Entry]) -> None:
    draft = store.save("posvojitev", first(entries, "posvojitev").to_data(), "ana", None)
    assert store.publication().entries() == []
    assert set(store.drafts()) == {"posvojitev"}
    with pytest.raises(NotAllowed, match="načelo štirih oči"):
        store.publish("ana", ["posvojitev"])
    assert store.latest_publication_id() == 0
    publication = store.publish("bojan", ["posvojitev"])
    assert [entry.id for entry in publication.entries()] == ["posvojitev"]
    assert publication.entries()[0].meta == {"revision": draft.id, "author": "ana"}
    assert not publication.self_approved and store.drafts() == {}


def test_one_person_may_do_both_only_when_allowed_and_it_is_recorded(store: AnswerStore, entries: list) -> None:
    store.save("pogreb", first(entries, "pogreb").to_data(), "ana", None)
    publication = store.publish("ana", ["pogreb"], allow_own=True)
    assert publication.self_approved


def test_a_second_editor_gets_a_conflict_and_nothing_is_written(store: AnswerStore, entries: list) -> None:
    data = first(entries, "pogreb").to_data()
    base = store.save("pogreb", data, "ana", None)
    store.save("pogreb", data | {"source": "vodja"}, "bojan", base.id)
    with pytest.raises(Conflict) as raised:
        store.save("pogreb", data | {"source": "ana"}, "ana", base.id)
    assert raised.value.newest.author == "bojan"
    assert [rev.author for rev in store.history("pogreb")] == ["bojan", "ana"]
    with pytest.raises(Conflict):
        store.save("pogreb", data, "cene", None)  # "new" over an existing entry


def test_withdraw_in_one_step_and_rollback_brings_it_back(store: AnswerStore, entries: list) -> None:
    for entry in entries[:3]:
        store.save(entry.id, entry.to_data(), "ana", None)
    full = store.publish("bojan", [entry.id for entry in entries[:3]])
    withdrawn = store.withdraw("bojan", entries[0].id)
    assert len(withdrawn.entries()) == 2 and withdrawn.id == full.id + 1
    restored = store.restore("bojan", full.id)
    assert restored.restores == full.id
    assert [e.id for e in restored.entries()] == [e.id for e in full.entries()]
    assert [p.id for p in store.publications()] == [restored.id, withdrawn.id, full.id]
    with pytest.raises(NotAllowed):
        store.withdraw("bojan", "ni-ga")
    with pytest.raises(NotAllowed):
        store.restore("bojan", 999)


def test_a_withdrawal_draft_leaves_the_next_publication(store: AnswerStore, entries: list) -> None:
    entry = first(entries, "mediacija")
    revision = store.save(entry.id, entry.to_data(), "ana", None)
    store.publish("bojan", [entry.id])
    store.save(entry.id, None, "ana", revision.id, "zastarelo")
    assert store.drafts()[entry.id].withdrawn
    assert store.publish("bojan", [entry.id]).entries() == []


def test_a_refused_check_publishes_nothing(store: AnswerStore, entries: list) -> None:
    store.save("pogreb", first(entries, "pogreb").to_data(), "ana", None)
    with pytest.raises(NotAllowed, match="Objava ni mogoča:\n– slabo"):
        store.publish("bojan", ["pogreb"], check=lambda entries, contact: ["slabo"])
    assert store.latest_publication_id() == 0


def test_revisions_and_publications_are_never_updated(store: AnswerStore, entries: list) -> None:
    """Every write is an INSERT: the rows of a revision and a publication stay as they were written."""
    entry = first(entries, "pogreb")
    revision = store.save(entry.id, entry.to_data(), "ana", None)
    store.publish("bojan", [entry.id])
    with store.engine.connect() as connection:
        before = connection.execute(sa.select(REVISIONS)).all(), connection.execute(sa.select(PUBLICATIONS)).all()
    store.save(entry.id, entry.to_data() | {"source": "nov"}, "ana", revision.id)
    store.publish("bojan", [entry.id])
    store.withdraw("bojan", entry.id)
    with store.engine.connect() as connection:
        after = connection.execute(sa.select(REVISIONS)).all(), connection.execute(sa.select(PUBLICATIONS)).all()
    assert after[0][: len(before[0])] == before[0] and after[1][: len(before[1])] == before[1]


def test_contact_details_are_published_like_an_entry(store: AnswerStore) -> None:
    details = {"phone": {"text": "05 123 45 67", "source": "tajništvo"}}
    store.save(CONTACT_ID, details, "ana", None)
    publication = store.publish("bojan", [CONTACT_ID])
    assert publication.contact() == details and publication.entries() == []


def test_import_publishes_after_the_checks_or_writes_nothing(store: AnswerStore, entries: list) -> None:
    with pytest.raises(NotAllowed):
        store.import_entries(entries, "uvoz", publish_as="uvoz", check=lambda entries, contact: ["ne"])
    assert store.newest_revisions() == {}
    saved, publication = store.import_entries(entries, "uvoz", publish_as="uvoz")
    assert publication is not None and len(publication.entries()) == len(entries) == len(saved)
