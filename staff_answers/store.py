"""Staff answers in the tracker store's database: revisions and publications, rows that are never edited.

- A **revision** is one version of one entry as a member of staff saved it (the entry's bulk-format data,
  or nothing: the entry withdrawn). The newest revision of an entry that no publication holds is its draft.
- A **publication** is the whole set of live entries at one moment: (entry id → revision) rows under one
  publication row, written in one transaction. The newest publication is what citizens get. Publishing a
  draft, withdrawing an entry and rolling back to an earlier publication each write a new publication, so
  every earlier state can be published again in one step.
- The centre's contact details are the entry `CONTACT_ID`, published the same way; its data maps a field
  (address, office_hours, phone, email, web) to {text, source}.

Its tables are declared in storage/tables.py. No Rasa imports: the staff area writes here, the action servers
read (staff_answers.live).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from staff_answers.entries import Entry
from storage.tables import PUBLICATIONS, PUBLISHED, REVISIONS, STAFF_ANSWER_TABLES, create

CONTACT_ID = "kontakt"


class Conflict(ValueError):
    """Someone saved the entry after the revision an edit started from; nothing was written."""

    def __init__(self, entry_id: str, newest: Revision) -> None:
        super().__init__(f"odgovor {entry_id} je medtem spremenil(a) {newest.author}")
        self.entry_id, self.newest = entry_id, newest


class NotAllowed(ValueError):
    """A publication that the rules refuse (the author publishing alone, nothing to publish …); in Slovenian."""


@dataclass(frozen=True)
class Revision:
    id: int
    entry_id: str
    data: Mapping[str, Any] | None
    author: str
    created_at: float
    based_on: int | None = None
    note: str = ""

    @property
    def withdrawn(self) -> bool:
        return self.data is None

    def entry(self) -> Entry:
        assert self.data is not None and self.entry_id != CONTACT_ID
        entry = Entry.from_data(self.data)
        return Entry(entry.id, entry.questions, entry.answer, entry.source, entry.review_by,
                     {"revision": self.id, "author": self.author})  # fmt: skip


@dataclass(frozen=True)
class Publication:
    id: int
    created_at: float
    publisher: str
    note: str
    self_approved: bool
    restores: int | None
    revisions: Mapping[str, Revision]  # entry id -> revision

    def entries(self) -> list[Entry]:
        return [rev.entry() for entry_id, rev in sorted(self.revisions.items()) if entry_id != CONTACT_ID]

    def contact(self) -> Mapping[str, Mapping[str, str]]:
        """The staff's contact details: field -> {text, source}; empty when they published none."""
        revision = self.revisions.get(CONTACT_ID)
        return dict(revision.data or {}) if revision else {}


EMPTY = Publication(0, 0.0, "", "", False, None, {})


def _revision(row: Any) -> Revision:
    data = json.loads(row.data) if row.data is not None else None
    return Revision(row.id, row.entry_id, data, row.author, row.created_at, row.based_on, row.note or "")


class AnswerStore:
    """Reads and writes of staff answers on one database; every write is one transaction."""

    def __init__(self, url_or_engine: str | sa.engine.Engine, clock: Any = time.time) -> None:
        self.engine = (
            sa.create_engine(url_or_engine, future=True, hide_parameters=True)
            if isinstance(url_or_engine, str)
            else url_or_engine
        )
        self._clock = clock
        create(self.engine, STAFF_ANSWER_TABLES)

    def close(self) -> None:
        self.engine.dispose()

    # --- reading ------------------------------------------------------------------------------------
    def latest_publication_id(self) -> int:
        """The newest publication's id (0: none yet): one cheap query, what every replica polls."""
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.max(PUBLICATIONS.c.id))).scalar() or 0)

    def publication(self, publication_id: int | None = None) -> Publication:
        """A publication with its revisions (default: the newest); EMPTY when there is none."""
        with self.engine.connect() as connection:
            return self._publication(connection, publication_id)

    def _publication(self, connection: sa.engine.Connection, publication_id: int | None) -> Publication:
        if publication_id is None:
            publication_id = connection.execute(sa.select(sa.func.max(PUBLICATIONS.c.id))).scalar()
        if not publication_id:
            return EMPTY
        row = connection.execute(sa.select(PUBLICATIONS).where(PUBLICATIONS.c.id == publication_id)).first()
        if row is None:
            return EMPTY
        rows = connection.execute(
            sa.select(REVISIONS)
            .join(PUBLISHED, PUBLISHED.c.revision_id == REVISIONS.c.id)
            .where(PUBLISHED.c.publication_id == publication_id)
        )
        revisions = {r.entry_id: _revision(r) for r in rows}
        return Publication(row.id, row.created_at, row.publisher, row.note or "", bool(row.self_approved),
                           row.restores, revisions)  # fmt: skip

    def publications(self, limit: int = 50) -> list[Publication]:
        """The newest publications first, each with its revisions (for the history page)."""
        with self.engine.connect() as connection:
            ids = connection.execute(
                sa.select(PUBLICATIONS.c.id).order_by(PUBLICATIONS.c.id.desc()).limit(limit)
            ).scalars()
            return [self._publication(connection, publication_id) for publication_id in list(ids)]

    def revision(self, revision_id: int) -> Revision | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(REVISIONS).where(REVISIONS.c.id == revision_id)).first()
            return _revision(row) if row else None

    def history(self, entry_id: str) -> list[Revision]:
        """An entry's revisions, newest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(REVISIONS).where(REVISIONS.c.entry_id == entry_id).order_by(REVISIONS.c.id.desc())
            )
            return [_revision(r) for r in rows]

    def newest_revisions(self) -> dict[str, Revision]:
        """Every entry's newest revision (drafts and published ones alike)."""
        with self.engine.connect() as connection:
            return self._newest(connection)

    def _newest(self, connection: sa.engine.Connection) -> dict[str, Revision]:
        newest = sa.select(sa.func.max(REVISIONS.c.id)).group_by(REVISIONS.c.entry_id)
        rows = connection.execute(sa.select(REVISIONS).where(REVISIONS.c.id.in_(newest)))
        return {r.entry_id: _revision(r) for r in rows}

    def drafts(self) -> dict[str, Revision]:
        """Entries whose newest revision the newest publication does not hold: what a publisher reviews."""
        with self.engine.connect() as connection:
            published = self._publication(connection, None).revisions
            return {
                entry_id: rev
                for entry_id, rev in self._newest(connection).items()
                if published.get(entry_id, None) is None or published[entry_id].id != rev.id
                if not (rev.withdrawn and entry_id not in published)
            }

    # --- writing --------------------------------------------------------------------------------------
    def save(
        self, entry_id: str, data: Mapping[str, Any] | None, author: str, based_on: int | None, note: str = ""
    ) -> Revision:
        """A new revision of `entry_id` (a draft), written over `based_on`, the revision the editor started
        from (None: a new entry). Conflict when another revision was saved since: nothing is written."""
        with self.engine.begin() as connection:
            newest = connection.execute(
                sa.select(REVISIONS).where(REVISIONS.c.entry_id == entry_id).order_by(REVISIONS.c.id.desc()).limit(1)
            ).first()
            if newest is not None and newest.id != based_on:
                raise Conflict(entry_id, _revision(newest))
            payload = None if data is None else json.dumps(dict(data), ensure_ascii=False, sort_keys=True)
            result = connection.execute(
                REVISIONS.insert().values(
                    entry_id=entry_id,
                    data=payload,
                    author=author,
                    created_at=self._clock(),
                    based_on=based_on,
                    note=note[:500],
                )  # fmt: skip
            )
            revision_id = int(result.inserted_primary_key[0])
        found = self.revision(revision_id)
        assert found is not None
        return found

    def publish(
        self,
        publisher: str,
        entry_ids: Iterable[str],
        *,
        allow_own: bool = False,
        note: str = "",
        check: Any = None,
    ) -> Publication:
        """The newest publication with the newest revisions of `entry_ids` in place (a withdrawn one leaves
        it), as one transaction. Refused (NotAllowed) when one of them was written by `publisher` and
        `allow_own` is false, or when `check(entries)` returns problems."""
        wanted = list(dict.fromkeys(entry_ids))
        if not wanted:
            raise NotAllowed("Izberite vsaj en osnutek za objavo.")
        with self.engine.begin() as connection:
            current = self._publication(connection, None)
            newest = self._newest(connection)
            missing = [entry_id for entry_id in wanted if entry_id not in newest]
            if missing:
                raise NotAllowed(f"Odgovora »{missing[0]}« ni.")
            own = [entry_id for entry_id in wanted if newest[entry_id].author == publisher]
            if own and not allow_own:
                raise NotAllowed(
                    f"Osnutek »{own[0]}« ste napisali sami: objavi ga lahko le kdo drug (načelo štirih oči)."
                )
            mapping = dict(current.revisions)
            for entry_id in wanted:
                if newest[entry_id].withdrawn:
                    mapping.pop(entry_id, None)
                else:
                    mapping[entry_id] = newest[entry_id]
            self._check(check, mapping)
            return self._write(connection, publisher, mapping, note, self_approved=bool(own), restores=None)

    def withdraw(self, publisher: str, entry_id: str, note: str = "") -> Publication:
        """The newest publication without `entry_id`, in one step (no second person needed to take an
        answer down); its revisions stay, so a rollback brings it back."""
        with self.engine.begin() as connection:
            current = self._publication(connection, None)
            if entry_id not in current.revisions:
                raise NotAllowed(f"Odgovor »{entry_id}« ni objavljen.")
            mapping = {key: rev for key, rev in current.revisions.items() if key != entry_id}
            return self._write(connection, publisher, mapping, note or f"umaknjen: {entry_id}", False, None)

    def restore(self, publisher: str, publication_id: int, check: Any = None) -> Publication:
        """Publish an earlier publication again, as a new one (a rollback)."""
        with self.engine.begin() as connection:
            earlier = self._publication(connection, publication_id)
            if earlier is EMPTY:
                raise NotAllowed(f"Objave št. {publication_id} ni.")
            self._check(check, earlier.revisions)
            return self._write(connection, publisher, dict(earlier.revisions), f"ponovno objavljena objava "
                               f"št. {publication_id}", False, publication_id)  # fmt: skip

    @staticmethod
    def _check(check: Any, mapping: Mapping[str, Revision]) -> None:
        if check is None:
            return
        entries = [rev.entry() for key, rev in mapping.items() if key != CONTACT_ID]
        contact = mapping[CONTACT_ID].data if CONTACT_ID in mapping else None
        found = check(entries, contact)
        if found:
            raise NotAllowed("Objava ni mogoča:\n" + "\n".join(f"– {problem}" for problem in found))

    def _write(
        self,
        connection: sa.engine.Connection,
        publisher: str,
        mapping: Mapping[str, Revision],
        note: str,
        self_approved: bool,
        restores: int | None,
    ) -> Publication:
        result = connection.execute(
            PUBLICATIONS.insert().values(
                created_at=self._clock(),
                publisher=publisher,
                note=note[:500],
                self_approved=self_approved,
                restores=restores,
            )  # fmt: skip
        )
        publication_id = int(result.inserted_primary_key[0])
        if mapping:
            connection.execute(
                PUBLISHED.insert(),
                [{"publication_id": publication_id, "entry_id": k, "revision_id": r.id} for k, r in mapping.items()],
            )
        return self._publication(connection, publication_id)

    def import_entries(
        self, entries: Iterable[Entry], author: str, publish_as: str | None = None, check: Any = None
    ) -> tuple[list[Revision], Publication | None]:
        """Each entry as a new draft over whatever exists; with `publish_as`, published at once by that name
        (a test or a first set-up: the publication then records that the importer approved it). When it is to
        be published, the checks run first, so that a refused import leaves no drafts behind."""
        entries = list(entries)
        if publish_as is not None and check is not None:
            published = self.publication()
            current = {entry.id: entry for entry in published.entries()}
            current |= {entry.id: entry for entry in entries}
            found = check(list(current.values()), published.contact() or None)
            if found:
                raise NotAllowed("Objava ni mogoča:\n" + "\n".join(f"– {problem}" for problem in found))
        saved = []
        for entry in entries:
            newest = self.history(entry.id)
            saved.append(self.save(entry.id, entry.to_data(), author, newest[0].id if newest else None, "uvoz"))
        publication = None
        if publish_as is not None and saved:
            publication = self.publish(publish_as, [rev.entry_id for rev in saved], allow_own=True,
                                       note="uvoz", check=check)  # fmt: skip
        return saved, publication
