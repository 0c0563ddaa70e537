"""The centres for social work of the region: which is responsible for a place (yes or no for one asked
about), which municipalities each covers, what this centre does for a municipality, and where a settlement
asked about lies. Facts from the knowledge base, words from centres.ftl of its language."""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.places import Place
from knowledge.schema import Centre
from knowledge.text import capitalize_first
from replies.buttons import municipality_buttons
from replies.compose import bullets, joined, municipality_kind, place, places, say, settlement
from replies.coverage import outside_centre
from replies.types import Reply


def in_municipality(kb: KnowledgeBase, name: str) -> str:
    """ "v občini Piran", "v Mestni občini Koper", "nel Comune di Pirano (Piran)": where a settlement lies."""
    return say(kb)("in-municipality", municipality=place(kb, name), kind=municipality_kind(kb, name))


def settlements_by_municipality(kb: KnowledgeBase, where: Place) -> list[tuple[str, list[str]]]:
    """The settlements a place name stands for, by municipality ("Škocjan": one in Koper, one in Divača)."""
    return [(m, [s for s in where.settlements if s in kb.settlements_of(m)]) for m in where.municipalities]


def place_lead(kb: KnowledgeBase, where: Place) -> str:
    """Where a settlement named in a question lies, before the answer about its municipality."""
    if not where.is_settlement:
        return ""

    def lying(message: str, municipality: str, names: list[str], **args: object) -> str:
        named = [settlement(kb, name, municipality) for name in names]
        return say(kb)(
            message,
            settlements=named,
            municipality=place(kb, municipality),
            kind=municipality_kind(kb, municipality),
            **args,
        )

    if len(where.municipalities) > 1:
        parts = [
            lying("settlements-of-municipality", municipality, names)
            for municipality, names in settlements_by_municipality(kb, where)
        ]
        return say(kb)("settlements-in-several", name=where.name, where="; ".join(parts))
    municipality, names = where.municipalities[0], list(where.settlements)
    if len(names) == 1:
        return lying("settlement-in", municipality, names)
    return lying("settlements-in", municipality, names, name=where.name, count=len(names))


def _centre(kb: KnowledgeBase, centre_id: str) -> Centre:
    return next(c for c in kb.centres if c.id == centre_id)


def centre_area(kb: KnowledgeBase, centre_id: str) -> Reply:
    """Which municipalities one centre of the region covers, and how many."""
    centre = _centre(kb, centre_id)
    covered = places(kb, centre.municipalities)
    return Reply(say(kb)("centre-area", centre=centre.short_name, municipalities=covered, count=len(covered)))


def _centre_lines(kb: KnowledgeBase) -> str:
    """ "• CSD Sežana: Sežana, Divača, Hrpelje-Kozina in Komen", a line a centre."""
    return bullets(f"{c.short_name}: {joined(kb, [p.name for p in places(kb, c.municipalities)])}" for c in kb.centres)


def centres_count(kb: KnowledgeBase) -> Reply:
    """How many centres share the region of the regional tasks."""
    intro = say(kb)("centres-count", centre=kb.own_centre().short_name, count=len(kb.centres))
    return Reply(f"{intro}\n{_centre_lines(kb)}", municipality_buttons(kb, "ask_centres"))


def centres_overview(kb: KnowledgeBase) -> Reply:
    """The centres of the region whose municipalities the regional tasks cover."""
    intro = say(kb)("centres-overview", centre=kb.own_centre().short_name)
    return Reply(f"{intro}\n{_centre_lines(kb)}", municipality_buttons(kb, "ask_centres"))


def _task_lines(kb: KnowledgeBase, name: str) -> str:
    return bullets(capitalize_first(t.name) for t in kb.municipality_tasks(name))


def municipality_tasks(kb: KnowledgeBase, name: str) -> Reply:
    """What the centre does for one municipality: all of its work where it does the regular work, elsewhere
    the regional tasks, and which centre does the regular work there."""
    args = {"municipality": place(kb, name), "centre": kb.own_centre().short_name}
    if kb.is_regular_area(name):
        intro = say(kb)("municipality-tasks-regular", **args, kind=municipality_kind(kb, name))
        return Reply(f"{intro}\n{_task_lines(kb, name)}")
    intro = say(kb)("municipality-tasks", **args)
    closing = say(kb)(
        "municipality-regular-centre", municipality=args["municipality"], centre_name=kb.centre_for(name).name
    )
    return Reply(f"{intro}\n{_task_lines(kb, name)}\n{closing}")


def _responsible(kb: KnowledgeBase, name: str) -> str:
    """ "za Koper je pristojen Center za socialno delo Koper. To smo mi.": lower case, after a yes or a no."""
    centre = kb.centre_for(name)
    said = say(kb)("centre-for", municipality=place(kb, name), centre_name=centre.name)
    return f"{said} {say(kb)('that-is-us')}" if centre == kb.own_centre() else said


def centre_for(kb: KnowledgeBase, name: str) -> Reply:
    """Which centre for social work covers a municipality, and which municipalities it covers."""
    centre = kb.centre_for(name)
    text = capitalize_first(_responsible(kb, name))
    if len(centre.municipalities) > 1:
        covered = places(kb, centre.municipalities)
        text += " " + say(kb)("centre-municipalities", centre=centre.short_name, municipalities=covered)
    return Reply(text)


def regular_work(kb: KnowledgeBase, centre_id: str, asked_places: list[Place], outside: list[str] = ()) -> Reply:
    """Yes/no: is this centre (ours, unless the question named another) responsible for these places, that is,
    does it do their regular work. "Da"/"Ne" first, then where a named settlement lies and which centre is
    responsible; then this centre's own area and, for places it is not responsible for, the regional tasks it
    does there."""
    asked, ours, words = _centre(kb, centre_id), kb.own_centre(), say(kb)
    answers, elsewhere = [], []
    for where in asked_places:
        lead = place_lead(kb, where)
        for name in where.municipalities:
            local = kb.centre_for(name)
            answer = words("answer-yes" if local == asked else "answer-no")
            said = _responsible(kb, name)
            answers.append(f"{answer}. {lead} {capitalize_first(said)}" if lead else f"{answer}, {said}")
            lead = ""
            if asked == ours and local != ours and name not in elsewhere:
                elsewhere.append(name)
    answers += [f"{words('answer-no')}. {outside_centre(kb, name)}" for name in outside]
    own_area = kb.centre.regular_area.text if asked == ours else centre_area(kb, asked.id).text
    regional = [
        words("municipality-tasks-only", municipality=place(kb, name), centre=ours.short_name)
        + f"\n{_task_lines(kb, name)}"
        for name in elsewhere
    ]
    return Reply("\n".join([" ".join([*answers, own_area]), *regional]))
