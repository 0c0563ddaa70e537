"""The answers in Slovenian, for the callers written before the answers moved to Fluent (the gateway's
`answers_for(kb)`, tests): replies.answers with the functions that take no knowledge base bound to
Slovenian. No words of its own: they are in replies/locales/sl/."""

from __future__ import annotations

from knowledge import knowledge_base
from replies import answers, compose
from replies.answers import *  # noqa: F403 (every answer, as replies.answers has it)
from replies.types import Button, Reply, payload  # noqa: F401

LANGUAGE = "sl"


def quantity(count: int, noun: str) -> str:
    """A number and its noun as Slovenian agrees them (replies.compose.quantity)."""
    return compose.quantity(LANGUAGE, count, noun)


def outside_responsibility(name: str) -> str:
    """Who is responsible for a place outside the region (replies.coverage), in Slovenian."""
    return answers.outside_responsibility(knowledge_base(LANGUAGE), name)


def outside_centre(name: str) -> str:
    """Which centre of the region is responsible for a place outside it: none (replies.coverage), in Slovenian."""
    return answers.outside_centre(knowledge_base(LANGUAGE), name)
