"""Which question a message asks, follow-ups included."""

from __future__ import annotations

from actions.dialogue import Context, Question, Topic, plan
from knowledge.resolver import Mentions

NONE = Context()


def test_task_and_place_is_a_yes_no_question() -> None:
    question = plan("ask_tasks_for_municipality", Mentions(municipalities=("Izola",), tasks=("pomoc_na_domu",)), NONE)
    assert question == Question(Topic.TASK_COVERS, "pomoc_na_domu", ("Izola",))


def test_task_alone_asks_for_its_coverage() -> None:
    assert plan("ask_task_coverage", Mentions(tasks=("interventna_sluzba",)), NONE).topic == Topic.TASK_COVERAGE


def test_place_alone_asks_what_is_done_there() -> None:
    assert (
        plan("ask_tasks_for_municipality", Mentions(municipalities=("Pivka",)), NONE).topic == Topic.MUNICIPALITY_TASKS
    )


def test_nothing_named_in_a_coverage_question_gives_the_overview() -> None:
    assert plan("ask_task_coverage", Mentions(), NONE).topic == Topic.TASKS_OVERVIEW


def test_nothing_named_in_a_place_question_is_an_unknown_place() -> None:
    assert plan("ask_tasks_for_municipality", Mentions(), NONE) == Question(Topic.UNKNOWN_MUNICIPALITY)


def test_follow_up_place_after_a_task_asks_yes_no() -> None:
    context = Context(task="interventna_sluzba", topic=Topic.TASK_COVERAGE.value)
    question = plan("follow_up", Mentions(municipalities=("Sežana",)), context)
    assert question == Question(Topic.TASK_COVERS, "interventna_sluzba", ("Sežana",))


def test_follow_up_place_after_a_place_asks_what_is_done_there() -> None:
    context = Context(task="interventna_sluzba", municipality="Pivka", topic=Topic.MUNICIPALITY_TASKS.value)
    assert plan("follow_up", Mentions(municipalities=("Izola",)), context) == Question(
        Topic.MUNICIPALITY_TASKS, municipalities=("Izola",)
    )


def test_follow_up_task_after_a_yes_no_keeps_the_place() -> None:
    context = Context(task="interventna_sluzba", municipality="Pivka", topic=Topic.TASK_COVERS.value)
    assert plan("follow_up", Mentions(tasks=("pomoc_na_domu",)), context) == Question(
        Topic.TASK_COVERS, "pomoc_na_domu", ("Pivka",)
    )


def test_follow_up_after_a_centre_question_asks_for_the_centre() -> None:
    context = Context(municipality="Divača", topic=Topic.CENTRE.value)
    assert plan("follow_up", Mentions(municipalities=("Pivka",)), context).topic == Topic.CENTRE


def test_follow_up_with_an_unknown_place_keeps_the_task() -> None:
    context = Context(task="interventna_sluzba", topic=Topic.TASK_COVERAGE.value)
    assert plan("follow_up", Mentions(), context) == Question(Topic.UNKNOWN_MUNICIPALITY, "interventna_sluzba")


def test_yes_no_intent_with_only_a_place_uses_the_last_task() -> None:
    context = Context(task="pomoc_na_domu", topic=Topic.TASK_COVERAGE.value)
    assert plan("ask_task_covers_municipality", Mentions(municipalities=("Komen",)), context) == Question(
        Topic.TASK_COVERS, "pomoc_na_domu", ("Komen",)
    )


def test_centre_question() -> None:
    assert plan("ask_centres", Mentions(municipalities=("Komen",)), NONE) == Question(
        Topic.CENTRE, municipalities=("Komen",)
    )
    assert plan("ask_centres", Mentions(), NONE) == Question(Topic.CENTRE)


def test_yes_no_about_a_place_we_do_not_know() -> None:
    question = plan("ask_task_covers_municipality", Mentions(tasks=("interventna_sluzba",)), NONE)
    assert question == Question(Topic.UNKNOWN_MUNICIPALITY, "interventna_sluzba")


def test_an_activity_without_place_or_task_is_about_the_centre_s_work() -> None:
    question = plan("ask_tasks_for_municipality", Mentions(activities=("preventivni_razvojni_programi",)), NONE)
    assert question == Question(Topic.SERVICES)
