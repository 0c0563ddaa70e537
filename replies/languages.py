"""The languages the assistant answers in.

Every answer is composed by replies.answers in the knowledge base's language. `answers_for` gives the gateway
replies.sl or replies.it, which bind to their language the few functions that take no knowledge base
(`quantity(count, noun)`): the gateway calls them as it did before the answers moved to Fluent.
"""

from __future__ import annotations

from types import ModuleType

from knowledge import KnowledgeBase
from replies import it, sl

SLOVENIAN, ITALIAN = "sl", "it"
SERVED = (SLOVENIAN, ITALIAN)
DEFAULT = SLOVENIAN


def served(code: object) -> str | None:
    """`code` when the assistant answers in that language, else None."""
    return code if isinstance(code, str) and code in SERVED else None


def answers_for(kb: KnowledgeBase) -> ModuleType:
    """The answers in the knowledge base's language, as the gateway calls them (replies.sl or replies.it)."""
    return it if kb.language == ITALIAN else sl
