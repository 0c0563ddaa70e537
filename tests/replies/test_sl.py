"""Answers composed from the real knowledge base: facts, Da/Ne, case endings, list joining."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from knowledge import KnowledgeBase
from knowledge.places import Place
from knowledge.schema import ContactDetail, ContactInfo
from knowledge.text import fold
from replies import answers


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
    from replies.compose import quantity as counted

    def quantity(count: int, noun: str) -> str:
        return counted("sl", count, noun)

    assert [quantity(n, "municipalities") for n in (1, 2, 3, 4, 7, 10, 101, 104)] == [
        "eno občino", "dve občini", "tri občine", "štiri občine", "sedem občin", "deset občin",
        "101 občino", "104 občine",
    ]  # fmt: skip
    assert quantity(6, "centres") == "šest centrov" and quantity(2, "centres") == "dva centra"
    assert quantity(29, "settlements") == "29 naselij" and quantity(104, "settlements") == "104 naselja"
    # Days as a time span ("se izbriše … po zadnjem sporočilu"), an accusative: "tri dni", not "tri dnevi".
    assert [quantity(n, "days") for n in (1, 2, 3, 4, 5, 30, 101, 102, 103)] == [
        "en dan", "dva dneva", "tri dni", "štiri dni", "pet dni", "30 dni", "101 dan", "102 dneva", "103 dni",
    ]  # fmt: skip


def test_a_settlement_lead_says_where_it_lies(kb) -> None:
    from knowledge.places import Place
    from replies.answers import place_lead

    assert place_lead(kb, Place("Strunjan", ("Piran",), ("Strunjan",))) == "Naselje Strunjan je v občini Piran."
    skofije = Place("Škofije", ("Koper",), ("Spodnje Škofije", "Zgornje Škofije"))
    assert place_lead(kb, skofije) == "Škofije: naselji Spodnje Škofije in Zgornje Škofije sta v Mestni občini Koper."
    assert place_lead(kb, Place("Koper", ("Koper",))) == ""


def test_complement_of_a_task_that_covers_everything(kb) -> None:
    from replies.answers import task_complement

    text = task_complement(kb, "koordinacija_nasilje").text
    assert text.startswith("Regijska koordinacija za nasilje ne izpušča nobene občine regije.")
    assert "deset občin" in text


def test_centres_count(kb) -> None:
    from replies.answers import centres_count

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


# --- practical questions and the centre's contact details (contact.yml: the website's, read 2026-12-07)

WEBSITE = "Po podatkih s spletne strani centra (prebrano 7. 12. 2026):"
SHORT = (
    f"{WEBSITE}\n• telefon: (05) 66 34 534\n• e-pošta: gp-csd.jprim@gov.si\n• uradne ure: ponedeljek od 8.00 do 12.00"
)


@pytest.fixture(scope="module")
def empty_kb(kb) -> KnowledgeBase:
    """The knowledge base with no contact details: what the assistant says for what it does not have."""
    return replace(kb, contact=ContactInfo())


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
def test_practical_without_contact_says_what_it_does_not_have(empty_kb, topics: tuple[str, ...], start: str) -> None:
    text = answers.practical_info(empty_kb, topics).text
    assert text.startswith(start)
    assert text.endswith("obrnite neposredno na Center za socialno delo Koper.")
    assert not re.search(r"\d", text)  # no number, hour or amount it does not hold
    assert "Mestn" not in text and "Izvaja:" not in text  # not the area, not the list of services


def test_the_address_names_its_source_and_the_regional_centre(kb) -> None:
    assert answers.practical_info(kb, ("address",)).text == (
        f"{WEBSITE}\n• naslov: Prisoje 1, 6000 Koper\nCenter za socialno delo Koper je od 1. oktobra 2018 del Centra "
        "za socialno delo Južna Primorska, ki ima sedež na tem naslovu."
    )


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        (("phone",), f"{WEBSITE}\n• telefon: (05) 66 34 534"),
        (("email",), f"{WEBSITE}\n• e-pošta: gp-csd.jprim@gov.si"),
        (("web",), f"{WEBSITE}\n• spletna stran: https://csd-kp.si"),
        (("phone", "email"), f"{WEBSITE}\n• telefon: (05) 66 34 534\n• e-pošta: gp-csd.jprim@gov.si"),
    ],
)
def test_an_asked_detail_is_given_with_its_source(kb, topics: tuple[str, ...], expected: str) -> None:
    assert answers.practical_info(kb, topics).text == expected


def test_office_hours_never_invent_friday_s_end(kb) -> None:
    text = answers.practical_info(kb, ("office_hours",)).text
    assert text.startswith(f"{WEBSITE}\n• uradne ure: ponedeljek od 8.00 do 12.00 in od 13.00 do 15.00, sreda od 8.00")
    assert "petek od 8.00 (konec uradnih ur v petek preverite po telefonu)" in text
    assert not re.search(r"petek od 8\.00 do|petek[^;]*1[23]\.00", text)
    assert "ob torkih in četrtkih uradnih ur ni" in text and "žal" not in text


def test_a_broad_contact_question_gets_every_detail(kb) -> None:
    text = answers.practical_info(kb, ("contact",)).text
    assert text.startswith(f"{WEBSITE}\n• naslov: Prisoje 1, 6000 Koper\n• uradne ure: ")
    for detail in ("• telefon: (05) 66 34 534", "• e-pošta: gp-csd.jprim@gov.si", "• spletna stran: https://csd-kp.si"):
        assert detail in text
    assert text.endswith("ki ima sedež na tem naslovu.") and "žal" not in text


def test_what_it_does_not_have_is_followed_by_the_short_contact(kb) -> None:
    for topics in (("amounts",), ("apply",), ()):
        text = answers.practical_info(kb, topics).text
        assert "žal nimam" in text and "obrnite neposredno na Center za socialno delo Koper.\n" in text
        assert SHORT in text and "naslov:" not in text and "spletna stran:" not in text
        assert not re.search(r"\d+ ?(€|eur)", fold(text))  # an amount is never given


def test_an_asked_detail_and_a_missing_one(kb) -> None:
    text = answers.practical_info(kb, ("phone", "amounts")).text
    assert text.startswith(f"{WEBSITE}\n• telefon: (05) 66 34 534\nZneskov denarnih pomoči")
    # then only what was not given already
    assert text.endswith("• e-pošta: gp-csd.jprim@gov.si\n• uradne ure: " + kb.contact.filled()["office_hours"])
    assert text.count("(05) 66 34 534") == 1


def test_the_contact_line_is_empty_without_details(empty_kb, kb) -> None:
    assert answers.contact_line(empty_kb) == ""
    assert answers.with_contact(empty_kb, "Besedilo.") == "Besedilo."
    assert answers.contact_line(kb, ("phone",)) == f"{WEBSITE}\n• telefon: (05) 66 34 534"


def test_replies_that_send_people_to_the_centre_carry_the_short_contact(kb, empty_kb) -> None:
    for reply in (
        lambda base: answers.canned(base, "fallback"),
        lambda base: answers.canned(base, "bot_challenge"),
        lambda base: answers.services(base, []),
        lambda base: answers.first_help(base),
    ):
        assert "(05) 66 34 534" not in reply(empty_kb).text
        assert SHORT in reply(kb).text and "Prisoje" not in reply(kb).text
        assert reply(kb).text.endswith(kb.contact.filled()["office_hours"])
    # Not where nobody is sent to the centre: a greeting, the emergency lines, coverage, another centre's area.
    for text in (
        answers.canned(kb, "greet").text,
        answers.canned(kb, "help").text,
        answers.emergency(kb).text,
        answers.task_coverage(kb, "interventna_sluzba").text,
        answers.unknown_municipality(kb).text,
    ):
        assert "66 34 534" not in text and "spletne strani" not in text


def test_first_help_says_what_it_is_then_how_to_reach_the_centre(kb) -> None:
    text = answers.first_help(kb).text
    assert text.startswith("Če ste v stiski in ne veste, na koga bi se obrnili, je za vas prva socialna pomoč")
    assert "prvi stik s centrom" in text and "112" in text
    assert "\n" + SHORT in text


def test_staff_published_details_win_and_are_cited_by_who_published_them(kb) -> None:
    published = ContactDetail(text="05 123 45 67", source_text="Ana Novak, CSD Koper", read=date(2026, 12, 9))
    staff = kb.overlaid({"phone": published})
    assert answers.practical_info(staff, ("phone",)).text == (
        "Po podatkih centra (Ana Novak, CSD Koper, 9. 12. 2026):\n• telefon: 05 123 45 67"
    )
    text = answers.with_contact(staff, "Besedilo.")
    assert text.startswith(
        "Besedilo.\nPo podatkih centra (Ana Novak, CSD Koper, 9. 12. 2026):\n• telefon: 05 123 45 67\n"
    )
    assert f"\n{WEBSITE}\n• e-pošta: gp-csd.jprim@gov.si\n• uradne ure:" in text and "66 34 534" not in text


def test_another_centre_is_named_and_gets_none_of_this_centres_details(kb) -> None:
    text = answers.practical_info(kb, ("phone",), "piran").text
    assert text.startswith("Telefonske številke CSD Piran žal nimam.")
    assert text.endswith("obrnite neposredno na Center za socialno delo Piran.")
    assert "66 34 534" not in text


# The emergency path: the lines, the crisis centre for a child or young person, the gentle line.
def test_a_child_in_danger_also_learns_of_the_crisis_centre_as_its_source_states_it(kb) -> None:
    plain, young = answers.emergency(kb).text, answers.emergency(kb, young=True).text
    assert young.startswith(plain) and "Marelična hiša" not in plain
    assert young[len(plain) :].startswith(
        "\n\nPo podatkih s spletne strani centra (prebrano 7. 12. 2026):\nV Kopru je Krizni center za otroke in "
        "mladostnike Koper (Marelična hiša), Kolarska ulica 10. Odprt je 24 ur na dan, vse dni v letu,"
    )
    assert "od 6. do 18. leta" in young and "do tri tedne" in young


def test_the_crisis_centre_in_italian(kb_it) -> None:
    plain, young = answers.emergency(kb_it).text, answers.emergency(kb_it, young=True).text
    assert young.startswith(plain) and "Marelična hiša" not in plain
    assert (
        "\n\nSecondo il sito web del centro (consultato il 7/12/2026):\nA Capodistria c'è il Centro di crisi" in young
    )
    assert "dai 6 ai 18 anni" in young and "fino a tre settimane" in young


def test_the_gentle_line_is_one_line_and_no_emergency_number(kb, kb_it) -> None:
    text = answers.gentle_line(kb).text
    assert text == (
        "Če vam je težko in bi se radi s kom pogovorili, lahko kadar koli pokličete:\n"
        "• 116 123 – Samarijan: pogovor in čustvena podpora, 24 ur na dan"
    )
    assert "112" not in answers.gentle_line(kb_it).text and "24 ore su 24" in answers.gentle_line(kb_it).text


def test_which_centres_a_task_covers_names_them_whatever_the_seed_defines_it_by(kb) -> None:
    assert answers.task_centres(kb, "interventna_sluzba").text.startswith(
        "Regijska interventna služba pokriva območje centrov za socialno delo Koper, Izola in Piran, "
        "to je občine Koper, Izola in Piran."
    )
    text = answers.task_centres(kb, "pomoc_na_domu").text
    assert "centrov za socialno delo Koper, Izola, Piran, Sežana, Ilirska Bistrica in Postojna" in text
    assert "predvideva delovanje" in text  # a project: never said to run


def municipality_place(name: str) -> Place:
    return Place(name, (name,))


def test_regular_work_yes_or_no_comes_first(kb) -> None:
    koper = municipality_place("Koper")
    assert answers.regular_work(kb, "koper", [koper]).text == (
        "Da, za Koper je pristojen Center za socialno delo Koper. To smo mi. " + kb.centre.regular_area.text
    )
    text = answers.regular_work(kb, "koper", [municipality_place("Pivka")]).text
    assert text.startswith("Ne, za Pivko je pristojen Center za socialno delo Postojna. ")
    assert kb.centre.regular_area.text in text  # CSD Koper's own area: Mestna občina Koper
    regional = text.split("Za Pivko CSD Koper izvaja le te regijske naloge:\n")[1]
    assert regional.count("• ") == len(kb.municipality_tasks("Pivka")) and "Regijska interventna" not in regional


def test_regular_work_of_a_settlement_says_where_it_lies_after_the_yes(kb) -> None:
    bertoki = Place("Bertoki", ("Koper",), ("Bertoki",))
    assert answers.regular_work(kb, "koper", [bertoki]).text.startswith(
        "Da. Naselje Bertoki je v Mestni občini Koper. Za Koper je pristojen Center za socialno delo Koper. To smo mi."
    )


def test_regular_work_of_another_centre_and_outside_the_region(kb) -> None:
    assert answers.regular_work(kb, "postojna", [municipality_place("Pivka")]).text == (
        "Da, za Pivko je pristojen Center za socialno delo Postojna. CSD Postojna pokriva dve občini: Postojna in Pivka."
    )
    assert answers.regular_work(kb, "izola", [municipality_place("Piran")]).text.startswith("Ne, za Piran je")
    assert answers.regular_work(kb, "koper", [], ["Kranj"]).text.startswith(
        "Ne. Kraj Kranj ni v občinah regije, zato zanj ni pristojen noben"
    )


def test_a_comparison_with_the_seed_s_ranking(kb) -> None:
    assert answers.comparison(kb, "size", "most", yes_no=True).text == (
        "Ne. Po površini je Mestna občina Koper med mestnimi občinami v Sloveniji na 3. mestu. "
        "Pred seboj ima torej dve mestni občini, ki ju predstavitev centra ne imenuje."
    )
    ahead = answers.comparison(kb, "settlements", "more", yes_no=True).text
    assert ahead.startswith("Da. Mestno občino Koper sestavlja 105 naselij. Po številu naselij je med mestnimi ")
    assert "le še Mestna občina Novo mesto" in ahead and "danes 104 naselja" in ahead  # the seed's and today's
    assert "ne imenuje" not in ahead  # the seed names the one ahead
    behind = answers.comparison(kb, "settlements", "less", count=True).text
    assert behind.startswith("Po številu naselij ima Mestna občina Koper za seboj pet mestnih občin, ki jih ")
    assert answers.comparison(kb, "size", "rank", yes_no=True).text == kb.koper_fact("size").text
