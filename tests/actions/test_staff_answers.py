"""Staff answers in the actions: where the knowledge base cannot answer, danger first, Italian, follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.events import SlotSet

from actions import staff
from actions.actions import (
    ActionAnswerCoverage,
    ActionAnswerPracticalInfo,
    ActionAnswerServices,
    ActionCrisis,
    ActionFallback,
    ActionSmallTalk,
)
from staff_answers.entries import read_bulk
from staff_answers.store import AnswerStore
from tests.actions.test_actions import run, run_raw, texts

ENTRIES = Path(__file__).resolve().parents[1] / "eval" / "answers" / "entries.yml"


@pytest.fixture
def published(answers_store: AnswerStore) -> AnswerStore:
    answers_store.import_entries(read_bulk(ENTRIES.read_text(encoding="utf-8")), "ana", publish_as="bojan")
    staff.live_answers().refresh()
    return answers_store


def test_not_understood_gets_the_staff_answer(published: AnswerStore) -> None:
    messages, events = run(ActionFallback(), "Bivši ne plačuje preživnine za sina, kaj lahko naredim?", "nlu_fallback")
    assert texts(messages) == ["TESTNI ODGOVOR nadomestilo preživnine."]
    assert SlotSet("topic", "staff_answer") in events


def test_the_custom_message_names_the_entry_and_offers_a_rating(published: AnswerStore) -> None:
    messages, _ = run_raw(ActionFallback(), "Kako dobim dodatek za veliko družino?", "nlu_fallback")
    custom = [m["custom"] for m in messages if m.get("custom")][0]
    assert custom["staff_answer"] == "velika-druzina" and len(custom["answer_id"]) == 32


def test_without_a_publication_it_is_not_understood() -> None:
    messages, _ = run(ActionFallback(), "Kako dobim dodatek za veliko družino?", "nlu_fallback")
    assert "TESTNI" not in " ".join(texts(messages))


def test_the_knowledge_base_answers_first(published: AnswerStore) -> None:
    messages, _ = run(ActionAnswerCoverage(), "Ali pomoč na domu pokriva Sežano?", "ask_task_covers_municipality")
    assert "Sežan" in texts(messages)[0] and "TESTNI" not in texts(messages)[0]


def test_a_practical_question_without_data_gets_the_staff_answer(published: AnswerStore) -> None:
    messages, _ = run(
        ActionAnswerPracticalInfo(), "Kako oddam vlogo za dodatek za veliko družino?", "ask_practical_info"
    )
    assert texts(messages) == ["TESTNI ODGOVOR dodatek za veliko družino."]


def test_do_you_handle_it_gets_the_staff_answer(published: AnswerStore) -> None:
    messages, _ = run(ActionAnswerServices(), "Ali urejate tudi posvojitve otrok?", "ask_services")
    assert texts(messages) == ["TESTNI ODGOVOR posvojitev."]


def test_a_weak_guess_gives_way_to_a_strong_match(published: AnswerStore) -> None:
    """After a question about a task, a confident follow-up guess is the knowledge base's; a weak one gives way."""
    message = "Mama ima demenco in ne more več sama odločati, kako postanem njen skrbnik?"
    before = {"task": "pomoc_na_domu", "topic": "task_coverage"}
    confident, _ = run(ActionAnswerCoverage(), message, "ask_task_coverage", slots=before)
    assert "TESTNI" not in " ".join(texts(confident))
    weak, _ = run(ActionAnswerCoverage(), message, "ask_task_coverage", slots=before, confidence=0.4)
    assert texts(weak) == ["TESTNI ODGOVOR skrbništvo."]


def test_a_coverage_guess_about_nothing_gives_way_to_a_match(published: AnswerStore) -> None:
    """A message that names no task or place and follows nothing: a coverage answer would be about nothing."""
    message = "Mama ima demenco in ne more več sama odločati, kako postanem njen skrbnik?"
    messages, _ = run(ActionAnswerCoverage(), message, "ask_task_covers_municipality", confidence=0.95)
    assert texts(messages) == ["TESTNI ODGOVOR skrbništvo."]


def test_danger_gets_the_emergency_lines_first_then_the_answer(published: AnswerStore) -> None:
    messages, _ = run(ActionCrisis(), "Mož me pretepa, pokvaril se je bojler in nimam denarja za popravilo", "crisis")
    said = texts(messages)
    assert "112" in said[0] and said[-1] == "TESTNI ODGOVOR izredna denarna socialna pomoč."


def test_a_question_wrapped_in_thanks_is_answered(published: AnswerStore) -> None:
    messages, _ = run(ActionSmallTalk(), "Hvala za prej. Še to: kako lahko posvojiva otroka? Hvala lepa!", "thanks")
    assert texts(messages) == ["TESTNI ODGOVOR posvojitev."]
    thanks, _ = run(ActionSmallTalk(), "hvala lepa", "thanks")
    assert "TESTNI" not in texts(thanks)[0]


def test_an_italian_conversation_gets_the_italian_text_or_a_note(published: AnswerStore) -> None:
    italian, _ = run(ActionFallback(), "Come possiamo adottare un bambino?", "nlu_fallback", {"language": "it"})
    assert texts(italian) == ["RISPOSTA DI PROVA adozione."]
    only_sl, _ = run(ActionFallback(), "Come posso diventare družinski pomočnik?", "nlu_fallback", {"language": "it"})
    assert texts(only_sl) == ["Questa risposta è disponibile solo in sloveno:\n\nTESTNI ODGOVOR družinski pomočnik."]


def test_a_follow_up_after_a_staff_answer(published: AnswerStore) -> None:
    slots = {"topic": "staff_answer", "task": None, "municipality": None}
    messages, _ = run(ActionAnswerCoverage(), "pa pogrebni stroški?", "follow_up", slots)
    assert texts(messages) == ["TESTNI ODGOVOR pogrebni stroški."]


def test_a_button_payload_is_never_matched(published: AnswerStore) -> None:
    messages, _ = run(ActionFallback(), "/posvojitev", "nlu_fallback")
    assert "TESTNI" not in " ".join(texts(messages))


def test_contact_details_the_staff_publish_win_over_the_websites(answers_store: AnswerStore) -> None:
    answers_store.save("kontakt", {"phone": {"text": "05 123 45 67", "source": "tajništvo CSD Koper"}}, "ana", None)
    answers_store.publish("bojan", ["kontakt"])
    staff.live_answers().refresh()
    messages, _ = run(ActionAnswerPracticalInfo(), "Kakšna je vaša telefonska številka?", "ask_practical_info")
    said = " ".join(texts(messages))
    assert "05 123 45 67" in said and "tajništvo CSD Koper" in said and "66 34 534" not in said


def test_whom_to_turn_to_about_an_answered_topic_gets_the_staff_answer(published: AnswerStore) -> None:
    messages, _ = run(ActionSmallTalk(), "Ne vem, na koga naj se obrnem glede posvojitve otroka.", "help")
    assert texts(messages) == ["TESTNI ODGOVOR posvojitev."]
    lost, _ = run(ActionSmallTalk(), "Ne vem, na koga naj se obrnem.", "help")
    assert "TESTNI" not in " ".join(texts(lost))  # first social help, as without staff answers


def test_words_of_danger_do_not_hold_back_the_answer_to_the_question(published: AnswerStore) -> None:
    messages, _ = run(ActionCrisis(), "Brat mi grozi, kako postanem skrbnik za očeta z demenco?", "crisis")
    said = texts(messages)
    assert "112" in said[0] and said[-1] == "TESTNI ODGOVOR skrbništvo."
