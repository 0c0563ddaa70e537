"""The languages the assistant answers in, and which module writes the answers of each.

`replies.sl` writes Slovenian, `replies.it` Italian; both have the same functions, so that the actions and
the gateway choose one by the conversation's language and call it the same way.
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
    """The module that writes answers in the knowledge base's language."""
    return it if kb.language == ITALIAN else sl
