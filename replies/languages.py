"""The languages the assistant answers in: knowledge/data/languages.yml `served`, the one list of them.

Every answer is composed by replies.answers in the knowledge base's language (replies/locales/<code>/).
"""

from __future__ import annotations

from knowledge import served_languages

SERVED = served_languages()
DEFAULT = SERVED[0]


def served(code: object) -> str | None:
    """`code` when the assistant answers in that language, else None."""
    return code if isinstance(code, str) and code in SERVED else None
