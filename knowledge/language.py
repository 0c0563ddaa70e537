"""Is a message written in another language than Slovenian? Italian, English or Croatian, by the words
of knowledge/data/languages.yml."""

from __future__ import annotations

from knowledge.query import KnowledgeBase
from knowledge.text import words


def other_language(kb: KnowledgeBase, text: str) -> str | None:
    """The code of the other language `text` is written in, or None for Slovenian (or too short to tell)."""
    message = words(text)
    slovenian = sum(word in set(kb.languages.slovenian) for word in message)
    best, hits = None, 0
    for code, markers in kb.languages.others.items():
        count = sum(word in set(markers) for word in message)
        if count > hits:
            best, hits = code, count
    return best if hits >= 2 and hits > slovenian else None
