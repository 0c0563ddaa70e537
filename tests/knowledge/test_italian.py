"""The Italian knowledge base: every Slovenian text has its Italian twin by the same id, over the same facts,
or the load fails naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from knowledge.loader import DATA_DIR, TRANSLATED_FILES
from knowledge.places import PlaceIndex
from knowledge.text import words
from tests.knowledge.test_loader import edit


def test_the_languages(kb, kb_it) -> None:
    assert (kb.language, kb_it.language) == ("sl", "it")
    assert type(kb_it) is KnowledgeBase
    assert sorted(path.name for path in (DATA_DIR / "it").glob("*.yml")) == sorted(TRANSLATED_FILES)


def test_the_facts_are_the_slovenian_ones(kb, kb_it) -> None:
    assert [(m.name, m.forms, m.source) for m in kb_it.municipalities] == [
        (m.name, m.forms, m.source) for m in kb.municipalities
    ]
    assert [(c.id, c.municipalities) for c in kb_it.centres] == [(c.id, c.municipalities) for c in kb.centres]
    for task in kb.tasks:
        assert kb_it.task(task.id).covers == task.covers
        assert kb_it.task_municipalities(task.id) == [
            kb_it.municipality(m.name) for m in kb.task_municipalities(task.id)
        ]
    for municipality in kb.municipalities:
        assert kb_it.settlements_of(municipality.name) == kb.settlements_of(municipality.name)
        assert kb_it.centre_for(municipality.name).id == kb.centre_for(municipality.name).id
    assert [e.number for e in kb_it.help_lines.emergency_lines] == [e.number for e in kb.help_lines.emergency_lines]
    assert kb_it.koper.overview == kb.koper.overview
    # The same contact details from the same source and day; the address and office hours in Italian words.
    sl_details, it_details = kb.contact.details(), kb_it.contact.details()
    assert {n: d.provenance for n, d in it_details.items()} == {n: d.provenance for n, d in sl_details.items()}
    changed = [name for name in sl_details if sl_details[name].text != it_details[name].text]
    assert changed == ["address", "office_hours"]
    assert kb_it.contact.filled()["address"] == "Prisoje 1, 6000 Capodistria (Koper)"
    assert (
        kb_it.sources["website"].cited == "il sito web del centro"
        and kb_it.sources["website"].read == kb.sources["website"].read
    )
    assert kb_it.centre.first_help.source == kb.centre.first_help.source
    assert {n: (r.with_contact, [b.payload for b in r.buttons]) for n, r in kb_it.replies.items()} == {
        n: (r.with_contact, [b.payload for b in r.buttons]) for n, r in kb.replies.items()
    }


def test_every_text_is_translated(kb, kb_it) -> None:
    pairs = [(kb.task(t.id).name, t.name) for t in kb_it.tasks] + [(kb.task(t.id).title, t.title) for t in kb_it.tasks]
    pairs += [(kb.reply(name).text, reply.text) for name, reply in kb_it.replies.items()]
    pairs += [(a.text, b.text) for a, b in zip(kb.koper.facts, kb_it.koper.facts, strict=True)]
    pairs += [(a.text, b.text) for a, b in zip(kb.centre.activities, kb_it.centre.activities, strict=True)]
    pairs += [(a.missing, b.missing) for a, b in zip(kb.practical, kb_it.practical, strict=True)]
    pairs += [(kb.help_lines.first_line, kb_it.help_lines.first_line), (kb.centre.name, kb_it.centre.name)]
    pairs += [
        (kb.centre.first_help.text, kb_it.centre.first_help.text),
        (kb.contact.address.note, kb_it.contact.address.note),
    ]
    assert [slovenian for slovenian, italian in pairs if slovenian == italian] == []
    assert kb_it.question_words.count != kb.question_words.count


def test_display_names(kb, kb_it) -> None:
    assert [kb_it.display_name(m.name) for m in kb_it.municipalities] == [
        "Capodistria (Koper)", "Isola (Izola)", "Pirano (Piran)", "Sežana (Sesana)", "Divača (Divaccia)",
        "Hrpelje-Kozina (Erpelle-Cosina)", "Komen (Comeno)", "Ilirska Bistrica (Bisterza)", "Postojna (Postumia)",
        "Pivka (San Pietro del Carso)",
    ]  # fmt: skip
    assert kb_it.display_name("Portorož", "Piran") == "Portorose (Portorož)"
    assert kb_it.display_name("Jagodje", "Izola") == "Jagodje"  # the register's Italian name is the same
    assert kb_it.display_name("Škocjan", "Divača") == "Škocjan"  # only Koper's Škocjan has an Italian name
    assert kb_it.display_name("Maribor") == "Maribor"
    assert kb.display_name("Koper") == "Koper" and kb.display_name("Portorož", "Piran") == "Portorož"


@pytest.mark.parametrize(
    ("name", "municipality"),
    [
        ("Capodistria", "Koper"),
        ("Comune città di Capodistria", "Koper"),
        ("Koper", "Koper"),
        ("Kopru", "Koper"),
        ("Isola d'Istria", "Izola"),
        ("Comune di Pirano", "Piran"),
        ("Villa del Nevoso", "Ilirska Bistrica"),
        ("Bisterza", "Ilirska Bistrica"),
        ("Erpelle", "Hrpelje-Kozina"),
        ("Cosina", "Hrpelje-Kozina"),
        ("San Pietro del Carso", "Pivka"),
        ("Postumia", "Postojna"),
    ],
)
def test_italian_names_are_found(kb_it, name: str, municipality: str) -> None:
    place = PlaceIndex(kb_it).get(tuple(words(name)))
    assert place is not None and place.municipalities == (municipality,)


def test_italian_words_replace_the_slovenian_but_tasks_keep_their_slovenian_names(kb, kb_it) -> None:
    terms = kb_it.task("pomoc_na_domu").terms
    assert "assist domicil" in terms and "pomo na dom" in terms  # "la pomoč na domu" is said in Italian too
    assert "copr" in kb_it.question_words.coverage_verbs and "quant" in kb_it.question_words.count
    crisis = kb_it.help_lines.crisis_terms
    assert set(kb.help_lines.other_languages["it"].terms) <= set(crisis) and "suicid" in crisis
    assert "samomor" not in crisis
    assert (
        "capodistrian" in kb_it.municipality("Koper").adjectives and "koprsk" in kb_it.municipality("Koper").adjectives
    )


def test_slovenian_base_is_unchanged(kb) -> None:
    assert kb.task("interventna_sluzba").name == "regijska interventna služba"
    assert (
        "Capodistria" in kb.municipality("Koper").aliases
        and "Villa del Nevoso" not in kb.municipality("Ilirska Bistrica").aliases
    )


def test_unknown_language(data_copy: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"unknown language 'de' \(served: sl, it"):
        load_knowledge_base(data_copy, language="de")


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "it" / "koper.yml").unlink()
    with pytest.raises(KnowledgeBaseError, match=r"it/koper\.yml: cannot be read"):
        load_knowledge_base(data_copy, language="it")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("tasks.yml", "  - id: pomoc_na_domu\n", "  - id: pomoc_na_domu_x\n",
         r"it/tasks\.yml: tasks\[4\]\.id: 'pomoc_na_domu_x' is not in the Slovenian file"),
        ("koper.yml", "borders:\n", "borders:\n  - {side: jugovzhod, text: X, terms: [x]}\n",
         r"it/koper\.yml: borders\[0\]\.side: 'jugovzhod' is not in the Slovenian file"),
        ("conversation.yml", "  reset:", "  restart:",
         r"it/conversation\.yml: replies\.restart: is not in the Slovenian file"),
        ("conversation.yml", '"Compiti regionali", "Comune città di Capodistria"]', '"Compiti"]',
         r"it/conversation\.yml: replies\.greet\.buttons: 3 titles needed"),
        ("settlements.yml", "{municipality: Pivka}", "{municipality: Pivka, note: Nota.}",
         r"it/settlements\.yml: municipalities\[9\]\.note: must be given exactly where the Slovenian"),
        ("tasks.yml", "    title: Servizio di intervento\n", "    title: X\n    covers: {municipalities: [Koper]}\n",
         r"it/tasks\.yml: tasks\[0\]\.covers: extra fields not permitted"),  # a fact stays Slovenian
        ("question_words.yml", "count: [quant,", "count: [quantità,",
         r"it/question_words\.yml: count: term 'quantità' must be lower case"),
        ("municipalities.yml", "aliases: [Comeno,", "aliases: [Sesana, Comeno,",
         r"it/municipalities\.yml: municipalities\[6\]: form 'Sesana' also belongs to Sežana"),
        ("contact.yml", "  office_hours:\n", "  fax:\n    text: X\n  office_hours:\n",
         r"it/contact\.yml: contact\.fax: is not a filled field of the Slovenian file"),
        ("contact.yml", "  office_hours:\n    text: >-\n", "  office_hours:\n    note: Nota.\n    text: >-\n",
         r"it/contact\.yml: contact\.office_hours\.note: must be given exactly where the Slovenian file gives it"),
        ("sources.yml", "  website:", "  site:",
         r"it/sources\.yml: sources\.site: is not in the Slovenian file"),
        ("centre.yml", "  first_help:\n", "  first_aid:\n", r"it/centre\.yml: centre\.first_help: field required"),
    ],
)  # fmt: skip
def test_a_wrong_italian_file_is_named(data_copy: Path, file: str, old: str, new: str, message: str) -> None:
    edit(data_copy / "it" / file, old, new)
    with pytest.raises(KnowledgeBaseError, match=message):
        load_knowledge_base(data_copy, language="it")


def test_a_contact_note_without_italian_text_is_named(data_copy: Path) -> None:
    (data_copy / "it" / "contact.yml").write_text("contact:\n  office_hours: {text: lunedì}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"it/contact\.yml: contact: no text for 'address', whose note needs"):
        load_knowledge_base(data_copy, language="it")


def test_a_task_without_italian_text_is_named(data_copy: Path) -> None:
    path = data_copy / "it" / "tasks.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: obravnava_v_skupnosti")], encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"it/tasks\.yml: tasks: no text for id 'obravnava_v_skupnosti'"):
        load_knowledge_base(data_copy, language="it")


def test_invalid_yaml_is_named(data_copy: Path) -> None:
    (data_copy / "it" / "centres.yml").write_text("centres: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"it/centres\.yml: is not valid YAML"):
        load_knowledge_base(data_copy, language="it")
