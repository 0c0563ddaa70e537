"""Answers composed from the real knowledge base: facts, Da/Ne, case endings, list joining."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from knowledge import KnowledgeBase
from knowledge.schema import CONTACT_FIELDS, ContactDetail, ContactInfo
from knowledge.text import fold
from replies import sl as answers


def test_task_coverage_lists_municipalities_the_slovenian_way(kb) -> None:
    text = answers.task_coverage(kb, "interventna_sluzba").text
    assert text.startswith("Regijska interventna služba pokriva občine Koper, Izola in Piran.")
    assert "112" in text and "113" in text  # how it is reached, from the guide


def test_coverage_by_centres_names_the_centres_and_their_municipalities(kb) -> None:
    text = answers.task_coverage(kb, "obravnava_v_skupnosti").text
    assert "centrov za socialno delo Koper, Izola, Piran in Sežana" in text
    assert "Divača, Hrpelje-Kozina in Komen" in text
    assert "Pivk" not in text and "Postojn" not in text


def test_yes_uses_the_accusative(kb) -> None:
    text = answers.task_covers(kb, "pomoc_na_domu", ["Ilirska Bistrica"]).text
    assert text.startswith("Da, regijski center za pomoč na domu pokriva tudi Ilirsko Bistrico.")


def test_no_uses_the_genitive_and_says_who_is_responsible(kb) -> None:
    text = answers.task_covers(kb, "interventna_sluzba", ["Postojna"]).text
    assert text.startswith("Ne, regijska interventna služba ne pokriva Postojne.")
    assert "Regijska interventna služba pokriva občine Koper, Izola in Piran." in text
    assert "Za Postojno je sicer pristojen Center za socialno delo Postojna." in text


def test_yes_and_no_for_several_municipalities(kb) -> None:
    text = answers.task_covers(kb, "obravnava_v_skupnosti", ["Komen", "Pivka"]).text
    assert "Da, koordinacija obravnave v skupnosti pokriva tudi Komen." in text
    assert "Ne, koordinacija obravnave v skupnosti ne pokriva Pivke." in text


def test_municipality_tasks_lists_only_covering_tasks(kb) -> None:
    text = answers.municipality_tasks(kb, "Sežana").text
    assert text.startswith("Za Sežano CSD Koper izvaja te regijske naloge:")
    assert "interventn" not in text
    assert "Koordinacija obravnave v skupnosti" in text
    assert "Center za socialno delo Sežana" in text


def test_koper_gets_the_regular_work_too(kb) -> None:
    text = answers.municipality_tasks(kb, "Koper").text
    assert "vso redno dejavnost" in text and "Upravne enote Koper" in text
    assert "Regijska interventna služba" in text


def test_unknown_municipality_says_so_and_offers_the_known_ones(kb) -> None:
    reply = answers.unknown_municipality(kb)
    assert reply.text.startswith("Žal za to občino nimam podatkov.")
    assert "Ilirska Bistrica, Postojna in Pivka" in reply.text
    assert len(reply.buttons) == 10
    assert reply.buttons[0].payload == '/ask_tasks_for_municipality{"municipality": "Koper"}'


def test_unknown_municipality_for_a_task_repeats_its_coverage(kb) -> None:
    reply = answers.unknown_municipality(kb, "interventna_sluzba")
    assert "Regijska interventna služba pokriva občine Koper, Izola in Piran." in reply.text
    assert (
        reply.buttons[1].payload
        == '/ask_task_covers_municipality{"municipality": "Izola", "task": "interventna_sluzba"}'
    )


def test_centre_for(kb) -> None:
    assert answers.centre_for(kb, "Divača").text == (
        "Za Divačo je pristojen Center za socialno delo Sežana. "
        "CSD Sežana pokriva občine Sežana, Divača, Hrpelje-Kozina in Komen."
    )
    assert "To smo mi." in answers.centre_for(kb, "Koper").text


def test_centres_overview(kb) -> None:
    text = answers.centres_overview(kb).text
    for centre in ("CSD Izola", "CSD Piran", "CSD Sežana", "CSD Ilirska Bistrica", "CSD Postojna: Postojna in Pivka"):
        assert centre in text


def test_services_lists_every_activity_and_the_purpose(kb) -> None:
    text = answers.services(kb, []).text
    for activity in kb.centre.activities:
        assert activity.text in text
    assert "odpravljanje socialnih stisk in težav" in text
    assert not text.startswith("Da,")


def test_services_answers_the_asked_activity_first(kb) -> None:
    text = answers.services(kb, ["javna_pooblastila"]).text
    assert text.startswith("Da, center izvaja tudi javna pooblastila.")


def test_koper_facts(kb) -> None:
    assert "105 naselij" in answers.koper_fact(kb, "settlements", []).text
    assert answers.koper_fact(kb, "borders", ["jug"]).text == "Na jugu Mestna občina Koper meji na občino Izola."
    everything = answers.koper_fact(kb, "borders", []).text
    assert all(word in everything for word in ("Izola", "Hrpelje-Kozina", "Hrvaško", "Italijo"))
    assert "sedem občin z mestnim statusom" in answers.koper_fact(kb, "overview", []).text


def test_emergency_starts_with_112_and_113_and_names_the_intervention_service(kb) -> None:
    text = answers.emergency(kb).text
    assert text.startswith("Če ste vi ali kdo drug v nevarnosti, takoj pokličite 112 ali policijo 113.")
    for number in ("116 111", "116 123", "080 11 55"):
        assert number in text
    assert "interventna služba" in text and "Deluje za Koper, Izolo in Piran." in text


def test_no_english_in_any_reply(kb) -> None:
    texts = [answers.tasks_overview(kb).text, answers.services(kb, []).text, answers.emergency(kb).text]
    # The reply to a message in another language is the one meant to be in three languages.
    texts += [answers.canned(kb, name).text for name in kb.replies if name != "other_language"]
    texts += [answers.practical_info(kb, (topic.id,)).text for topic in kb.practical]
    for word in (" the ", " and ", " please ", " sorry "):
        assert all(word not in fold(text) for text in texts)


def test_numbers_agree_with_their_noun() -> None:
    from replies.sl import quantity

    assert [quantity(n, "občina") for n in (1, 2, 3, 4, 7, 10, 101, 104)] == [
        "eno občino", "dve občini", "tri občine", "štiri občine", "sedem občin", "deset občin",
        "101 občino", "104 občine",
    ]  # fmt: skip
    assert quantity(6, "center") == "šest centrov" and quantity(2, "center") == "dva centra"
    assert quantity(29, "naselje") == "29 naselij" and quantity(104, "naselje") == "104 naselja"


def test_a_settlement_lead_says_where_it_lies(kb) -> None:
    from knowledge.places import Place
    from replies.sl import place_lead

    assert place_lead(kb, Place("Strunjan", ("Piran",), ("Strunjan",))) == "Naselje Strunjan je v občini Piran."
    skofije = Place("Škofije", ("Koper",), ("Spodnje Škofije", "Zgornje Škofije"))
    assert place_lead(kb, skofije) == "Škofije: naselji Spodnje Škofije in Zgornje Škofije sta v Mestni občini Koper."
    assert place_lead(kb, Place("Koper", ("Koper",))) == ""


def test_complement_of_a_task_that_covers_everything(kb) -> None:
    from replies.sl import task_complement

    text = task_complement(kb, "koordinacija_nasilje").text
    assert text.startswith("Regijska koordinacija za nasilje ne izpušča nobene občine regije.")
    assert "deset občin" in text


def test_centres_count(kb) -> None:
    from replies.sl import centres_count

    assert centres_count(kb).text.startswith("Območje regijskih nalog CSD Koper obsega šest centrov za socialno delo:")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("it", "Se Lei o un'altra persona è in pericolo, chiami subito il 112 o la polizia al 113."),
        ("en", "If you or someone else is in danger, call 112 or the police on 113 now."),
        ("hr", "Ako ste vi ili netko drugi u opasnosti, odmah nazovite 112 ili policiju na 113."),
    ],
)
def test_emergency_in_another_language_starts_with_a_line_in_it(kb, language: str, line: str) -> None:
    text = answers.emergency_in(kb, language).text
    assert text.startswith(line)
    assert text.endswith(answers.emergency(kb).text)  # then every line, as in Slovenian


# --- practical questions and the centre's contact details (contact.yml)


@pytest.fixture(scope="module")
def filled_kb(kb) -> KnowledgeBase:
    """The knowledge base as it is once the centre fills in contact.yml (example values, not real)."""
    return replace(kb, contact=FILLED)


FILLED = ContactInfo(
    address=ContactDetail(text="Testna ulica 1, Koper", source="centre"),
    phone=ContactDetail(text="05 000 00 00", source="centre"),
    email=ContactDetail(text="csd@example.org", source="centre"),
)


@pytest.mark.parametrize(
    ("topics", "start"),
    [
        (("address",), "Naslova centra žal nimam."),
        (("office_hours",), "Uradnih ur centra žal nimam."),
        (("phone", "email"), "Telefonske številke in e-poštnega naslova centra žal nimam."),
        (("web",), "Spletne strani centra žal nimam."),
        (("contact",), "Kontaktnih podatkov centra žal nimam."),
        (("amounts",), "Zneskov denarnih pomoči in drugih prejemkov ter cen storitev žal nimam."),
        (("amounts", "apply"), "Zneskov denarnih pomoči in drugih prejemkov ter cen storitev žal nimam. Tudi pogojev,"),
        ((), "Tega podatka žal nimam."),
    ],
)
def test_practical_without_contact_says_what_it_does_not_have(kb, topics: tuple[str, ...], start: str) -> None:
    text = answers.practical_info(kb, topics).text
    assert text.startswith(start)
    assert text.endswith("obrnite neposredno na Center za socialno delo Koper.")
    assert not re.search(r"\d", text)  # no number, hour or amount it does not hold
    assert "Mestn" not in text and "Izvaja:" not in text  # not the area, not the list of services


def test_practical_gives_a_filled_detail(filled_kb) -> None:
    assert answers.practical_info(filled_kb, ("address",)).text == "Naslov centra: Testna ulica 1, Koper"
    both = answers.practical_info(filled_kb, ("phone", "email")).text
    assert both == "Kontaktni podatki centra:\n• telefon: 05 000 00 00\n• e-pošta: csd@example.org"


def test_practical_says_what_is_missing_and_gives_the_other_details(filled_kb) -> None:
    text = answers.practical_info(filled_kb, ("office_hours",)).text
    assert text.startswith("Uradnih ur centra žal nimam.")
    assert text.endswith(
        "Kontaktni podatki centra:\n• naslov: Testna ulica 1, Koper\n• telefon: 05 000 00 00\n• e-pošta: csd@example.org"
    )


def test_a_broad_contact_question_gets_every_filled_detail(filled_kb) -> None:
    text = answers.practical_info(filled_kb, ("contact",)).text
    assert text.startswith("Kontaktni podatki centra:") and "05 000 00 00" in text and "žal" not in text


def test_the_contact_line_is_empty_without_details(kb, filled_kb) -> None:
    assert answers.contact_line(kb) == ""
    assert answers.contact_line(filled_kb, ("phone",)) == "Telefon centra: 05 000 00 00"


def test_replies_that_send_people_to_the_centre_carry_the_filled_details(kb, filled_kb) -> None:
    for reply in (lambda base: answers.canned(base, "fallback"), lambda base: answers.services(base, [])):
        assert "05 000 00 00" not in reply(kb).text
        assert reply(filled_kb).text.endswith("• e-pošta: csd@example.org")
    assert answers.canned(filled_kb, "greet").text == answers.canned(kb, "greet").text


def test_another_centre_is_named_and_gets_none_of_this_centres_details(filled_kb) -> None:
    text = answers.practical_info(filled_kb, ("phone",), "piran").text
    assert text.startswith("Telefonske številke CSD Piran žal nimam.")
    assert text.endswith("obrnite neposredno na Center za socialno delo Piran.")
    assert "05 000 00 00" not in text


def test_every_contact_field_has_a_label() -> None:
    assert set(answers.CONTACT_LABELS) == set(CONTACT_FIELDS)
