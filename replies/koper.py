"""Facts about Mestna občina Koper, and Koper compared with the other city municipalities as the centre's
presentation ranks it. Facts from the knowledge base (koper.yml), words from koper.ftl of its language."""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.schema import Ranking
from replies.compose import municipality_kind, place, quantity, say
from replies.settlements import settlement_count
from replies.types import Reply


def koper_fact(kb: KnowledgeBase, fact_id: str, border_sides: list[str]) -> Reply:
    """A fact about Mestna občina Koper; for borders, only the sides asked about, if any."""
    if fact_id == "overview":
        return Reply(" ".join(fact.text for fact in kb.koper_overview()))
    if fact_id == "borders" and border_sides:
        return Reply(" ".join(b.text for b in kb.koper_borders() if b.side in border_sides))
    return Reply(kb.koper_fact(fact_id).text)


def comparison_holds(ranking: Ranking, direction: str) -> bool | None:
    """Whether the seed's ranking says yes to a comparison: others ahead of Koper ("more"), Koper first
    ("most"), others behind it ("less"), Koper last ("least"); None for a question of its place ("rank")."""
    return {
        "more": ranking.rank > 1,
        "most": ranking.rank == 1,
        "less": ranking.rank < ranking.of,
        "least": ranking.rank == ranking.of,
    }.get(direction)


def others_compared(ranking: Ranking, direction: str) -> tuple[int, int]:
    """How many municipalities of the group are behind Koper ("less", "least") or else ahead of it, and how
    many of those the seed leaves unnamed."""
    if direction in ("less", "least"):
        return ranking.of - ranking.rank, ranking.of - ranking.rank
    return ranking.rank - 1, ranking.rank - 1 - len(ranking.ahead)


def comparison(kb: KnowledgeBase, fact_id: str, direction: str, yes_no: bool = False, count: bool = False) -> Reply:
    """Koper compared with the other municipalities of its group by the measure of a fact, as the seed ranks
    it: "Da"/"Ne" first when asked so, the number ahead (behind) first when asked how many; then the seed's
    sentence (for the settlements, the register's figure of today too) and how many it leaves unnamed."""
    ranking, koper = kb.koper_ranking(fact_id), kb.koper.municipality
    assert ranking is not None, fact_id
    others, unnamed = others_compared(ranking, direction)
    holds = comparison_holds(ranking, direction)
    said = settlement_count(kb, koper).text if fact_id == "settlements" else kb.koper_fact(fact_id).text
    words = say(kb)
    parts = [words("answer-yes" if holds else "answer-no") + "."] if yes_no and holds is not None else []
    all_unnamed = "-unnamed" if unnamed == others else ""
    args = {
        "side": "behind" if direction in ("less", "least") else "ahead",
        "number": quantity(kb.language, others, ranking.counted),
        "count": others,
    }
    if count and others and direction != "rank":
        kind = municipality_kind(kb, koper)
        parts += [
            words(f"comparison-counted{all_unnamed}", by=ranking.by, municipality=place(kb, koper), kind=kind, **args)
        ]
        parts.append(said)
    else:
        parts.append(said)
        if direction != "rank" and unnamed:
            parts.append(words(f"comparison-therefore{all_unnamed}", **args))
    return Reply(" ".join(parts))
