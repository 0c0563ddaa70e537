"""Italian answers composed from the real Italian knowledge base: Sì/No, lists joined with "e", numbers
agreeing with their noun, places named "Capodistria (Koper)", and a drop-in for replies.sl."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from knowledge import KnowledgeBase
from knowledge.places import Place
from knowledge.schema import ContactDetail, ContactInfo
from knowledge.text import fold, words
from replies import answers
from replies.compose import quantity

COAST = "Capodistria (Koper), Isola (Izola) e Pirano (Piran)"


def test_yes_and_no(kb_it) -> None:
    text = answers.task_covers(kb_it, "interventna_sluzba", ["Koper", "Sežana"]).text
    assert text.startswith(
        "Sì, il servizio di intervento regionale copre anche Capodistria (Koper). "
        "No, il servizio di intervento regionale non copre Sežana (Sesana)."
    )
    assert f"copre i comuni di {COAST}." in text
    assert (
        "Per Sežana (Sesana) è competente il Centro per l'assistenza sociale (Center za socialno delo) Sežana." in text
    )
    assert {"si", "no"} <= set(words(text))  # the evaluation folds accents


def test_a_place_outside_the_region_is_a_plain_no(kb_it) -> None:
    text = answers.task_covers(kb_it, "pomoc_na_domu", [], ["Trieste"]).text
    assert text.startswith("No, il centro regionale per l'assistenza domiciliare non copre Trieste")
    assert answers.outside_place(kb_it, ["Trieste", "Udine"]).text.startswith(
        "No, Trieste e Udine non si trovano nei comuni"
    )


def test_coverage_and_counts(kb_it) -> None:
    assert answers.task_coverage(kb_it, "interventna_sluzba", count=True).text.startswith(
        f"Il servizio di intervento regionale copre tre comuni: {COAST}."
    )
    by_centres = answers.task_coverage(kb_it, "obravnava_v_skupnosti").text
    assert "dei centri CSD Koper, CSD Izola, CSD Piran e CSD Sežana" in by_centres and "Postumia" not in by_centres
    complement = answers.task_complement(kb_it, "obravnava_v_skupnosti").text
    assert complement.startswith(
        "Il coordinamento della presa in carico nella comunità non copre tre comuni: Ilirska Bistrica (Bisterza), "
        "Postojna (Postumia) e Pivka (San Pietro del Carso)."
    )
    assert answers.task_complement(kb_it, "koordinacija_nasilje").text.startswith(
        "Il coordinamento regionale in materia di violenza non esclude nessun comune della regione."
    )
    assert answers.centre_area(kb_it, "koper").text == "Il CSD Koper copre un comune: Capodistria (Koper)."
    assert answers.centres_count(kb_it).text.startswith(
        "Il territorio dei compiti regionali del CSD Koper comprende sei centri per l'assistenza sociale:"
    )
    assert "I compiti regionali del CSD Koper coprono dieci comuni:" in answers.tasks_overview(kb_it, True).text


def test_numbers_agree_with_their_noun() -> None:
    def q(count: int, noun: str) -> str:
        return quantity("it", count, noun)

    assert [q(n, "municipalities") for n in (1, 2, 3, 10, 104)] == [
        "un comune", "due comuni", "tre comuni", "dieci comuni", "104 comuni",
    ]  # fmt: skip
    assert q(6, "centres") == "sei centri" and q(1, "settlements") == "un insediamento"
    assert [q(n, "days") for n in (1, 2, 30)] == ["un giorno", "due giorni", "30 giorni"]


def test_settlements(kb_it) -> None:
    count = answers.settlement_count(kb_it, "Koper").text
    assert "105 insediamenti" in count and "conta oggi 104 insediamenti" in count and "Ancarano (Ankaran)" in count
    listed = answers.settlement_list(kb_it, "Piran").text
    assert listed.startswith("Secondo il registro delle unità territoriali, il Comune di Pirano (Piran) conta 11")
    assert "Portorose (Portorož)" in listed and listed.endswith("Strugnano (Strunjan) e Sv. Peter.")
    assert "conta oggi 29 insediamenti" in answers.settlement_count(kb_it, "Pivka").text


def test_a_settlement_lead_says_where_it_lies(kb_it) -> None:
    lead = answers.place_lead
    assert lead(kb_it, Place("Portorož", ("Piran",), ("Portorož",))) == (
        "La località Portorose (Portorož) si trova nel Comune di Pirano (Piran)."
    )
    skofije = Place("Škofije", ("Koper",), ("Spodnje Škofije", "Zgornje Škofije"))
    assert lead(kb_it, skofije) == (
        "Le località Spodnje Škofije e Zgornje Škofije si trovano nel Comune città di Capodistria (Koper)."
    )
    both = lead(kb_it, Place("Škocjan", ("Koper", "Divača"), ("Škocjan",)))
    assert "San Canziano (Škocjan) nel Comune città di Capodistria (Koper); Škocjan nel Comune di Divača" in both
    assert lead(kb_it, Place("Koper", ("Koper",))) == ""


def test_centres_and_municipalities(kb_it) -> None:
    own = answers.centre_for(kb_it, "Koper").text
    assert (
        own
        == "Per Capodistria (Koper) è competente il Centro per l'assistenza sociale (Center za socialno delo) Koper. Siamo noi."
    )
    assert "Il CSD Postojna copre i comuni di Postojna (Postumia) e Pivka (San Pietro del Carso)." in (
        answers.centre_for(kb_it, "Pivka").text
    )
    tasks = answers.municipality_tasks(kb_it, "Sežana").text
    assert tasks.startswith("Per Sežana (Sesana) il CSD Koper svolge questi compiti regionali:")
    assert "Il servizio di intervento" not in tasks


def test_emergency_numbers_come_first(kb_it) -> None:
    text = answers.emergency(kb_it).text
    assert text.startswith("Se Lei o un'altra persona è in pericolo, chiami subito il 112 o la polizia al 113.")
    positions = [text.index(number) for number in ("112 –", "113 –", "116 111", "116 123", "080 11 55")]
    assert positions == sorted(positions)
    assert text.endswith(f"Opera nei comuni di {COAST}.")
    assert answers.emergency_in(kb_it, "en").text.startswith("If you or someone else is in danger")


def test_buttons_are_italian_and_payloads_keep_the_ids(kb_it) -> None:
    buttons = answers.unknown_municipality(kb_it, "pomoc_na_domu").buttons
    assert buttons[0].title == "Capodistria (Koper)"
    assert buttons[0].payload == '/ask_task_covers_municipality{"municipality": "Koper", "task": "pomoc_na_domu"}'
    assert [b.title for b in answers.tasks_overview(kb_it).buttons][0] == "Servizio di intervento"
    assert [b.title for b in answers.canned(kb_it, "greet").buttons][0] == "Che cosa fa il centro?"
    assert answers.services(kb_it, []).buttons[0].title == "Compiti regionali"


def test_services_answer_the_asked_activity_first(kb_it) -> None:
    text = answers.services(kb_it, ["javna_pooblastila"]).text
    assert text.startswith("Sì, il centro svolge anche le funzioni di pubblici poteri.")
    assert "è un ente pubblico" in text


WEBSITE = "Secondo il sito web del centro (consultato il 7/12/2026):"


def test_practical_questions_without_contact_details(kb_it) -> None:
    empty = replace(kb_it, contact=ContactInfo())
    text = answers.practical_info(empty, ("address", "office_hours", "amounts")).text
    assert text.startswith("Purtroppo non ho l'indirizzo e l'orario d'ufficio del centro. Non ho nemmeno gli importi")
    assert not re.search(r"\d", text)
    other = answers.practical_info(kb_it, ("phone",), "izola").text
    assert other.startswith("Purtroppo non ho il numero di telefono del CSD Izola.") and "66 34 534" not in other


def test_contact_details_name_their_source_in_italian(kb_it) -> None:
    assert answers.practical_info(kb_it, ("address",)).text == (
        f"{WEBSITE}\n• indirizzo: Prisoje 1, 6000 Capodistria (Koper)\nDal 1° ottobre 2018 il Centro per l'assistenza "
        "sociale (Center za socialno delo) Koper fa parte del Center za socialno delo Južna Primorska, che ha sede a "
        "questo indirizzo."
    )
    assert answers.practical_info(kb_it, ("phone", "email")).text == (
        f"{WEBSITE}\n• telefono: (05) 66 34 534\n• e-mail: gp-csd.jprim@gov.si"
    )
    hours = answers.practical_info(kb_it, ("office_hours",)).text
    assert hours.startswith(f"{WEBSITE}\n• orario d'ufficio: lunedì dalle 8.00 alle 12.00 e dalle 13.00 alle 15.00")
    assert "venerdì dalle 8.00 (l'ora di chiusura del venerdì va verificata per telefono)" in hours
    assert not re.search(r"venerdì dalle 8\.00 alle|venerdì[^;]*1[23]\.00", hours)


def test_what_it_does_not_have_is_followed_by_the_short_contact_in_italian(kb_it) -> None:
    for text in (
        answers.practical_info(kb_it, ("amounts",)).text,
        answers.canned(kb_it, "fallback").text,
        answers.first_help(kb_it).text,
    ):
        assert f"\n{WEBSITE}\n• telefono: (05) 66 34 534\n• e-mail: gp-csd.jprim@gov.si\n• orario d'ufficio: " in text
        assert "indirizzo:" not in text and not re.search(r"\d+ ?(€|eur)", text)
    assert answers.first_help(kb_it).text.startswith("Se si trova in difficoltà e non sa a chi rivolgersi")
    assert "66 34 534" not in answers.canned(kb_it, "greet").text


def test_staff_published_details_are_cited_in_italian(kb_it) -> None:
    published = ContactDetail(text="05 123 45 67", source_text="Ana Novak, CSD Koper", read=date(2026, 12, 9))
    assert answers.practical_info(kb_it.overlaid({"phone": published}), ("phone",)).text == (
        "Secondo i dati del centro (Ana Novak, CSD Koper, 9/12/2026):\n• telefono: 05 123 45 67"
    )


def _every_reply(kb: KnowledgeBase) -> list[str]:
    """The text of every answer over every task, municipality, fact and topic, but the trilingual note."""
    a = answers
    names = [m.name for m in kb.municipalities]
    replies = [a.task_coverage(kb, t.id, True) for t in kb.tasks] + [a.task_complement(kb, t.id) for t in kb.tasks]
    replies += [a.task_covers(kb, t.id, names, ["Trieste"]) for t in kb.tasks]
    for name in names:
        replies += [a.municipality_tasks(kb, name), a.centre_for(kb, name), a.settlement_count(kb, name)]
    replies += [a.centre_area(kb, c.id) for c in kb.centres] + [a.unknown_municipality(kb, "nacionalni_program")]
    replies += [a.tasks_overview(kb, True), a.centres_count(kb), a.centres_overview(kb), a.regular_area(kb)]
    replies += [a.services(kb, [x.id for x in kb.centre.activities]), a.emergency(kb), a.outside_place(kb, ["Udine"])]
    replies += [a.koper_fact(kb, f.id, []) for f in kb.koper.facts] + [a.koper_fact(kb, "overview", [])]
    replies += [a.canned(kb, name) for name in kb.replies if name != "other_language"]
    replies += [a.practical_info(kb, (t.id,)) for t in kb.practical] + [a.practical_info(kb, ()), a.first_help(kb)]
    texts = [r.text for r in replies] + [b.title for r in replies for b in r.buttons]
    return texts + [a.outside_centre(kb, "Udine")]


def test_no_slovenian_or_english_leaks(kb_it) -> None:
    # Official Slovenian names stand in brackets ("Capodistria (Koper)", "(Center za socialno delo)").
    texts = [fold(re.sub(r"\([^)]*\)", "", text)) for text in _every_reply(kb_it)]
    slovenian = ["pokriv", "izvaj", "obcin", "naselj", "nimam", "pristojen", "deluje", "regijsk", "sluzb", "zal "]
    english = [" the ", " and ", " please ", " sorry "]
    leaks = [(word, text[:80]) for text in texts for word in slovenian + english if word in f" {text} "]
    assert leaks == []


def test_which_centres_a_task_covers(kb_it) -> None:
    assert answers.task_centres(kb_it, "obravnava_v_skupnosti").text.startswith(
        "Il coordinamento della presa in carico nella comunità copre il territorio dei centri CSD Koper, CSD Izola, "
        "CSD Piran e CSD Sežana, ossia i comuni di"
    )


def test_regular_work_yes_or_no_comes_first(kb_it) -> None:
    ours = "il Centro per l'assistenza sociale (Center za socialno delo) Koper. Siamo noi."
    bertocchi = Place("Bertoki", ("Koper",), ("Bertoki",))
    assert answers.regular_work(kb_it, "koper", [bertocchi]).text.startswith(
        f"Sì. La località Bertocchi (Bertoki) si trova nel Comune città di Capodistria (Koper). "
        f"Per Capodistria (Koper) è competente {ours} {kb_it.centre.regular_area.text}"
    )
    text = answers.regular_work(kb_it, "koper", [Place("Piran", ("Piran",))]).text
    assert text.startswith("No, per Pirano (Piran) è competente il Centro per l'assistenza sociale")
    assert "Per Pirano (Piran) il CSD Koper svolge soltanto questi compiti regionali:\n• " in text
    assert answers.regular_work(kb_it, "koper", [], ["Trieste"]).text.startswith("No. Trieste non si trova")


def test_a_comparison_with_the_seed_s_ranking(kb_it) -> None:
    assert answers.comparison(kb_it, "size", "more", yes_no=True, count=True).text == (
        "Sì. Per superficie il Comune città di Capodistria (Koper) ha davanti a sé due comuni città, che la "
        "presentazione del centro non nomina. Per superficie il Comune città di Capodistria è al terzo posto tra i "
        "comuni città della Slovenia."
    )
    text = answers.comparison(kb_it, "settlements", "most", yes_no=True).text
    assert text.startswith("No. Il Comune città di Capodistria è composto da 105 insediamenti.")
    assert "il Comune città di Novo mesto" in text and "oggi 104 insediamenti" in text


def test_every_ranking_is_said_in_both_languages(kb, kb_it) -> None:
    for base, module in ((kb, answers), (kb_it, answers)):
        for ranking in base.koper.rankings:
            for direction in ("more", "most", "less", "least", "rank"):
                for count in (False, True):
                    text = module.comparison(base, ranking.fact, direction, yes_no=True, count=count).text
                    assert base.koper_fact(ranking.fact).text in text and "{" not in text
