"""The knowledge base loads whole from the real files, or fails naming the file and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import KnowledgeBaseError, load_knowledge_base
from knowledge.loader import DATA_DIR, FILES


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_file_loads(kb) -> None:
    assert len(kb.municipalities) == 10
    assert len(kb.centres) == 6
    assert len(kb.tasks) == 6
    assert {fact.id for fact in kb.koper.facts} >= {"settlements", "cadastral", "local_communities", "borders"}


def test_every_fact_names_a_known_source(kb) -> None:
    facts = [*kb.municipalities, *kb.centres, *kb.tasks, *kb.centre.activities, *kb.koper.facts]
    facts += [*kb.koper.borders, *kb.help_lines.emergency_lines]
    assert facts and all(fact.source in {"seed", "guide"} for fact in facts)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "tasks.yml").unlink()
    with pytest.raises(KnowledgeBaseError, match=r"tasks\.yml: cannot be read"):
        load_knowledge_base(data_copy)


def test_invalid_yaml_is_named(data_copy: Path) -> None:
    (data_copy / "centres.yml").write_text("centres: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"centres\.yml: is not valid YAML"):
        load_knowledge_base(data_copy)


def test_missing_field_is_named(data_copy: Path) -> None:
    edit(data_copy / "municipalities.yml", "genitive: Izole, ", "")
    with pytest.raises(
        KnowledgeBaseError, match=r"municipalities\.yml: municipalities\[1\]\.forms\.genitive: field required"
    ):
        load_knowledge_base(data_copy)


def test_unknown_field_is_named(data_copy: Path) -> None:
    edit(data_copy / "tasks.yml", "    title: Interventna služba\n", "    title: Interventna služba\n    colour: red\n")
    with pytest.raises(KnowledgeBaseError, match=r"tasks\.yml: tasks\[0\]\.colour: extra fields not permitted"):
        load_knowledge_base(data_copy)


def test_unknown_municipality_in_a_task_is_named(data_copy: Path) -> None:
    edit(data_copy / "tasks.yml", "municipalities: [Koper, Izola, Piran]", "municipalities: [Koper, Izola, Pirano]")
    with pytest.raises(
        KnowledgeBaseError, match=r"tasks\.yml: tasks\[0\]\.covers\.municipalities\[2\]: unknown municipality 'Pirano'"
    ):
        load_knowledge_base(data_copy)


def test_unknown_source_is_named(data_copy: Path) -> None:
    edit(data_copy / "koper.yml", "source: seed", "source: wikipedia")
    with pytest.raises(KnowledgeBaseError, match=r"koper\.yml: facts\[0\]\.source: unknown source 'wikipedia'"):
        load_knowledge_base(data_copy)


def test_a_municipality_without_a_centre_is_refused(data_copy: Path) -> None:
    edit(data_copy / "centres.yml", "municipalities: [Postojna, Pivka]", "municipalities: [Postojna]")
    with pytest.raises(KnowledgeBaseError, match=r"centres\.yml: centres: no centre covers Pivka"):
        load_knowledge_base(data_copy)


def test_a_form_of_two_municipalities_is_refused(data_copy: Path) -> None:
    edit(data_copy / "municipalities.yml", "aliases: [Isola]", "aliases: [Isola, Kopru]")
    with pytest.raises(KnowledgeBaseError, match=r"form 'Kopru' also belongs to Koper"):
        load_knowledge_base(data_copy)


def test_terms_must_be_folded(data_copy: Path) -> None:
    edit(data_copy / "tasks.yml", "terms: [nasilj,", "terms: [Nasilje,")
    with pytest.raises(KnowledgeBaseError, match=r"tasks\.yml: tasks\[1\]\.terms: term 'Nasilje' must be lower case"):
        load_knowledge_base(data_copy)


def test_coverage_needs_exactly_one_kind(data_copy: Path) -> None:
    edit(
        data_copy / "tasks.yml",
        "      centres: [koper, izola, piran, sezana]",
        "      centres: [koper]\n      municipalities: [Koper]",
    )
    with pytest.raises(
        KnowledgeBaseError, match=r"tasks\.yml: tasks\[5\]\.covers: .*either `municipalities` or `centres`"
    ):
        load_knowledge_base(data_copy)


def test_all_files_are_known_to_the_loader() -> None:
    assert sorted(path.name for path in DATA_DIR.glob("*.yml")) == sorted(FILES)


def test_every_municipality_has_its_register_settlements(kb) -> None:
    counts = {m.name: len(kb.settlements_of(m.name)) for m in kb.municipalities}
    assert counts["Koper"] == 104 and counts["Izola"] == 9 and counts["Pivka"] == 29
    assert sum(counts.values()) == 426


def test_settlements_of_an_unknown_municipality_are_refused(data_copy: Path) -> None:
    edit(data_copy / "settlements.yml", "  - municipality: Pivka", "  - municipality: Pivke")
    with pytest.raises(KnowledgeBaseError, match=r"settlements\.yml: municipalities\[9\]\.municipality: unknown"):
        load_knowledge_base(data_copy)


def test_a_complete_list_must_agree_with_its_stated_count(data_copy: Path) -> None:
    edit(data_copy / "settlements.yml", "count_in_source: 29", "count_in_source: 30")
    with pytest.raises(KnowledgeBaseError, match=r"complete list of 29 settlements, but count_in_source is 30"):
        load_knowledge_base(data_copy)


def test_adjective_stems_must_be_folded(data_copy: Path) -> None:
    edit(data_copy / "municipalities.yml", "adjectives: [koprsk]", "adjectives: [Koprsk]")
    with pytest.raises(KnowledgeBaseError, match=r"municipalities\[0\]\.adjectives: term 'Koprsk' must be lower"):
        load_knowledge_base(data_copy)


def test_danger_terms_are_written_as_words(data_copy: Path) -> None:
    edit(data_copy / "help_lines.yml", "      - farla finit\n", "      - l'ammazzo\n")
    with pytest.raises(
        KnowledgeBaseError,
        match=r"help_lines\.yml: other_languages\.it\.terms: term \"l'ammazzo\" must be lower case, without "
        r"diacritics or punctuation",
    ):
        load_knowledge_base(data_copy)


def test_danger_words_of_an_unknown_language_are_refused(data_copy: Path) -> None:
    edit(
        data_copy / "help_lines.yml",
        "other_languages:\n  it:\n",
        "other_languages:\n  de:\n    line: Hilfe\n    terms: [hilfe]\n  it:\n",
    )
    with pytest.raises(KnowledgeBaseError, match=r"help_lines\.yml: other_languages\.de: unknown language"):
        load_knowledge_base(data_copy)


def test_every_other_language_needs_danger_words(data_copy: Path) -> None:
    edit(data_copy / "languages.yml", "others:\n", "others:\n  de: [der, die, das, und, ist]\n")
    with pytest.raises(KnowledgeBaseError, match=r"help_lines\.yml: other_languages: no danger words for 'de'"):
        load_knowledge_base(data_copy)


def test_a_danger_language_needs_its_line(data_copy: Path) -> None:
    edit(data_copy / "help_lines.yml", "  hr:\n    line: >-\n", "  hr:\n    lines: >-\n")
    with pytest.raises(KnowledgeBaseError, match=r"help_lines\.yml: other_languages\.hr\.line: field required"):
        load_knowledge_base(data_copy)


# --- contact.yml: the website's details, each with its source and the day it was read; checked on load

FILLED_CONTACT = """contact:
  address: {text: "Testna ulica 1, Koper", source: centre, read: 2026-12-01}
  office_hours: {text: "ponedeljek in sreda", source: centre, read: 2026-12-01}
  phone: {text: "+386 (0)5 000 00 00", source: centre, read: 2026-12-01}
  email: {text: "csd@example.org", source: centre, read: 2026-12-01}
  web: {text: "https://example.org/csd", source: centre, read: 2026-12-01}
"""


def fill_contact(data_dir: Path, contact: str = FILLED_CONTACT) -> None:
    """A contact.yml from another source than the website, with that source added to sources.yml."""
    with (data_dir / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(
            '  centre:\n    title: "Podatki centra"\n    note: "Confirmed by the centre."\n    cited: centra\n'
        )
    (data_dir / "contact.yml").write_text(contact, encoding="utf-8")


def test_the_contact_details_are_the_website_s_with_the_day_they_were_read(kb) -> None:
    details = kb.contact.details()
    assert list(details) == ["address", "office_hours", "phone", "email", "web"]
    assert {(d.source, d.source_text, d.read) for d in details.values()} == {("website", None, date(2026, 12, 7))}
    assert kb.contact.filled()["phone"] == "(05) 66 34 534"
    assert kb.contact.filled()["email"] == "gp-csd.jprim@gov.si"
    assert kb.contact.filled()["web"] == "https://csd-kp.si"
    assert "Prisoje 1, 6000 Koper" in details["address"].text and "Južna Primorska" in (details["address"].note or "")
    website = kb.sources["website"]
    assert (website.address, website.read, website.cited) == ("csd-kp.si", date(2026, 12, 7), "s spletne strani centra")


def test_friday_s_end_is_not_invented(kb) -> None:
    """The website's copies disagree on when Friday's office hours end (12.00, 13.00): neither is said."""
    hours = kb.contact.filled()["office_hours"]
    friday = hours[hours.index("petek") :]
    assert friday.startswith("petek od 8.00 (konec uradnih ur v petek preverite po telefonu)")
    assert "12.00" not in friday and "13.00" not in friday
    assert "torek" not in hours.replace("ob torkih in četrtkih uradnih ur ni", "")


def test_first_help_comes_from_the_website(kb) -> None:
    first_help = kb.centre.first_help
    assert (first_help.name, first_help.source, first_help.read) == (
        "prva socialna pomoč",
        "website",
        date(2026, 12, 7),
    )


def test_an_empty_contact_file_loads(data_copy: Path) -> None:
    (data_copy / "contact.yml").write_text("contact:\n", encoding="utf-8")
    assert load_knowledge_base(data_copy).contact.filled() == {}


def test_another_filled_contact_loads(data_copy: Path) -> None:
    fill_contact(data_copy)
    filled = load_knowledge_base(data_copy).contact.filled()
    assert list(filled) == ["address", "office_hours", "phone", "email", "web"]
    assert filled["email"] == "csd@example.org"


def test_one_filled_field_is_enough(data_copy: Path) -> None:
    fill_contact(data_copy, 'contact:\n  phone: {text: "05 000 00 00", source: centre, read: 2026-12-01}\n')
    assert load_knowledge_base(data_copy).contact.filled() == {"phone": "05 000 00 00"}


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('"csd@example.org"', '"csd.example.org"', r"contact\.email: e-mail 'csd\.example\.org' is not an address"),
        ('"https://example.org/csd"', '"www.example.org"', r"contact\.web: web page 'www\.example\.org' must be an http"),
        ('"+386 (0)5 000 00 00"', '"05 000 CSD"', r"contact\.phone: phone '05 000 CSD' must be a number"),
        ('"ponedeljek in sreda", source: centre', '"ponedeljek in sreda"', r"contact\.office_hours: a filled field needs a `source`"),
        ('"ponedeljek in sreda", source: centre', '"ponedeljek in sreda", source_text: Ana, source: centre', r"contact\.office_hours: a filled field needs a `source`.*not both"),
        ('"ponedeljek in sreda", source: centre', '"ponedeljek in sreda", source_text: Ana', r"contact: office_hours: contact\.yml names a `source` of sources\.yml"),
        ("email: {text: \"csd@example.org\", source: centre, read: 2026-12-01}", "email: {text: \"csd@example.org\", source: centre}", r"contact\.email: a filled field needs `read`"),
        ("phone: {text: \"+386 (0)5 000 00 00\", source: centre, read: 2026-12-01}", "phone: {text: \"+386 (0)5 000 00 00\", source: centre, read: 2026-13-01}", r"is not valid YAML \(month must be in 1\.\.12\)"),
        ("phone: {text: \"+386 (0)5 000 00 00\", source: centre, read: 2026-12-01}", "phone: {text: \"+386 (0)5 000 00 00\", source: centre, read: 1. 12. 2026}", r"contact\.phone\.read: invalid date format"),
        ('"Testna ulica 1, Koper", source: centre', '"Testna ulica 1, Koper", source: web', r"contact\.address\.source: unknown source 'web'"),
        ('"Testna ulica 1, Koper", source: centre', '"Testna ulica 1, Koper", source: seed', r"contact\.address\.source: source 'seed' has no `cited`"),
        ('address: {text: "Testna ulica 1, Koper", source: centre, read: 2026-12-01}', 'address: "Testna ulica 1"', r"contact\.address: write the field as \{text: \.\.\., source: \.\.\., read: \.\.\.\}"),
        ("  web:", "  fax:", r"contact\.fax: extra fields not permitted"),
        ('"Testna ulica 1, Koper"', '"…, 6000 Koper"', r"contact\.address\.text: '…, 6000 Koper' still holds the template's"),
    ],
)  # fmt: skip
def test_a_wrong_contact_field_is_named(data_copy: Path, old: str, new: str, error: str) -> None:
    contact = FILLED_CONTACT.replace(old, new)
    assert contact != FILLED_CONTACT
    fill_contact(data_copy, contact)
    with pytest.raises(KnowledgeBaseError, match=r"contact\.yml: " + error):
        load_knowledge_base(data_copy)


def test_a_practical_topic_names_only_contact_fields(data_copy: Path) -> None:
    edit(data_copy / "practical.yml", "fields: [phone]", "fields: [fax]")
    with pytest.raises(KnowledgeBaseError, match=r"practical\.yml: topics\[2\]\.fields: unknown contact field 'fax'"):
        load_knowledge_base(data_copy)


def test_practical_topic_ids_are_unique(data_copy: Path) -> None:
    edit(data_copy / "practical.yml", "- id: phone", "- id: address")
    with pytest.raises(KnowledgeBaseError, match=r"practical\.yml: topics\[2\]\.id: 'address' appears twice"):
        load_knowledge_base(data_copy)


def test_the_gentle_line_is_one_of_the_lines(data_copy: Path) -> None:
    edit(data_copy / "help_lines.yml", 'gentle_line:\n  number: "116 123"', 'gentle_line:\n  number: "116 000"')
    with pytest.raises(KnowledgeBaseError, match=r"help_lines\.yml: gentle_line\.number: not a number"):
        load_knowledge_base(data_copy)


def test_a_danger_task_is_a_known_task(data_copy: Path) -> None:
    edit(data_copy / "help_lines.yml", "danger_tasks: [interventna_sluzba,", "danger_tasks: [interventna,")
    with pytest.raises(KnowledgeBaseError, match=r"help_lines\.yml: danger_tasks\[0\]: unknown task 'interventna'"):
        load_knowledge_base(data_copy)


def test_every_source_of_the_crisis_centre_is_known(data_copy: Path) -> None:
    edit(data_copy / "help_lines.yml", "confirmed_by: [zurnal24_2010,", "confirmed_by: [zurnal,")
    with pytest.raises(KnowledgeBaseError, match=r"young\.centres\[0\]\.confirmed_by\[0\]: unknown source 'zurnal'"):
        load_knowledge_base(data_copy)


def test_the_crisis_centre_has_its_italian_text(data_copy: Path) -> None:
    edit(data_copy / "it" / "help_lines.yml", "    - id: krizni_center_koper\n", "    - id: krizni_center\n")
    with pytest.raises(KnowledgeBaseError, match=r"it/help_lines\.yml: young\.centres\[0\]\.id: 'krizni_center'"):
        load_knowledge_base(data_copy, language="it")


def test_the_crisis_centre_is_kept_with_its_source_and_the_day_read(kb) -> None:
    (centre,) = kb.help_lines.young.centres
    assert centre.source == "website" and centre.read == date(2026, 12, 7)
    assert set(centre.confirmed_by) == {"zurnal24_2010", "varuh_2022"} <= set(kb.sources)


def test_the_seed_s_rankings_and_their_source(kb, kb_it) -> None:
    size, settlements = kb.koper_ranking("size"), kb.koper_ranking("settlements")
    assert (size.rank, size.of, size.ahead, size.source) == (3, 7, [], "seed")
    assert (settlements.rank, settlements.ahead, settlements.source) == (2, ["Novo mesto"], "seed")
    assert kb.koper_ranking("borders") is None
    assert (kb_it.koper_ranking("size").by, kb_it.koper_ranking("size").rank) == ("per superficie", 3)


def test_a_ranking_names_its_fact_and_what_the_fact_says(data_copy: Path) -> None:
    edit(data_copy / "koper.yml", "ahead: [Novo mesto]", "ahead: [Ljubljana]")
    with pytest.raises(KnowledgeBaseError, match=r"koper\.yml: rankings\[1\]\.ahead: 'Ljubljana' is not named"):
        load_knowledge_base(data_copy)
    edit(data_copy / "koper.yml", "ahead: [Ljubljana]", "ahead: [Novo mesto]")
    edit(data_copy / "koper.yml", "  - fact: size", "  - fact: area")
    with pytest.raises(KnowledgeBaseError, match=r"koper\.yml: rankings\[0\]\.fact: unknown fact 'area'"):
        load_knowledge_base(data_copy)


def test_a_ranking_is_among_a_group(data_copy: Path) -> None:
    edit(data_copy / "koper.yml", "    among: status\n", "    among: coastal\n")
    load_knowledge_base(data_copy)
    edit(data_copy / "koper.yml", "    among: coastal\n", "    among: region\n")
    with pytest.raises(KnowledgeBaseError, match=r"koper\.yml: rankings\[0\]\.among: 'region' is not one of"):
        load_knowledge_base(data_copy)


def test_a_rank_lies_within_its_group(data_copy: Path) -> None:
    edit(data_copy / "koper.yml", "    rank: 3\n", "    rank: 8\n")
    with pytest.raises(KnowledgeBaseError, match=r"koper\.yml: rankings.*`rank` must lie within `of`"):
        load_knowledge_base(data_copy)


def test_the_italian_rankings_match_the_slovenian(data_copy: Path) -> None:
    edit(
        data_copy / "it" / "koper.yml",
        "  - {fact: settlements, by: per numero di insediamenti}\n",
        "",
    )
    with pytest.raises(KnowledgeBaseError, match=r"it/koper\.yml: rankings: no text for fact 'settlements'"):
        load_knowledge_base(data_copy, language="it")


DECLINED = """\
prepositions: {at: u, from: iz}
municipalities:
"""


def _with_case_forms(data_copy: Path) -> None:
    """The Italian folder given the case forms of a language that declines names (Croatian-like), for Koper and
    Izola only."""
    path = data_copy / "it" / "municipalities.yml"
    edit(path, "municipalities:\n", DECLINED)
    edit(path, "    display: Capodistria (Koper)\n", "    display: Koper\n    forms: {nominative: Koper, genitive: Kopra, "
         "dative: Kopru, accusative: Kopar, locative: Kopru, instrumental: Koprom}\n")  # fmt: skip


def test_a_language_that_declines_names_gives_every_municipality_its_forms(data_copy: Path) -> None:
    _with_case_forms(data_copy)
    with pytest.raises(
        KnowledgeBaseError, match=r"it/municipalities\.yml: .*`forms` must be given for every municipality"
    ):
        load_knowledge_base(data_copy, language="it")


def test_case_forms_are_said_with_their_prepositions_and_understood(data_copy: Path) -> None:
    from replies.compose import place

    path = data_copy / "it" / "municipalities.yml"
    edit(path, "municipalities:\n", DECLINED)
    text = path.read_text(encoding="utf-8")
    slovenian = load_knowledge_base(data_copy).municipalities
    for municipality in slovenian:  # the Slovenian forms, with "Kopar" for an accusative that is not Slovenian
        forms = municipality.forms.dict() | ({"accusative": "Kopar"} if municipality.name == "Koper" else {})
        display = next(
            line for line in text.splitlines() if line.startswith("    display:") and municipality.name in line
        )
        text = text.replace(display, f"    display: {municipality.name}\n    forms: {forms}", 1)
    path.write_text(text, encoding="utf-8")
    kb = load_knowledge_base(data_copy, language="it")
    koper = place(kb, "Koper")
    assert (koper.form("loc"), koper.form("from"), koper.form("acc")) == ("u Kopru", "iz Kopra", "Kopar")
    assert kb.municipality("Koper").forms.accusative == "Koper"  # the Slovenian forms stay the facts' own
    assert "Kopar" in kb.municipality("Koper").aliases  # understood as the place, as aliases are
