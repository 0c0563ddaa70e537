"""Lives described instead of tasks named, "what is it?", and a question wrapped in greetings, thanks or
words of danger: the actions answer the question the message holds, from the knowledge base."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    RULES,
    ActionAnswerCoverage,
    ActionCrisis,
    ActionFallback,
    ActionSmallTalk,
    action_of_intent,
)
from knowledge import knowledge_base


def answer(action: Action, text: str, ranking: list[tuple[str, float]], language: str = "sl") -> str:
    """The text `action` sends for one message classified as `ranking` (best first)."""
    message = {
        "text": text,
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "entities": [],
        "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking],
        "metadata": {"language": language},
    }
    tracker = Tracker("test-user", {}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return "\n".join(m["text"] for m in dispatcher.messages if m.get("text"))


@pytest.mark.parametrize("language", ["sl", "it"])
def test_what_a_task_is_comes_from_its_description(language: str) -> None:
    kb = knowledge_base(language)
    words = {"sl": "Kaj pomeni obravnava v skupnosti?", "it": "Cosa significa la presa in carico nella comunità?"}
    reply = answer(ActionAnswerCoverage(), words[language], [("ask_task_coverage", 0.8)], language)
    task = kb.task("obravnava_v_skupnosti")
    assert reply.startswith(task.description)
    assert all(m.name in reply for m in kb.task_municipalities(task.id))  # then where it works


def test_home_help_is_never_said_to_run() -> None:
    """The seed's regional home-help centre is a project that "predvideva delovanje"."""
    reply = answer(ActionAnswerCoverage(), "Komu je namenjena pomoč na domu?", [("ask_task_coverage", 0.8)])
    assert "predvideva delovanje" in reply
    assert " deluje" not in reply


def test_a_life_described_names_its_task_and_says_what_it_is() -> None:
    kb = knowledge_base("sl")
    text = "Stari oče živi sam v Komnu in se ne more več sam obleči. Ali mu lahko kdo pride pomagat?"
    reply = answer(ActionCrisis(), text, [("crisis", 0.6), ("ask_services", 0.2)])
    # A carer's worry, no danger to life (docs/nlu-report.md): the answer, then one gentle line, no 112.
    assert reply.startswith(kb.task("pomoc_na_domu").description) and "112" not in reply
    assert kb.help_lines.gentle_line.text in reply
    assert "Komen" in reply or "Komnu" in reply
    reply = answer(ActionAnswerCoverage(), text, [("ask_task_covers_municipality", 0.5)])
    assert reply.startswith(kb.task("pomoc_na_domu").description)


def test_a_named_task_wins_over_the_life_around_it() -> None:
    text = "Mama ne zmore več sama, a me zanima, ali interventna služba pokriva Piran?"
    reply = answer(ActionAnswerCoverage(), text, [("ask_task_covers_municipality", 0.9)])
    assert reply.startswith("Da, regijska interventna služba pokriva tudi Piran.")


def test_thanks_around_a_question_do_not_replace_it() -> None:
    text = "Lepo pozdravljeni, katere občine pokriva koordinacija obravnave v skupnosti? Najlepša hvala."
    reply = answer(ActionSmallTalk(), text, [("thanks", 0.55), ("ask_task_coverage", 0.3)])
    assert "Sežana" in reply and "Ni za kaj" not in reply
    assert answer(ActionSmallTalk(), "Hvala lepa!", [("thanks", 0.95), ("ask_task_coverage", 0.02)]).startswith(
        "Ni za kaj"
    )


def test_thanks_alone_with_a_weak_second_guess_stay_thanks() -> None:
    """Many words of thanks are no question: a guess the classifier is unsure of is not answered."""
    text = "Hvala vam za vse, res ste mi zelo pomagali danes"
    assert answer(ActionSmallTalk(), text, [("thanks", 0.9), ("ask_services", 0.05)]).startswith("Ni za kaj")


def test_a_practical_question_beside_thanks_is_answered() -> None:
    reply = answer(ActionSmallTalk(), "Hvala vnaprej, zanima me, kakšen je vaš naslov?", [("thanks", 0.9)])
    assert "Prisoje" in reply and "Ni za kaj" not in reply


def test_words_of_danger_beside_a_practical_question_get_both() -> None:
    text = "Sin mi grozi z nožem. Kakšen je vaš naslov?"
    reply = answer(ActionCrisis(), text, [("crisis", 0.7), ("ask_practical_info", 0.25)])
    assert reply.startswith(knowledge_base("sl").help_lines.first_line)
    assert "Prisoje" in reply  # the address, from the contact details


def test_primorska_words_read_as_standard_ones() -> None:
    reply = answer(ActionAnswerCoverage(), "kok občin pokriva interventna?", [("ask_task_coverage", 0.8)])
    assert reply.startswith("Regijska interventna služba pokriva tri občine")  # "kok": koliko


def test_the_actions_answer_each_intent_as_the_rules_say() -> None:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    pairs = {(rule["steps"][0]["intent"], rule["steps"][1]["action"]) for rule in rules if len(rule["steps"]) == 2}
    assert pairs <= set(action_of_intent().items())
    assert action_of_intent()["ask_practical_info"] == "action_answer_practical_info"


def test_who_is_responsible_for_a_place_is_answered_when_the_classifier_is_unsure() -> None:
    reply = answer(ActionFallback(), "jst sm iz Portoroža, kdo je pristojn za nas?", [("nlu_fallback", 0.4)])
    assert "Center za socialno delo Piran" in reply


def test_are_you_also_for_a_place_in_primorska_speech_is_a_yes_or_no() -> None:
    reply = answer(ActionAnswerCoverage(), "a ste tut za Piran?", [("ask_tasks_for_municipality", 0.6)])
    assert reply.startswith("Ne, za Piran je pristojen Center za socialno delo Piran.")
    reply = answer(ActionAnswerCoverage(), "a ste tut za Koper?", [("ask_regular_area", 0.6)])
    assert reply.startswith("Da,")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sl", "mama ne zmore več sama, kaj lahko naredimo?"),
        ("it", "mia madre non ce la fa più da sola, cosa possiamo fare?"),
        ("en", "my mum can't cope on her own any more, what can we do?"),
        ("hr", "mama više ne može sama, što možemo učiniti?"),
    ],
)
def test_a_life_taken_for_distress_names_nothing_and_still_gets_what_helps(language: str, text: str) -> None:
    """The classifier takes many lives told for a crisis; one that names no place still gets the task it points
    to, with where it reaches, in the message's language; and the gentle line, no 112 (a carer's worry)."""
    kb = knowledge_base(language)
    said = answer(ActionCrisis(), text, [("crisis", 0.99)], language)
    assert said.startswith(kb.task("pomoc_na_domu").description)
    assert kb.help_lines.gentle_line.text in said and "112" not in said
    assert "Pivk" in said  # where it reaches: the ten municipalities, the last of them
