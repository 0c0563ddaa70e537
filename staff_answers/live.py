"""The current publication of staff answers in a running process, picked up within seconds of a new one.

Every action server (Kubernetes runs several) polls the newest publication's id once every `interval`
seconds in a daemon thread: one indexed query. When it changes, the thread loads the publication and builds
its matcher aside, then swaps one reference: a turn sees the old publication or the new one, never a mix,
and never waits for a build. A database that cannot be reached keeps the last publication (and says so in
the log once); a process that never reached it answers with no staff answers rather than not at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from staff_answers.corpus import Corpus, corpus
from staff_answers.entries import Entry
from staff_answers.matching import Matcher
from staff_answers.store import EMPTY, AnswerStore, Publication

logger = logging.getLogger(__name__)
INTERVAL = 1.0  # seconds between two looks at the newest publication's id: within 5 s on every replica


@dataclass(frozen=True)
class Live:
    publication: Publication
    matcher: Matcher

    @property
    def id(self) -> int:
        return self.publication.id


def answering_matcher(entries: Sequence[Entry], training: Corpus | None = None) -> Matcher:
    """The matcher of `entries` as citizens are answered: the training data's protected examples as the kinds
    no entry may take, all of it as the word statistics. The checks and the preview use the same."""
    training = training or corpus()
    return Matcher(entries, training.negatives(), training.background())


def build(publication: Publication, training: Corpus) -> Live:
    """The matcher of one publication, with the training data as every replica uses it."""
    return Live(publication, answering_matcher(publication.entries(), training))


class LiveAnswers:
    def __init__(
        self,
        store: AnswerStore | Callable[[], AnswerStore],
        training: Callable[[], Corpus] = corpus,
        interval: float = INTERVAL,
    ) -> None:
        self._store_source = store
        self._store: AnswerStore | None = store if isinstance(store, AnswerStore) else None
        self._training = training
        self.interval = interval
        self._live = Live(EMPTY, Matcher([]))
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._failing = False

    def current(self) -> Live:
        """The publication to answer from now; the first call loads it and starts the polling."""
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self.refresh()
                    self._thread = threading.Thread(target=self._poll, name="staff-answers", daemon=True)
                    self._thread.start()
        return self._live

    def refresh(self) -> bool:
        """Load the newest publication if it is not the one in use; True when it changed."""
        try:
            store = self._open()
            newest = store.latest_publication_id()
            if newest == self._live.id:
                self._failing = False
                return False
            live = build(store.publication(newest), self._training())
        except sa.exc.SQLAlchemyError as error:
            if not self._failing:
                logger.warning("staff answers: the database cannot be read (%s); keeping publication %s",
                               type(error).__name__, self._live.id)  # fmt: skip
            self._failing = True
            return False
        self._failing = False
        self._live = live  # one reference: a turn sees the whole old or the whole new publication
        logger.info("staff answers: publication %s in use (%s entries)", live.id, len(live.matcher))
        return True

    def _open(self) -> AnswerStore:
        if self._store is None:
            source = self._store_source
            assert callable(source)
            self._store = source()
        return self._store

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            self.refresh()

    def stop(self) -> None:
        self._stop.set()
