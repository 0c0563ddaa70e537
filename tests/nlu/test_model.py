"""Understanding, through the real trained model (models/csd.tar.gz, made by `make train`):
the same question written with or without diacritics, in any case, means the same, in Slovenian, Italian
and English (one model, the same intents)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from knowledge.text import fold

MODEL = Path(__file__).resolve().parents[2] / "models" / "csd.tar.gz"

QUESTIONS = {
    "Katere občine spadajo pod regijsko interventno službo?": "ask_task_coverage",
    "Ali regijski center za pomoč na domu velja tudi za Komen?": "ask_task_covers_municipality",
    "Katere naloge opravljate za občane Ilirske Bistrice?": "ask_tasks_for_municipality",
    "Kateri center za socialno delo je pristojen za Hrpelje-Kozino?": "ask_centres",
    "Kaj pa v Piranu?": "follow_up",
    "Koliko krajevnih skupnosti šteje koprska občina?": "mok_local_communities",
    "S katerimi državami meji Mestna občina Koper?": "mok_borders",
    "Moj mož mi grozi z nožem, kaj naj naredim?": "crisis",
    "Kakšno vreme bo jutri v Ljubljani?": "out_of_scope",
    "Za katero občino ste pristojni?": "ask_regular_area",
    "Kje ste?": "ask_practical_info",
    "Kdaj ste odprti?": "ask_practical_info",
    "Na katero številko vas lahko dobim?": "ask_practical_info",
    "Koliko znaša varstveni dodatek?": "ask_practical_info",
    "Kako zaprosim za denarno socialno pomoč?": "ask_practical_info",
    "Ali pri vas urejate otroški dodatek?": "ask_services",
}

ITALIAN = {
    "Mio marito mi picchia e ho paura di tornare a casa": "crisis",
    "Non ce la faccio più, voglio farla finita": "crisis",
    "C'è un bambino piccolo solo in casa da ieri": "crisis",
    "Quali comuni copre il servizio di intervento regionale?": "ask_task_coverage",
    "L'assistenza domiciliare vale anche per Sesana?": "ask_task_covers_municipality",
    "Cosa fate per il comune di Pirano?": "ask_tasks_for_municipality",
    "Quale centro è competente per Divaccia?": "ask_centres",
    "Dove si trova il centro per l'assistenza sociale?": "ask_practical_info",
    "E per Postumia?": "follow_up",
    "Con quali comuni confina Capodistria?": "mok_borders",
    "Che tempo farà domani a Isola?": "out_of_scope",
}


ENGLISH = {
    "My partner beats me and I am afraid to go home": "crisis",
    "I can't go on, I want to end my life": "crisis",
    "There is a little boy alone in the flat since yesterday": "crisis",
    "Which municipalities does the regional intervention service cover?": "ask_task_coverage",
    "Is home help also available in Sežana?": "ask_task_covers_municipality",
    "What do you do for the municipality of Piran?": "ask_tasks_for_municipality",
    "Which centre is responsible for Divača?": "ask_centres",
    "Where is the centre for social work?": "ask_practical_info",
    "And for Postojna?": "follow_up",
    "Which municipalities border Koper?": "mok_borders",
    "What will the weather be like in Izola tomorrow?": "out_of_scope",
}


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))

    def parse_text(text: str) -> str:
        return asyncio.run(agent.parse_message(text))["intent"]["name"]

    return parse_text


@pytest.mark.parametrize(("question", "intent"), {**QUESTIONS, **ITALIAN, **ENGLISH}.items())
def test_intent_with_and_without_diacritics(parse, question: str, intent: str) -> None:
    assert parse(question) == intent
    assert parse(fold(question)) == intent
    assert parse(question.upper()) == intent


def test_gibberish_is_not_understood(parse) -> None:
    assert parse("qwxz plokk vrrt") in {"nlu_fallback", "out_of_scope"}
