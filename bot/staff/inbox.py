"""From the not-understood list to a staff answer: which published entry would answer a text now, and a
text added as an example question to an entry's draft.

The matcher is the one the action servers build (staff_answers.live.build) for the newest publication, built
here once per publication id and kept in the gateway's process. staff_answers.live loads numpy, scikit-learn
and lemmagen3; it is imported at the first build, so that a gateway whose staff area is unused loads none.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.staff.store import Group, fold
from staff_answers.entries import LANGUAGES, MAX_QUESTION, MAX_QUESTIONS
from staff_answers.store import CONTACT_ID, AnswerStore, Conflict

if TYPE_CHECKING:
    from staff_answers.live import Live

logger = logging.getLogger("bot.staff")


def _build(store: AnswerStore, publication_id: int) -> Live:
    from staff_answers.corpus import corpus
    from staff_answers.live import build

    return build(store.publication(publication_id), corpus())


class NowAnswered:
    """Which entry of the newest publication answers a text: the matcher cached per publication id."""

    def __init__(self, store: AnswerStore, builder: Callable[[AnswerStore, int], Live] = _build) -> None:
        self.store = store
        self._builder = builder
        self._live: Live | None = None
        self._lock = threading.Lock()

    def live(self) -> Live | None:
        """The matcher of the newest publication (None: nothing published yet)."""
        newest = self.store.latest_publication_id()
        if not newest:
            return None
        if self._live is None or self._live.id != newest:
            with self._lock:  # two pages at once build it once
                if self._live is None or self._live.id != newest:
                    self._live = self._builder(self.store, newest)
                    logger.info("staff area: matcher of publication %s built", newest)
        return self._live

    def entries(self, groups: Iterable[Group]) -> dict[str, str]:
        """group key -> the id of the entry that answers its text now (groups no entry answers are left out)."""
        try:
            live = self.live()
        except Exception:  # the list is shown without it rather than not at all
            logger.exception("staff area: the staff answers' matcher could not be built")
            return {}
        if live is None:
            return {}
        found = {}
        for group in groups:
            match = live.matcher.match(group.text, group.language)
            if match is not None:
                found[group.key] = match.entry.id
        return found


def editable_entries(store: AnswerStore) -> list[str]:
    """The ids of the published and the draft entries, which an example can be added to (not the contact
    details, not an entry whose newest revision withdraws it)."""
    return sorted(
        entry_id
        for entry_id, revision in store.newest_revisions().items()
        if entry_id != CONTACT_ID and not revision.withdrawn
    )


class NotAdded(ValueError):
    """Why an example was not added, in Slovenian."""


@dataclass(frozen=True)
class Added:
    entry_id: str
    revision: int | None  # None: the example was there already, nothing written
    retried: bool = False


def clean_example(text: str) -> str:
    return " ".join(text.split())


def add_example(store: AnswerStore, entry_id: str, text: str, language: str, author: str) -> Added:
    """Save a new revision of `entry_id` over its newest one, with `text` added to its example questions in
    `language`. Someone else's save in between (Conflict) is retried once from the newest revision: adding an
    example commutes with any other edit. A second Conflict is raised."""
    text = clean_example(text)
    if not text:
        raise NotAdded("Besedilo primera je prazno.")
    if len(text) > MAX_QUESTION:
        raise NotAdded(f"Primer je daljši od {MAX_QUESTION} znakov: skrajšajte ga na strani odgovora.")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise NotAdded("Primer vsebuje nedovoljene znake.")
    language = language if language in LANGUAGES else "sl"
    for attempt in range(2):
        history = store.history(entry_id) if entry_id != CONTACT_ID else []
        if not history or history[0].withdrawn:
            raise NotAdded(f"Odgovora »{entry_id}« ni med objavljenimi ali osnutki.")
        newest = history[0]
        data: dict[str, Any] = dict(newest.data or {})
        questions = {lang: list(qs or []) for lang, qs in dict(data.get("questions") or {}).items()}
        examples = questions.setdefault(language, [])
        if fold(text) in {fold(str(q)) for q in examples}:
            return Added(entry_id, None)
        if len(examples) >= MAX_QUESTIONS:
            raise NotAdded(f"Odgovor »{entry_id}« ima že {MAX_QUESTIONS} primerov vprašanj.")
        examples.append(text)
        data["questions"] = questions
        try:
            saved = store.save(entry_id, data, author, based_on=newest.id, note="primer iz nerazumljenih sporočil")
        except Conflict:
            if attempt:
                raise
            continue
        return Added(entry_id, saved.id, retried=attempt > 0)
    raise AssertionError("unreachable")
