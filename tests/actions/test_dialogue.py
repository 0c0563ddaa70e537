"""Which question a message asks, follow-ups and the new shapes (several places and tasks, counts,
complements, places outside the region) included."""

from __future__ import annotations

from actions.dialogue import Context, Question, Topic, is_coverage_question, municipality_place, plan
from knowledge.places import Place
from knowledge.resolver import Mentions

NONE = Context()


def at(*names: str, **other) -> Mentions:
    """What a message naming these municipalities mentions."""
    return Mentions(municipalities=names, places=tuple(municipality_place(n) for n in names), **other)


def places(*names: str) -> tuple[Place, ...]:
    return tuple(municipality_place(name) for name in names)


def test_task_and_place_is_a_yes_no_question() -> None:
    question = plan("ask_tasks_for_municipality", at("Izola", tasks=("pomoc_na_domu",)), NONE)
    assert question == Question(Topic.TASK_COVERS, ("pomoc_na_domu",), places("Izola"))


def test_two_tasks_and_two_places_are_all_asked() -> None:
    mentions = at("Izola", "Pivka", tasks=("interventna_sluzba", "koordinacija_nasilje"))
    question = plan("ask_task_covers_municipality", mentions, NONE)
    assert question.tasks == ("interventna_sluzba", "koordinacija_nasilje")
    assert question.municipalities == ("Izola", "Pivka")


def test_a_settlement_asks_about_its_municipality() -> None:
    strunjan = Place("Strunjan", ("Piran",), ("Strunjan",))
    mentions = Mentions(municipalities=("Piran",), places=(strunjan,), tasks=("interventna_sluzba",))
    question = plan("ask_task_covers_municipality", mentions, NONE)
    assert question.places == (strunjan,) and question.municipalities == ("Piran",)


def test_a_place_outside_the_region_is_asked_about_too() -> None:
    mentions = Mentions(outside=("Maribor",), tasks=("interventna_sluzba",))
    assert plan("ask_task_covers_municipality", mentions, NONE) == Question(
        Topic.TASK_COVERS, ("interventna_sluzba",), outside=("Maribor",)
    )


def test_task_alone_asks_for_its_coverage() -> None:
    assert plan("ask_task_coverage", Mentions(tasks=("interventna_sluzba",)), NONE).topic == Topic.TASK_COVERAGE


def test_a_life_told_with_no_place_is_no_place_unrecognised() -> None:
    """ "Does it cover …?" with no place: a place not recognised; a life told with no place ("… who can help
    us?", taken for that question) asks where its task reaches."""
    home_help = ("pomoc_na_domu",)
    assert plan("ask_task_covers_municipality", Mentions(tasks=home_help), NONE).topic == Topic.UNKNOWN_MUNICIPALITY
    told = plan("ask_task_covers_municipality", Mentions(tasks=home_help, situation=True), NONE)
    assert told == Question(Topic.TASK_COVERAGE, home_help, situation=True)


def test_does_a_task_cover_with_no_place_asks_about_the_place_of_the_conversation() -> None:
    """ "In interventna služba?" after "Ali pomoč na domu pokriva Piran?", taken for "does it cover …?" rather
    than a follow-up: the place of the conversation, as a follow-up has it."""
    context = Context(task="pomoc_na_domu", municipality="Piran", topic=Topic.TASK_COVERS)
    question = plan("ask_task_covers_municipality", Mentions(tasks=("interventna_sluzba",)), context)
    assert question == Question(Topic.TASK_COVERS, ("interventna_sluzba",), places("Piran"))


def test_how_many_asks_for_the_count() -> None:
    question = plan("ask_task_coverage", Mentions(tasks=("koordinacija_nasilje",), count=True), NONE)
    assert question == Question(Topic.TASK_COVERAGE, ("koordinacija_nasilje",), count=True)


def test_not_covered_asks_for_the_complement() -> None:
    question = plan("ask_task_coverage", Mentions(tasks=("interventna_sluzba",), complement=True), NONE)
    assert question == Question(Topic.TASK_COMPLEMENT, ("interventna_sluzba",))


def test_how_many_after_a_coverage_answer_counts_its_task() -> None:
    context = Context(task="pomoc_na_domu", topic=Topic.TASK_COVERAGE.value)
    for intent in ("follow_up", "ask_task_coverage"):
        assert plan(intent, Mentions(count=True), context) == Question(
            Topic.TASK_COVERAGE, ("pomoc_na_domu",), count=True
        )


def test_place_alone_asks_what_is_done_there() -> None:
    assert plan("ask_tasks_for_municipality", at("Pivka"), NONE).topic == Topic.MUNICIPALITY_TASKS


def test_nothing_named_in_a_coverage_question_gives_the_overview() -> None:
    assert plan("ask_task_coverage", Mentions(), NONE).topic == Topic.TASKS_OVERVIEW


def test_nothing_named_in_a_place_question_is_an_unknown_place() -> None:
    assert plan("ask_tasks_for_municipality", Mentions(), NONE) == Question(Topic.UNKNOWN_MUNICIPALITY)


def test_follow_up_place_after_a_task_asks_yes_no() -> None:
    context = Context(task="interventna_sluzba", topic=Topic.TASK_COVERAGE.value)
    question = plan("follow_up", at("Sežana"), context)
    assert question == Question(Topic.TASK_COVERS, ("interventna_sluzba",), places("Sežana"))


def test_follow_up_place_after_a_place_asks_what_is_done_there() -> None:
    context = Context(task="interventna_sluzba", municipality="Pivka", topic=Topic.MUNICIPALITY_TASKS.value)
    assert plan("follow_up", at("Izola"), context) == Question(Topic.MUNICIPALITY_TASKS, places=places("Izola"))


def test_follow_up_task_after_a_yes_no_keeps_the_place() -> None:
    context = Context(task="interventna_sluzba", municipality="Pivka", topic=Topic.TASK_COVERS.value)
    assert plan("follow_up", Mentions(tasks=("pomoc_na_domu",)), context) == Question(
        Topic.TASK_COVERS, ("pomoc_na_domu",), places("Pivka")
    )


def test_follow_up_after_a_centre_question_asks_for_the_centre() -> None:
    context = Context(municipality="Divača", topic=Topic.CENTRE.value)
    assert plan("follow_up", at("Pivka"), context).topic == Topic.CENTRE


def test_follow_up_with_an_unknown_place_keeps_the_task() -> None:
    context = Context(task="interventna_sluzba", topic=Topic.TASK_COVERAGE.value)
    assert plan("follow_up", Mentions(), context) == Question(Topic.UNKNOWN_MUNICIPALITY, ("interventna_sluzba",))


def test_yes_no_intent_with_only_a_place_uses_the_last_task() -> None:
    context = Context(task="pomoc_na_domu", topic=Topic.TASK_COVERAGE.value)
    assert plan("ask_task_covers_municipality", at("Komen"), context) == Question(
        Topic.TASK_COVERS, ("pomoc_na_domu",), places("Komen")
    )


def test_centre_question() -> None:
    assert plan("ask_centres", at("Komen"), NONE) == Question(Topic.CENTRE, places=places("Komen"))
    assert plan("ask_centres", Mentions(), NONE) == Question(Topic.CENTRE)
    assert plan("ask_centres", Mentions(count=True), NONE) == Question(Topic.CENTRE, count=True)


def test_yes_no_about_a_place_we_do_not_know() -> None:
    question = plan("ask_task_covers_municipality", Mentions(tasks=("interventna_sluzba",)), NONE)
    assert question == Question(Topic.UNKNOWN_MUNICIPALITY, ("interventna_sluzba",))


def test_an_activity_without_place_or_task_is_about_the_centre_s_work() -> None:
    question = plan("ask_tasks_for_municipality", Mentions(activities=("preventivni_razvojni_programi",)), NONE)
    assert question == Question(Topic.SERVICES)


def test_a_coverage_question_is_a_task_with_a_place_a_count_or_a_complement() -> None:
    assert is_coverage_question(at("Pivka", tasks=("pomoc_na_domu",)))
    assert is_coverage_question(Mentions(tasks=("pomoc_na_domu",), count=True))
    assert is_coverage_question(Mentions(tasks=("pomoc_na_domu",), outside=("Kranj",)))
    assert not is_coverage_question(Mentions(tasks=("pomoc_na_domu",)))
    assert not is_coverage_question(at("Pivka"))


def test_a_named_centre_s_area_under_any_coverage_intent() -> None:
    mentions = Mentions(centres=("sezana",), count=True)
    for intent in ("ask_centres", "ask_tasks_for_municipality", "ask_task_coverage"):
        assert plan(intent, mentions, NONE) == Question(Topic.CENTRE_AREA, count=True, centres=("sezana",))


def test_which_centres_a_task_covers() -> None:
    asked = Mentions(tasks=("obravnava_v_skupnosti",), asks_centres=True)
    assert plan("ask_task_coverage", asked, NONE) == Question(Topic.TASK_CENTRES, ("obravnava_v_skupnosti",))
    # The centres' intent with a task names that task's centres, not every centre of the region.
    named = Mentions(tasks=("interventna_sluzba",))
    assert plan("ask_centres", named, NONE) == Question(Topic.TASK_CENTRES, ("interventna_sluzba",))
    assert is_coverage_question(asked) and not is_coverage_question(named)
    # With a place, whether the task covers it.
    assert plan("ask_centres", at("Izola", tasks=("interventna_sluzba",), asks_centres=True), NONE).topic == (
        Topic.TASK_COVERS
    )


def test_a_yes_or_no_about_the_regular_work_of_a_place() -> None:
    asked = at("Izola", regular_work=True)
    assert plan("ask_regular_area", asked, NONE) == Question(Topic.REGULAR_WORK, places=places("Izola"))
    assert is_coverage_question(asked)  # whatever the intent: thanks, crisis, fallback …
    # The centre it names is the one asked about.
    other = at("Pivka", regular_work=True, centres=("postojna",))
    assert plan("ask_centres", other, NONE).centres == ("postojna",)
    # "Kdo …?" asks for the centre; with a task, whether the task covers the place.
    assert plan("ask_centres", at("Izola", regular_work=True, open_question=True), NONE).topic == Topic.CENTRE
    with_task = at("Izola", regular_work=True, tasks=("interventna_sluzba",))
    assert plan("ask_task_covers_municipality", with_task, NONE).topic == Topic.TASK_COVERS


def test_follow_up_after_a_yes_or_no_about_the_regular_work() -> None:
    context = Context(topic="regular_work", municipality="Izola")
    assert plan("follow_up", at("Piran"), context) == Question(Topic.REGULAR_WORK, places=places("Piran"))
