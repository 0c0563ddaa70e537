"""Staff answers in the actions: the live publication of this action server, and the reply of a match.

The knowledge base answers first; a staff answer takes what it cannot answer (see actions.actions for where).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from knowledge import KnowledgeBase
from knowledge.schema import ContactDetail
from replies.answers import canned
from replies.types import Reply
from runtime.endpoints import tracker_store_url
from runtime.role import ROOT
from runtime.settings import Settings
from staff_answers.live import LiveAnswers
from staff_answers.matching import NEGATIVE, Match
from staff_answers.store import AnswerStore

logger = logging.getLogger(__name__)
_override: LiveAnswers | None = None
# (language, publication id) -> the knowledge base with that publication's contact details over its own.
_with_contact: dict[tuple[str, int], KnowledgeBase] = {}


@cache
def _from_settings() -> LiveAnswers:
    url = tracker_store_url(Settings.from_env(), ROOT)
    return LiveAnswers(lambda: AnswerStore(url))


def live_answers() -> LiveAnswers:
    """This process's live publication, in the tracker store's database (TRACKER_STORE_URL, else SQLite)."""
    return _override or _from_settings()


def use_live_answers(live: LiveAnswers | None) -> None:
    """Answer from `live` instead of the configured database (tests); None: the configured one again."""
    global _override
    _override = live


@dataclass(frozen=True)
class StaffReply:
    reply: Reply
    entry_id: str


def find(text: str, language: str, in_danger: bool = False) -> Match | None:
    if not text or text.startswith("/"):  # a button's payload is never a question for the staff's answers
        return None
    ignore = (NEGATIVE + "crisis",) if in_danger else ()
    return live_answers().current().matcher.verdict(text, language, ignore=ignore).match


def reply_for(kb: KnowledgeBase, match: Match) -> StaffReply:
    """The entry's text exactly as written, in the conversation's language where the entry has it; else a
    sentence in the conversation's language saying it exists only in Slovenian, then the Slovenian text."""
    parts = []
    for entry in (match.entry, match.also) if match.also else (match.entry,):
        text, written_in = entry.text_in(kb.language)
        if written_in != kb.language:
            text = f"{canned(kb, 'only_in_slovenian').text}\n\n{text}"
        parts.append(text)
    if match.also:
        parts.insert(0, canned(kb, "two_answers").text)
    return StaffReply(Reply("\n\n".join(parts)), match.entry.id)


def with_published_contact(kb: KnowledgeBase) -> KnowledgeBase:
    """`kb` with the contact details the staff published over the website's (they win), cited as the
    centre's with the publisher's source and the day of publication; `kb` itself when they published none,
    or when a published detail does not pass the knowledge base's checks (logged: never a broken answer)."""
    live = live_answers().current()
    published = live.publication.contact()
    if not published:
        return kb
    key = (kb.language, live.id)
    if key not in _with_contact:
        for stale in [k for k in _with_contact if k[1] != live.id]:  # one publication's at a time
            del _with_contact[stale]
        day = datetime.fromtimestamp(live.publication.created_at).date()
        try:
            details = {
                name: ContactDetail(text=detail["text"], source_text=detail["source"], read=day)
                for name, detail in published.items()
                if str(detail.get("text") or "").strip()
            }
            _with_contact[key] = kb.overlaid(details)
        except (ValueError, KeyError) as error:
            logger.warning("staff contact details of publication %s not used: %s", live.id, error)
            _with_contact[key] = kb
    return _with_contact[key]
