"""The settlements of a municipality: how many, and which, by the register of spatial units; for Koper, the
figure of the centre's presentation first. Facts from the knowledge base, words from settlements.ftl."""

from __future__ import annotations

from knowledge import KnowledgeBase
from replies.compose import municipality_kind, place, say, settlement
from replies.types import Reply


def _register_sentence(kb: KnowledgeBase, name: str, message: str, **args: object) -> str:
    """ "Občina Pivka ima po registru prostorskih enot 29 naselij…", then the entry's note, if any."""
    text = say(kb)(
        message,
        municipality=place(kb, name),
        kind=municipality_kind(kb, name),
        count=len(kb.settlements_of(name)),
        **args,
    )
    note = kb.settlement_list(name).note
    return f"{text} {note}" if note else text


def settlement_list(kb: KnowledgeBase, name: str) -> Reply:
    """Which settlements a municipality has, by the register, and how many."""
    named = [settlement(kb, s, name) for s in kb.settlements_of(name)]
    return Reply(_register_sentence(kb, name, "settlements-register-listed", settlements=named))


def settlement_count(kb: KnowledgeBase, name: str) -> Reply:
    """How many settlements a municipality has today, by the register; Koper's figure of the seed too."""
    return Reply(seed_figure_first(kb, name, _register_sentence(kb, name, "settlements-register-today")))


def seed_figure_first(kb: KnowledgeBase, name: str, register: str) -> str:
    """For Koper, the count of settlements as the centre's presentation states it, before the register's."""
    return f"{kb.koper_fact('settlements').text} {register}" if kb.is_city_municipality(name) else register
