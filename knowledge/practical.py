"""Which practical questions a message asks (address, office hours, phone, amounts, how to apply …),
by the word stems of knowledge/data/practical.yml. No Rasa imports."""

from __future__ import annotations

import re

from knowledge.query import KnowledgeBase
from knowledge.resolver import StemMatcher
from knowledge.text import words

# The gateway's privacy markers ("Živim na [naslov]", "moj telefon je [telefon]") stand for what a
# person shared about themselves, never for what they ask about.
_MARKER = re.compile(r"\[[^\]]*\]")


class TopicFinder:
    """Finds the practical topics of one knowledge base in free text; build once, call `find` per message."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._terms = StemMatcher({topic.id: topic.terms for topic in kb.practical})
        self._hints = StemMatcher({topic.id: topic.hints for topic in kb.practical})
        self._fields = {topic.id: set(topic.fields) for topic in kb.practical}
        self._elsewhere = StemMatcher({"elsewhere": kb.elsewhere})

    def find(self, text: str, hints: bool = True) -> tuple[str, ...]:
        """Topic ids in the order of appearance, without repeats. A question word ("kje", "kdaj")
        counts only when no term does ("kje dobim obrazec" asks for the form, not the address) and no other
        office is named ("kje je pošta"). A
        broad topic ("kontakt") gives way to a narrower one asked with it ("kontakt, telefon"). Without
        `hints`, only terms count."""
        message_words = words(_MARKER.sub(" ", text))
        hints = hints and not self._elsewhere.find(message_words)  # "kje je pošta" asks for no address of ours
        matches = self._terms.find(message_words) or (self._hints.find(message_words) if hints else [])
        found = tuple(dict.fromkeys(match.key for match in matches))
        return tuple(topic for topic in found if not any(self._narrower(other, topic) for other in found))

    def _narrower(self, topic: str, than: str) -> bool:
        return bool(self._fields[topic]) and self._fields[topic] < self._fields[than]
