"""Every custom action, run offline with a hand-built Tracker and a CollectingDispatcher."""

from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import actions
from actions.actions import (
    ActionAnswerCentres,
    ActionAnswerCoverage,
    ActionAnswerKoperFact,
    ActionAnswerPracticalInfo,
    ActionAnswerRegularArea,
    ActionAnswerServices,
    ActionCrisis,
    ActionFallback,
    ActionSetLanguage,
    ActionSmallTalk,
)
from knowledge.resolver import Resolver
from knowledge.schema import ContactDetail
from replies.languages import SERVED


def run(
    action: Action, text: str, intent: str, *given: Any, **named: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run `action` on one message (the rest as `run_raw` takes it); return the messages it sent and the events it
    returned, without the language every action tells (the custom message and the slot; the tests of
    the language check those)."""
    messages, events = run_raw(action, text, intent, *given, **named)
    language_slot = {"event": "slot", "timestamp": None, "name": "language"}
    return (
        [m for m in messages if not m.get("custom")],
        [e for e in events if {k: e.get(k) for k in language_slot} != language_slot],
    )


def run_raw(
    action: Action,
    text: str,
    intent: str,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    ranking: list[str | tuple[str, float]] | None = None,  # a name alone: confidence 0.1
    metadata: dict[str, Any] | None = None,
    confidence: float = 0.9,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [
            {"name": item, "confidence": 0.1} if isinstance(item, str) else {"name": item[0], "confidence": item[1]}
            for item in ranking or [intent]
        ],
        "metadata": metadata or {},
    }
    tracker = Tracker("test-user", slots or {}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages]


def test_every_action_has_its_domain_name() -> None:
    names = {action().name() for action in (ActionAnswerCoverage, ActionAnswerCentres, ActionAnswerServices,
             ActionAnswerRegularArea, ActionAnswerKoperFact, ActionCrisis, ActionSmallTalk, ActionFallback,
             ActionAnswerPracticalInfo, ActionSetLanguage)}  # fmt: skip
    domain_text = Path("domain.yml").read_text(encoding="utf-8")
    assert all(f"  - {name}\n" in domain_text for name in names)


def test_coverage_yes_no_and_slots() -> None:
    messages, events = run(
        ActionAnswerCoverage(), "Ali interventna služba pokriva Izolo?", "ask_task_covers_municipality"
    )
    assert texts(messages)[0].startswith("Da, regijska interventna služba pokriva tudi Izolo.")
    assert SlotSet("topic", "task_covers") in events
    assert SlotSet("task", "interventna_sluzba") in events
    assert SlotSet("municipality", "Izola") in events


def test_follow_up_uses_the_slots() -> None:
    slots = {"topic": "task_coverage", "task": "interventna_sluzba", "municipality": None}
    messages, _ = run(ActionAnswerCoverage(), "Kaj pa Sežana?", "follow_up", slots)
    assert texts(messages)[0].startswith("Ne, regijska interventna služba ne pokriva Sežane.")


def test_follow_up_for_another_place() -> None:
    slots = {"topic": "municipality_tasks", "task": None, "municipality": "Pivka"}
    messages, events = run(ActionAnswerCoverage(), "pa za izolo?", "follow_up", slots)
    assert texts(messages)[0].startswith("Za Izolo CSD Koper izvaja te regijske naloge:")
    assert SlotSet("municipality", "Izola") in events


def test_a_typed_or_pressed_payload_uses_its_entities() -> None:
    entities = [{"entity": "task", "value": "pomoc_na_domu"}, {"entity": "municipality", "value": "Komen"}]
    messages, _ = run(
        ActionAnswerCoverage(),
        '/ask_task_covers_municipality{"task": "pomoc_na_domu", "municipality": "Komen"}',
        "ask_task_covers_municipality",
        entities=entities,
    )
    assert texts(messages)[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Komen.")


def test_a_payload_with_unknown_values_is_not_trusted() -> None:
    entities = [{"entity": "municipality", "value": "Maribor"}]
    messages, _ = run(
        ActionAnswerCoverage(),
        '/ask_tasks_for_municipality{"municipality": "Maribor"}',
        "ask_tasks_for_municipality",
        entities=entities,
    )
    assert texts(messages)[0].startswith("Žal za to občino nimam podatkov.")


def test_overview_offers_a_button_per_task() -> None:
    messages, _ = run(ActionAnswerCoverage(), "katere regijske naloge imate", "ask_task_coverage")
    buttons = messages[0]["buttons"]
    assert len(buttons) == 6
    assert buttons[0]["payload"] == '/ask_task_coverage{"task": "interventna_sluzba"}'


def test_centres() -> None:
    messages, events = run(ActionAnswerCentres(), "kateri csd je pristojen za divaco", "ask_centres")
    assert texts(messages) == [
        "Za Divačo je pristojen Center za socialno delo Sežana. CSD Sežana pokriva občine Sežana, Divača, Hrpelje-Kozina in Komen."
    ]
    assert SlotSet("topic", "centre") in events


# Asked of every task, in each language: "which centres' areas?", as the centres intent and as a task question.
CENTRES_ASKED = {
    "sl": ("Za katere centre se izvaja {}?", "Na območju katerih centrov deluje {}?"),
    "it": ("Per quali centri opera {}?", "Nel territorio di quali centri si svolge {}?"),
}
# Where an answer names the centres, and how it joins them.
CENTRES_NAMED = {
    "sl": (r"območje centr(?:a|ov) za socialno delo (.+?), to je", r", | in "),
    "it": (r"territorio de(?:l|i) centr[oi] (.+?), ossia", r", | e "),
}


@pytest.mark.parametrize("language", ["sl", "it"])
@pytest.mark.parametrize("intent", ["ask_centres", "ask_task_coverage"])
def test_the_centres_a_task_covers_are_those_of_its_municipalities(language: str, intent: str) -> None:
    kb = actions.knowledge(language)[0]
    action = ActionAnswerCentres() if intent == "ask_centres" else ActionAnswerCoverage()
    where, joined = CENTRES_NAMED[language]
    for task in kb.tasks:
        expected = {kb.centre_for(m.name).short_name for m in kb.task_municipalities(task.id)}
        for question in CENTRES_ASKED[language]:
            messages, events = run(action, question.format(task.name), intent, metadata={"language": language})
            found = re.search(where, texts(messages)[0])
            assert found, (task.id, texts(messages))
            named = {name if name.startswith("CSD ") else f"CSD {name}" for name in re.split(joined, found[1])}
            assert named == expected, (task.id, question)
            assert SlotSet("task", task.id) in events


def test_services_regular_area_and_koper_facts() -> None:
    assert "javna pooblastila" in texts(run(ActionAnswerServices(), "kaj delate", "ask_services")[0])[0]
    assert "Upravna enota Koper" in texts(run(ActionAnswerRegularArea(), "kje delate", "ask_regular_area")[0])[0]
    assert "36 katastrskih občin" in texts(run(ActionAnswerKoperFact(), "katastrske obcine", "mok_cadastral")[0])[0]
    north = texts(run(ActionAnswerKoperFact(), "kaj je severno od kopra", "mok_borders")[0])[0]
    assert north == "Na severu Mestna občina Koper meji na občino Hrpelje-Kozina."


def test_crisis_sends_the_emergency_lines() -> None:
    messages, events = run(ActionCrisis(), "bojim se za svoje zivljenje", "crisis")
    assert len(messages) == 1 and "112" in messages[0]["text"] and "113" in messages[0]["text"]
    assert events == []


def test_danger_words_come_first_whatever_the_intent() -> None:
    messages, _ = run(
        ActionAnswerCoverage(), "mož me tepe, ali interventna služba deluje v Piranu?", "ask_task_covers_municipality"
    )
    assert texts(messages)[0].startswith("Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112")
    assert texts(messages)[1].startswith("Da, regijska interventna služba pokriva tudi Piran.")


def test_fallback_never_says_it_cannot_help_someone_in_danger() -> None:
    messages, _ = run(ActionFallback(), "udaril me je", "nlu_fallback", ranking=["nlu_fallback", "greet"])
    assert len(messages) == 1 and "112" in messages[0]["text"]
    assert "Žal" not in messages[0]["text"]


def test_fallback_explains_what_can_be_asked() -> None:
    messages, events = run(ActionFallback(), "xq zzv", "nlu_fallback", ranking=["nlu_fallback", "greet"])
    assert texts(messages)[0].startswith("Žal na to ne znam odgovoriti.")
    assert messages[0]["buttons"] and events == []


def test_fallback_answers_a_coverage_guess_that_names_a_known_place() -> None:
    ranking = ["nlu_fallback", "ask_tasks_for_municipality", "ask_services"]
    messages, _ = run(ActionFallback(), "ej kaj vi tam za komen", "nlu_fallback", ranking=ranking)
    assert texts(messages)[0].startswith("Za Komen CSD Koper izvaja te regijske naloge:")


@pytest.mark.parametrize(
    ("text", "slots", "reply"),
    [
        # A place alone after a question about a task: the same question of that place.
        ("Pivka", {"task": "pomoc_na_domu", "topic": "task_coverage"},
         "Da, regijski center za pomoč na domu pokriva tudi Pivko."),
        ("v Ilirski Bistrici?", {"task": "interventna_sluzba", "topic": "task_covers"},
         "Ne, regijska interventna služba ne pokriva Ilirske Bistrice."),
        # With nothing asked before: what is done there.
        ("Sežana", {}, "Za Sežano CSD Koper izvaja te regijske naloge:"),
        ("e Pirano?", {"language": "it"}, "Per Pirano (Piran) il CSD Koper svolge questi compiti regionali:"),
    ],
)  # fmt: skip
def test_a_place_named_alone_follows_the_question_before_it(text: str, slots: dict, reply: str) -> None:
    ranking = ["nlu_fallback", "mok_overview", "greet"]
    messages, _ = run(ActionFallback(), text, "nlu_fallback", slots, ranking=ranking)
    assert texts(messages)[0].startswith(reply)


def test_a_place_beside_other_words_is_no_follow_up() -> None:
    messages, _ = run(ActionFallback(), "Pivka mi je všeč", "nlu_fallback", ranking=["nlu_fallback", "greet"])
    assert texts(messages)[0].startswith("Žal na to ne znam odgovoriti.")


def test_out_of_scope_with_a_place_still_falls_back() -> None:
    ranking = ["out_of_scope", "ask_tasks_for_municipality"]
    messages, _ = run(ActionFallback(), "kdaj je tržnica v Kopru odprta", "out_of_scope", ranking=ranking)
    assert texts(messages)[0].startswith("Žal na to ne znam odgovoriti.")


def test_small_talk_replies_by_intent() -> None:
    for intent in ("greet", "goodbye", "thanks", "bot_challenge", "help"):
        messages, _ = run(ActionSmallTalk(), "…", intent)
        assert messages and messages[0]["text"]
    assert "program" in texts(run(ActionSmallTalk(), "si robot", "bot_challenge")[0])[0]


def test_services_asked_for_a_municipality_lists_what_is_done_there() -> None:
    messages, events = run(ActionAnswerServices(), "katere naloge opravlja koprski csd v komnu", "ask_services")
    assert texts(messages)[0].startswith("Za Komen CSD Koper izvaja te regijske naloge:")
    assert SlotSet("municipality", "Komen") in events


def test_a_coverage_guess_that_names_an_activity_answers_about_the_work() -> None:
    messages, _ = run(ActionAnswerCoverage(), "imate kaj za preprečevanje težav", "ask_tasks_for_municipality")
    assert "preventivne in razvojne programe" in texts(messages)[0]
    assert texts(messages)[0].startswith("Da, center izvaja tudi preventivne in razvojne programe.")


def test_a_settlement_is_named_with_its_municipality() -> None:
    messages, events = run(
        ActionAnswerCoverage(), "Smo iz Strunjana, ali nas pokriva interventna služba?", "ask_task_covers_municipality"
    )
    text = texts(messages)[0]
    assert text.startswith("Naselje Strunjan je v občini Piran.")
    assert "Da, regijska interventna služba pokriva tudi Piran." in text
    assert SlotSet("municipality", "Piran") in events


def test_a_shared_settlement_name_is_answered_for_both_municipalities() -> None:
    messages, _ = run(ActionAnswerCoverage(), "Ali interventna služba pokriva Škocjan?", "ask_task_covers_municipality")
    text = texts(messages)[0]
    assert "Škocjan v Mestni občini Koper; Škocjan v občini Divača" in text
    assert "Da, regijska interventna služba pokriva tudi Koper." in text
    assert "Ne, regijska interventna služba ne pokriva Divače." in text


def test_two_tasks_for_one_place_are_each_answered() -> None:
    messages, _ = run(
        ActionAnswerCoverage(),
        "Ali za Izolo izvajate interventno službo in koordinacijo za nasilje?",
        "ask_task_covers_municipality",
    )
    text = texts(messages)[0]
    assert "Da, regijska interventna služba pokriva tudi Izolo." in text
    assert "Da, regijska koordinacija za nasilje pokriva tudi Izolo." in text


def test_a_place_outside_the_region_is_a_plain_no() -> None:
    messages, _ = run(ActionAnswerCoverage(), "Ali interventna služba pokriva Maribor?", "ask_task_covers_municipality")
    text = texts(messages)[0]
    assert text.startswith("Ne, regijska interventna služba ne pokriva kraja Maribor")
    assert "center za socialno delo tistega območja" in text and "nimam podatkov" not in text


def test_how_many_and_which_not() -> None:
    messages, _ = run(ActionAnswerCoverage(), "Koliko občin pokriva koordinacija za nasilje?", "ask_task_coverage")
    assert texts(messages)[0].startswith("Regijska koordinacija za nasilje pokriva deset občin:")
    messages, _ = run(ActionAnswerCoverage(), "Katerih občin interventna služba ne pokriva?", "ask_task_coverage")
    assert texts(messages)[0].startswith(
        "Regijska interventna služba ne pokriva občin Sežana, Divača, Hrpelje-Kozina, Komen, Ilirska Bistrica, "
        "Postojna in Pivka (sedem občin)."
    )


def test_how_many_as_a_follow_up_counts_the_last_task() -> None:
    slots = {"topic": "task_coverage", "task": "pomoc_na_domu", "municipality": None}
    messages, _ = run(ActionAnswerCoverage(), "koliko jih je?", "follow_up", slots)
    assert texts(messages)[0].startswith("Regijski center za pomoč na domu pokriva deset občin:")


def test_a_question_inside_a_greeting_is_answered() -> None:
    text = "Dober dan, zanima me, ali vaša pomoč na domu velja tudi za Pivko. Hvala!"
    messages, _ = run(ActionSmallTalk(), text, "greet")
    assert texts(messages)[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Pivko.")


def test_danger_inside_a_question_comes_first() -> None:
    messages, _ = run(
        ActionAnswerCoverage(), "Ali pomoč na domu pokriva Izolo? Mož me tepe.", "ask_task_covers_municipality"
    )
    assert texts(messages)[0].startswith("Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112")
    assert texts(messages)[1].startswith("Da, regijski center za pomoč na domu pokriva tudi Izolo.")


def test_settlements_of_another_municipality_come_from_the_register() -> None:
    messages, _ = run(ActionAnswerKoperFact(), "Koliko naselij ima občina Pivka?", "mok_settlements")
    assert texts(messages) == ["Občina Pivka ima po registru prostorskih enot danes 29 naselij."]
    messages, _ = run(ActionAnswerKoperFact(), "Koliko naselij ima Koper?", "mok_settlements")
    assert "105 naselij" in texts(messages)[0] and "104 naselja" in texts(messages)[0]


@pytest.mark.parametrize(
    ("text", "intent", "starts"),
    [
        ("Ima kakšna druga mestna občina še več naselij od Kopra?", "mok_settlements", "Da. Mestno občino Koper"),
        ("Je Koper po velikosti prva med mestnimi občinami?", "mok_size", "Ne. Po površini je Mestna občina Koper"),
        ("Kje je Koper po številu naselij?", "mok_settlements", "Mestno občino Koper sestavlja 105 naselij."),
        ("Katera mestna občina je po površini največja?", "mok_status", "Po površini je Mestna občina Koper"),
        ("Je Koper večji od Ljubljane?", "out_of_scope", "Po površini je Mestna občina Koper"),  # not ranked
    ],
)
def test_comparisons_are_answered_with_the_seed_s_ranking(text: str, intent: str, starts: str) -> None:
    ranking = [intent, "mok_size"]
    action = ActionFallback() if intent == "out_of_scope" else ActionAnswerKoperFact()
    reply = texts(run(action, text, intent, ranking=ranking)[0])[0]
    assert reply.startswith(starts)
    assert "Novo mesto" in reply if "naselij" in text else "3. mestu" in reply


def test_the_seed_ranks_koper_only_among_the_city_municipalities() -> None:
    reply = texts(
        run(ActionAnswerKoperFact(), "Ima Koper med obalnimi občinami največ naselij?", "mok_settlements")[0]
    )[0]
    assert reply.startswith("Mestna občina Koper leži ob morju. Po predstavitvi centra so v Republiki Sloveniji tri")
    assert "le še Mestna občina Novo mesto" in reply and not reply.startswith(("Da", "Ne"))


def test_comparisons_in_italian() -> None:
    italian = {"language": "it"}
    larger = texts(run(ActionAnswerKoperFact(), "Esiste un comune città più esteso di Capodistria?", "mok_size",
                       metadata=italian)[0])[0]  # fmt: skip
    assert larger.startswith("Sì. Per superficie il Comune città di Capodistria è al terzo posto")
    most = texts(run(ActionAnswerKoperFact(), "Capodistria ha il maggior numero di insediamenti?", "mok_settlements",
                     metadata=italian)[0])[0]  # fmt: skip
    assert most.startswith("No. Il Comune città di Capodistria è composto da 105 insediamenti.")


def test_the_settlements_of_two_municipalities_compared_are_counted() -> None:
    messages, _ = run(ActionAnswerKoperFact(), "Ali ima Izola več naselij kot Piran?", "mok_settlements")
    assert texts(messages)[0].startswith("Občina Izola ima po registru prostorskih enot danes ")
    assert "Abitanti" not in texts(messages)[0]


def test_who_is_responsible_for_a_settlement() -> None:
    messages, _ = run(ActionAnswerRegularArea(), "Živimo v Dekanih. Kdo je pristojen za nas?", "ask_regular_area")
    text = texts(messages)[0]
    assert text.startswith("Naselje Dekani je v Mestni občini Koper.")
    assert "Center za socialno delo Koper" in text


@pytest.mark.parametrize(
    ("action", "intent"),
    [
        (ActionAnswerRegularArea, "ask_regular_area"),
        (ActionAnswerCentres, "ask_centres"),
        (ActionAnswerCoverage, "ask_task_covers_municipality"),
        (ActionAnswerCoverage, "ask_tasks_for_municipality"),
        (ActionAnswerServices, "ask_services"),
        (ActionSmallTalk, "thanks"),
    ],
)
def test_a_yes_or_no_about_the_regular_work_whatever_the_intent(action: type[Action], intent: str) -> None:
    yes = texts(run(action(), "Smo iz Bertokov. Je CSD Koper pristojen za nas?", intent)[0])[0]
    assert yes.startswith("Da. Naselje Bertoki je v Mestni občini Koper. Za Koper je pristojen")
    no = texts(run(action(), "Ste vi pristojni za Izolo?", intent)[0])[0]
    assert no.startswith("Ne, za Izolo je pristojen Center za socialno delo Izola.")
    assert "Za Izolo CSD Koper izvaja le te regijske naloge:" in no


def test_a_yes_or_no_about_the_regular_work_the_classifier_is_unsure_of() -> None:
    ranking = ["nlu_fallback", "ask_task_covers_municipality", "ask_regular_area"]
    messages, events = run(ActionFallback(), "a delate redno dejavnost tud za piran", "nlu_fallback", ranking=ranking)
    assert texts(messages)[0].startswith("Ne, za Piran je pristojen Center za socialno delo Piran.")
    assert SlotSet("topic", "regular_work") in events
    messages, _ = run(
        ActionAnswerCentres(), "Siete competenti anche per Isola?", "ask_centres", metadata={"language": "it"}
    )
    assert texts(messages)[0].startswith("No, per Isola (Izola) è competente")


def test_a_centre_s_area_and_its_count() -> None:
    messages, _ = run(ActionAnswerCentres(), "Katere občine pokriva CSD Sežana?", "ask_centres")
    assert texts(messages) == ["CSD Sežana pokriva štiri občine: Sežana, Divača, Hrpelje-Kozina in Komen."]


def test_no_centre_of_the_region_is_responsible_outside_it() -> None:
    messages, _ = run(ActionAnswerCentres(), "Kateri CSD je pristojen za Ljubljano?", "ask_centres")
    assert texts(messages)[0].startswith("Kraj Ljubljana ni v občinah regije, zato zanj ni pristojen noben")


WEBSITE = "Po podatkih s spletne strani centra (prebrano 7. 12. 2026):"
DANGER = "Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112"


def test_practical_question_gets_the_address_not_the_area() -> None:
    messages, events = run(ActionAnswerPracticalInfo(), "Kje pa se nahaja vaša pisarna?", "ask_practical_info")
    assert len(messages) == 1 and events == []
    text = texts(messages)[0]
    assert text.startswith(f"{WEBSITE}\n• naslov: Prisoje 1, 6000 Koper\n")
    assert "del Centra za socialno delo Južna Primorska" in text
    assert "Upravna enota" not in text and "žal" not in text


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Kdaj ste odprti v petek?", "sl", "petek od 8.00 (konec uradnih ur v petek preverite po telefonu)"),
        ("Mi lahko napišete telefonsko številko centra?", "sl", "• telefon: (05) 66 34 534"),
        ("a imate kakšen mail", "sl", "• e-pošta: gp-csd.jprim@gov.si"),
        ("kontakt", "sl", "• spletna stran: https://csd-kp.si"),
        ("Dove si trova il vostro ufficio?", "it", "• indirizzo: Prisoje 1, 6000 Capodistria (Koper)"),
        ("A che ora aprite il venerdì?", "it", "venerdì dalle 8.00 (l'ora di chiusura del venerdì va verificata"),
        ("mi date il numero di telefono?", "it", "• telefono: (05) 66 34 534"),
    ],
)
def test_practical_questions_get_the_website_s_details(text: str, language: str, expected: str) -> None:
    messages, _ = run(ActionAnswerPracticalInfo(), text, "ask_practical_info", metadata={"language": language})
    answer = texts(messages)[0]
    lead = WEBSITE if language == "sl" else "Secondo il sito web del centro (consultato il 7/12/2026):"
    assert answer.startswith(lead) and expected in answer and len(messages) == 1


def test_an_amount_is_never_given() -> None:
    messages, _ = run(ActionAnswerPracticalInfo(), "Koliko evrov je varstveni dodatek?", "ask_practical_info")
    text = texts(messages)[0]
    assert text.startswith("Zneskov denarnih pomoči")
    said, contact = text.split(f"\n{WEBSITE}\n")  # the only figures are the centre's phone and hours
    assert not any(char.isdigit() for char in said)
    assert contact.startswith("• telefon: (05) 66 34 534\n• e-pošta: gp-csd.jprim@gov.si\n• uradne ure: ")
    assert "evr" not in contact and "€" not in contact


def test_danger_gets_the_emergency_lines_before_the_practical_answer() -> None:
    messages, _ = run(ActionAnswerPracticalInfo(), "mož me tepe, kje vas najdem", "ask_practical_info")
    assert texts(messages)[0].startswith(DANGER)
    assert texts(messages)[1].startswith(f"{WEBSITE}\n• naslov: Prisoje 1")


@pytest.fixture
def staff_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    """The actions answer from a knowledge base with a staff-published phone over the website's."""
    published = ContactDetail(text="05 000 00 00", source_text="Ana Novak, CSD Koper", read=date(2026, 12, 9))
    bases = {language: actions.knowledge(language)[0].overlaid({"phone": published}) for language in SERVED}
    resolvers = {language: Resolver(kb) for language, kb in bases.items()}
    monkeypatch.setattr(actions, "knowledge", lambda language="sl": (bases[language], resolvers[language]))


@pytest.mark.usefixtures("staff_contact")
def test_a_staff_published_detail_wins() -> None:
    messages, _ = run(ActionAnswerPracticalInfo(), "vaša telefonska številka", "ask_practical_info")
    assert texts(messages) == ["Po podatkih centra (Ana Novak, CSD Koper, 9. 12. 2026):\n• telefon: 05 000 00 00"]
    fallback = texts(run(ActionFallback(), "xq zzv", "nlu_fallback", ranking=["nlu_fallback", "greet"])[0])[0]
    assert "• telefon: 05 000 00 00" in fallback and "66 34 534" not in fallback


def test_fallback_and_services_end_with_the_short_contact() -> None:
    fallback = texts(run(ActionFallback(), "xq zzv", "nlu_fallback", ranking=["nlu_fallback", "greet"])[0])[0]
    services = texts(run(ActionAnswerServices(), "kaj delate", "ask_services")[0])[0]
    for text in (fallback, services):
        assert f"\n{WEBSITE}\n• telefon: (05) 66 34 534\n• e-pošta: gp-csd.jprim@gov.si\n• uradne ure: " in text
        assert "Prisoje" not in text


def test_a_greeting_and_the_emergency_lines_carry_no_contact() -> None:
    greeting = texts(run(ActionSmallTalk(), "živjo", "greet")[0])
    crisis = texts(run(ActionCrisis(), "mož me tepe", "crisis")[0])
    assert len(crisis) == 1 and crisis[0].startswith(DANGER)
    assert not any("66 34 534" in text for text in greeting + crisis)


def test_a_benefit_elsewhere_sends_people_to_their_own_centre() -> None:
    messages, _ = run(ActionAnswerPracticalInfo(), "koliko znaša otroški dodatek v Divači", "ask_practical_info")
    assert texts(messages)[0].startswith("Zneskov denarnih pomoči")
    assert texts(messages)[0].endswith("obrnite neposredno na Center za socialno delo Sežana.")
    assert "66 34 534" not in texts(messages)[0]  # this centre's phone is not Sežana's


def test_fallback_answers_a_practical_guess_that_names_its_topic() -> None:
    ranking = ["nlu_fallback", "ask_practical_info", "crisis"]
    messages, _ = run(ActionFallback(), "partner mi grozi, kje vas najdem", "nlu_fallback", ranking=ranking)
    assert texts(messages)[0].startswith(DANGER)
    assert texts(messages)[1].startswith(f"{WEBSITE}\n• naslov: Prisoje 1")


# --- someone who does not know where to turn: prva socialna pomoč and the phone, whatever the intent guessed


@pytest.mark.parametrize(
    ("action", "text", "intent"),
    [
        (ActionSmallTalk(), "Ne vem, na koga naj se obrnem.", "help"),
        (ActionFallback(), "ne vem niti kaj naj naredim, rabim pomoc", "nlu_fallback"),
        (ActionAnswerPracticalInfo(), "kam se lahko obrnem po pomoč", "ask_practical_info"),
        (ActionAnswerCentres(), "ne vem na koga se obrniti", "ask_centres"),
    ],
)
def test_not_knowing_where_to_turn_gets_first_social_help_and_the_phone(action: Action, text: str, intent: str) -> None:
    messages, events = run(action, text, intent)
    assert len(messages) == 1 and events == []
    answer = texts(messages)[0]
    assert answer.startswith("Če ste v stiski in ne veste, na koga bi se obrnili, je za vas prva socialna pomoč")
    assert f"\n{WEBSITE}\n• telefon: (05) 66 34 534" in answer


def test_not_knowing_where_to_turn_in_danger_gets_the_emergency_lines_first() -> None:
    messages, _ = run(ActionCrisis(), "rabim pomoč takoj, ne vem kam", "crisis")
    assert texts(messages)[0].startswith(DANGER)
    assert texts(messages)[1].startswith("Če ste v stiski in ne veste, na koga bi se obrnili")
    assert "žal nimam" not in texts(messages)[1]


def test_not_knowing_where_to_turn_in_italian() -> None:
    messages, _ = run(ActionCrisis(), "non so a chi rivolgermi", "crisis", metadata={"language": "it"})
    assert texts(messages)[0].startswith("Se Lei o un'altra persona è in pericolo, chiami subito il 112")
    assert texts(messages)[1].startswith("Se si trova in difficoltà e non sa a chi rivolgersi")
    assert "Secondo il sito web del centro (consultato il 7/12/2026):\n• telefono: (05) 66 34 534" in texts(messages)[1]


def test_a_named_question_gets_its_own_answer_not_first_help() -> None:
    messages, _ = run(ActionAnswerCoverage(), "ne vem na koga naj se obrnem, ali pomoč na domu pokriva Pivko?",
                      "ask_task_covers_municipality")  # fmt: skip
    assert texts(messages)[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Pivko.")
    messages, _ = run(ActionAnswerPracticalInfo(), "ne vem kam, kakšna je vaša telefonska", "ask_practical_info")
    assert texts(messages) == [f"{WEBSITE}\n• telefon: (05) 66 34 534"]


def test_a_question_about_the_assistant_is_no_call_for_help() -> None:
    messages, _ = run(ActionSmallTalk(), "ne vem kaj naj vprašam", "help")
    assert texts(messages)[0].startswith("Odgovarjam na vprašanja o Centru za socialno delo Koper")


def test_a_task_named_under_the_regular_area_gets_the_task_s_area() -> None:
    messages, _ = run(ActionAnswerRegularArea(), "Katero območje ima interventna služba?", "ask_regular_area")
    assert texts(messages)[0].startswith("Regijska interventna služba pokriva občine Koper, Izola in Piran.")


def test_an_uncertain_message_naming_a_task_gets_its_area() -> None:
    messages, _ = run(ActionFallback(), "kje vse dezurna sluzba", "nlu_fallback", ranking=["nlu_fallback", "help"])
    assert texts(messages)[0].startswith("Regijska interventna služba pokriva")


def test_another_centre_s_area_under_the_coverage_intent() -> None:
    messages, _ = run(ActionAnswerCoverage(), "katere obcine pokriva csd postojna", "ask_task_coverage")
    assert texts(messages) == ["CSD Postojna pokriva dve občini: Postojna in Pivka."]
    messages, _ = run(ActionAnswerCoverage(), "katere regijske naloge izvaja csd koper", "ask_task_coverage")
    assert texts(messages)[0].startswith("Redno dejavnost CSD Koper izvaja za Mestno občino Koper.")


def test_which_settlements_lists_them() -> None:
    messages, _ = run(ActionAnswerKoperFact(), "Katera naselja so v občini Izola?", "mok_settlements")
    text = texts(messages)[0]
    assert text.startswith("Občina Izola ima po registru prostorskih enot devet naselij: Baredi, Cetore,")
    assert text.endswith("Malija, Nožed in Šared.")


def test_hitting_inside_a_question_is_danger() -> None:
    text = "ali obstaja pri vas kaj za žrtve nasilja v sežani? mož me udari ko pije"
    messages, _ = run(ActionAnswerCoverage(), text, "ask_task_covers_municipality")
    assert texts(messages)[0].startswith("Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112")


def language_told(messages: list[dict[str, Any]], events: list[dict[str, Any]]) -> tuple[str, str]:
    """The language the action told the gateway (its custom message) and kept in the slot."""
    custom = [m["custom"]["language"] for m in messages if m.get("custom")]
    slot = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "language"]
    assert len(custom) == len(slot) == 1
    return custom[0], slot[0]


def test_the_language_the_gateway_found_is_answered_in_and_kept() -> None:
    question = "Il servizio di intervento copre anche Isola?"
    messages, events = run_raw(
        ActionAnswerCoverage(), question, "ask_task_covers_municipality", metadata={"language": "it"}
    )
    assert language_told(messages, events) == ("it", "it")
    assert texts([m for m in messages if m.get("text")]) == [
        "Sì, il servizio di intervento regionale copre anche Isola (Izola). Il servizio di intervento regionale "
        "copre i comuni di Capodistria (Koper), Isola (Izola) e Pirano (Piran)."
    ]


def test_the_language_of_the_conversation_answers_a_message_too_short_to_tell() -> None:
    slots = {"language": "it", "task": "interventna_sluzba", "topic": "task_covers"}
    messages, events = run_raw(ActionAnswerCoverage(), "Sesana?", "follow_up", slots=slots, metadata={"hint": "sl"})
    assert language_told(messages, events) == ("it", "it")
    assert messages[0]["text"].startswith("No, il servizio di intervento regionale non copre Sežana (Sesana).")


def test_the_hint_decides_only_a_new_conversation() -> None:
    messages, events = run_raw(ActionSmallTalk(), "ok", "thanks", metadata={"hint": "it"})
    assert language_told(messages, events) == ("it", "it")
    messages, events = run_raw(ActionSmallTalk(), "ok", "thanks", slots={"language": "sl"}, metadata={"hint": "it"})
    assert language_told(messages, events) == ("sl", "sl")


def test_courtesy_alone_starts_a_conversations_language_but_does_not_change_it() -> None:
    """ "Grazie mille" (the gateway's `tentative` language) in a new conversation, and in a Slovenian one."""
    metadata = {"hint": "sl", "language": None, "tentative": "it"}
    messages, events = run_raw(ActionSmallTalk(), "grazie mille", "thanks", metadata=metadata)
    assert language_told(messages, events) == ("it", "it")
    messages, events = run_raw(ActionSmallTalk(), "grazie mille", "thanks", slots={"language": "sl"}, metadata=metadata)
    assert language_told(messages, events) == ("sl", "sl")


def test_danger_found_at_the_gateway_gets_the_emergency_lines_first_in_italian() -> None:
    messages, _ = run(ActionSmallTalk(), "ciao", "goodbye", metadata={"language": "it", "danger": True})
    assert messages[0]["text"].startswith("In caso di pericolo") or "112" in messages[0]["text"].split("\n")[0]
    assert "polizia" in messages[0]["text"]


def test_the_chosen_language_is_confirmed_in_it() -> None:
    entities = [{"entity": "language", "value": "it"}]
    messages, events = run_raw(ActionSetLanguage(), '/set_language{"language": "it"}', "set_language",
                               slots={"language": "sl"}, entities=entities)  # fmt: skip
    assert language_told(messages, events) == ("it", "it")
    assert messages[0]["text"].startswith("Va bene")


def test_an_unsure_question_naming_only_this_centre_about_its_work_gets_the_services() -> None:
    ranking = ["nlu_fallback", "ask_tasks_for_municipality", "ask_services"]
    messages, _ = run(ActionFallback(), "kaj pravzaprav počnete v csd koper", "nlu_fallback", ranking=ranking)
    assert "javna pooblastila" in texts(messages)[0]


def test_an_italian_name_in_a_slovenian_conversation_is_understood() -> None:
    slots = {"language": "sl", "task": "pomoc_na_domu", "topic": "task_covers", "municipality": "Komen"}
    messages, _ = run(ActionAnswerCoverage(), "e Divaccia?", "follow_up", slots)
    assert texts(messages)[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Divačo.")


def answer_id_told(messages: list[dict[str, Any]]) -> str | None:
    """The answer id the action told the gateway (its custom message), for 👍/👎; None when it gave none."""
    (custom,) = [m["custom"] for m in messages if m.get("custom")]
    return custom.get("answer_id")


def test_a_real_answer_gets_an_answer_id_of_its_own() -> None:
    question = "Ali interventna služba pokriva Izolo?"
    first, _ = run_raw(ActionAnswerCoverage(), question, "ask_task_covers_municipality")
    second, _ = run_raw(ActionAnswerCoverage(), question, "ask_task_covers_municipality")
    assert re.fullmatch(r"[0-9a-f]{32}", answer_id_told(first) or "")
    assert answer_id_told(first) != answer_id_told(second)


@pytest.mark.parametrize(
    ("action", "text", "intent"),
    [
        (ActionSmallTalk(), "/greet", "greet"),
        (ActionSmallTalk(), "hvala", "thanks"),
        (ActionSmallTalk(), "grazie", "thanks"),
        (ActionFallback(), "asdf qwer", "nlu_fallback"),
        (ActionCrisis(), "tepe me", "crisis"),  # the emergency lines alone: no question to rate
    ],
)
def test_no_answer_id_where_no_question_was_answered(action: Action, text: str, intent: str) -> None:
    messages, _ = run_raw(action, text, intent, metadata={"language": "it"} if text == "grazie" else None)
    assert answer_id_told(messages) is None


def custom_told(messages: list[dict[str, Any]]) -> dict[str, Any]:
    (custom,) = [m["custom"] for m in messages if m.get("custom")]
    return custom


def test_the_actions_tell_the_gateway_that_they_sent_the_emergency_lines() -> None:
    messages, _ = run_raw(ActionSmallTalk(), "mož me tepe", "help")  # danger misread as "what can I ask"
    assert messages[0]["text"].startswith(DANGER) and custom_told(messages)["emergency"] is True


@pytest.mark.parametrize("intent", ["help", "bot_challenge"])
def test_replies_that_name_112_are_no_emergency_lines_sent(intent: str) -> None:
    messages, _ = run_raw(ActionSmallTalk(), "…", intent)
    assert "112" in messages[0]["text"] and "emergency" not in custom_told(messages)


GENTLE = "Če vam je težko in bi se radi s kom pogovorili, lahko kadar koli pokličete:"
CENTRE = "Krizni center za otroke in mladostnike Koper (Marelična hiša)"


def test_an_exhausted_carer_who_asks_about_home_help_gets_the_answer_then_the_gentle_line() -> None:
    text = "ne zmorem več sama negovati očeta, ali pomoč na domu pokriva Komen?"
    for intent in ("crisis", "ask_task_covers_municipality"):  # the classifier's crisis guess weighs the same
        messages, _ = run_raw(ActionAnswerCoverage(), text, intent)
        assert texts(messages[:-1])[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Komen.")
        assert texts(messages[:-1])[-1].startswith(GENTLE) and "112" not in "".join(texts(messages[:-1]))
        assert "emergency" not in custom_told(messages) and custom_told(messages)["answer_id"]


def test_exhaustion_that_asks_nothing_about_the_centre_s_work_gets_the_emergency_lines() -> None:
    messages, _ = run(ActionCrisis(), "ne zmorem več, nimam več moči za nič", "crisis")
    assert texts(messages)[0].startswith(DANGER) and not any(GENTLE in t for t in texts(messages))


def test_distress_naming_a_task_about_danger_gets_the_emergency_lines() -> None:
    messages, _ = run(ActionCrisis(), "partner me ne pusti od doma, kdo dela koordinacijo za nasilje?", "crisis")
    assert texts(messages)[0].startswith(DANGER)


def test_a_danger_word_beside_a_question_about_the_work_still_gets_the_lines_first() -> None:
    messages, _ = run(ActionCrisis(), "ne zmorem več, mož me tepe, kaj pa pomoč na domu za mamo?", "crisis")
    assert texts(messages)[0].startswith(DANGER) and not any(GENTLE in t for t in texts(messages))


def test_an_idiom_with_a_question_about_the_work_is_no_emergency() -> None:
    text = "ta birokracija me bo ubila, ali pomoč na domu pokriva Pivko?"
    messages, _ = run(ActionAnswerCoverage(), text, "ask_task_covers_municipality")
    assert texts(messages)[0].startswith("Da, regijski center za pomoč na domu pokriva tudi Pivko.")
    assert texts(messages)[-1].startswith(GENTLE) and not any("112" in t for t in texts(messages))


def test_a_practical_topic_is_no_question_that_turns_danger_into_distress() -> None:
    messages, _ = run(ActionCrisis(), "oče me zapira v sobo, ne odpre mi, sem brez telefona", "crisis")
    assert texts(messages)[0].startswith(DANGER)


@pytest.mark.parametrize(("crisis", "danger"), [(0.52, True), (0.35, False)])
def test_an_unsure_crisis_guess_counts_when_only_a_close_runner_up_made_it_unsure(crisis: float, danger: bool) -> None:
    ranking = [("nlu_fallback", 0.4), ("crisis", crisis), ("out_of_scope", crisis - 0.03)]
    messages, _ = run(ActionFallback(), "partner mi vzame telefon in me zaklene", "nlu_fallback", ranking=ranking)
    assert texts(messages)[0].startswith(DANGER) is danger
    assert texts(messages)[0].startswith("Žal") is not danger


def test_a_child_in_danger_learns_of_the_crisis_centre_for_children() -> None:
    messages, _ = run(ActionCrisis(), "stara sem 14 let, očim me tepe", "crisis")
    assert texts(messages)[0].startswith(DANGER) and CENTRE in texts(messages)[0]
    messages, _ = run(ActionCrisis(), "ho 15 anni e mio padre mi picchia", "crisis", metadata={"language": "it"})
    assert "Centro di crisi per bambini e ragazzi" in texts(messages)[0]


@pytest.mark.parametrize(
    ("action", "text", "intent"),
    [
        (ActionCrisis(), "mož me tepe", "crisis"),
        (ActionAnswerPracticalInfo(), "imam 14 let, kje ste?", "ask_practical_info"),
    ],
)
def test_the_crisis_centre_is_only_for_a_child_in_danger(action: Action, text: str, intent: str) -> None:
    messages, _ = run(action, text, intent)
    assert not any(CENTRE in t for t in texts(messages))
