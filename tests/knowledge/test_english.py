"""The English knowledge base: every Slovenian text has its English twin by the same id, over the same facts;
places keep their official Slovenian names; the resolver reads English questions."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, knowledge_base
from knowledge.loader import DATA_DIR, TRANSLATED_FILES
from knowledge.places import PlaceIndex
from knowledge.resolver import Resolver
from knowledge.text import words


@pytest.fixture(scope="module")
def kb_en() -> KnowledgeBase:
    return knowledge_base("en")


@pytest.fixture(scope="module")
def resolver(kb_en: KnowledgeBase) -> Resolver:
    return Resolver(kb_en)


def test_the_files(kb_en) -> None:
    assert kb_en.language == "en"
    assert sorted(path.name for path in (DATA_DIR / "en").glob("*.yml")) == sorted(TRANSLATED_FILES)


def test_the_facts_are_the_slovenian_ones(kb, kb_en) -> None:
    assert [(m.name, m.forms) for m in kb_en.municipalities] == [(m.name, m.forms) for m in kb.municipalities]
    for task in kb.tasks:
        assert kb_en.task(task.id).covers == task.covers
    for municipality in kb.municipalities:
        assert kb_en.settlements_of(municipality.name) == kb.settlements_of(municipality.name)
        assert kb_en.centre_for(municipality.name).id == kb.centre_for(municipality.name).id
    assert [r.rank for r in kb_en.koper.rankings] == [r.rank for r in kb.koper.rankings]
    sl_details, en_details = kb.contact.details(), kb_en.contact.details()
    assert {n: d.provenance for n, d in en_details.items()} == {n: d.provenance for n, d in sl_details.items()}
    assert [name for name in sl_details if sl_details[name].text != en_details[name].text] == ["office_hours"]


def test_every_text_is_translated(kb, kb_en) -> None:
    pairs = [(kb.task(t.id).name, t.name) for t in kb_en.tasks] + [(kb.task(t.id).title, t.title) for t in kb_en.tasks]
    pairs += [(kb.task(t.id).description, t.description) for t in kb_en.tasks]
    pairs += [(kb.reply(name).text, reply.text) for name, reply in kb_en.replies.items()]
    pairs += [(a.text, b.text) for a, b in zip(kb.koper.facts, kb_en.koper.facts, strict=True)]
    pairs += [(a.text, b.text) for a, b in zip(kb.centre.activities, kb_en.centre.activities, strict=True)]
    pairs += [(a.missing, b.missing) for a, b in zip(kb.practical, kb_en.practical, strict=True)]
    pairs += [(a.description, b.description) for a, b in zip(kb.help_lines.emergency_lines, kb_en.help_lines.emergency_lines, strict=True)]  # fmt: skip
    assert [slovenian for slovenian, english in pairs if slovenian == english] == []


def test_places_keep_their_official_names(kb_en) -> None:
    assert [kb_en.display_name(m.name) for m in kb_en.municipalities] == [m.name for m in kb_en.municipalities]
    assert kb_en.display_name("Portorož", "Piran") == "Portorož"  # no Italian name in an English answer


@pytest.mark.parametrize(
    ("name", "municipality"),
    [("City Municipality of Koper", "Koper"), ("Municipality of Izola", "Izola"), ("Koper", "Koper"),
     ("Capodistria", "Koper"), ("Municipality of Hrpelje-Kozina", "Hrpelje-Kozina"), ("Kozina", "Hrpelje-Kozina")],
)  # fmt: skip
def test_english_names_are_found(kb_en, name: str, municipality: str) -> None:
    place = PlaceIndex(kb_en).get(tuple(words(name)))
    assert place is not None and place.municipalities == (municipality,)


def test_danger_words_are_english_and_the_gateways(kb, kb_en) -> None:
    crisis = kb_en.help_lines.crisis_terms
    assert set(kb.help_lines.other_languages["en"].terms) <= set(crisis) and "beats me" in crisis
    assert "samomor" not in crisis


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Which municipalities does the intervention service not cover?", {"tasks": ("interventna_sluzba",), "complement": True}),
        ("How many municipalities does home help cover?", {"tasks": ("pomoc_na_domu",), "count": True}),
        ("my mum can't cope alone any more, she lives in Divača", {"tasks": ("pomoc_na_domu",), "municipalities": ("Divača",), "situation": True}),
        ("what about Sežana?", {"municipalities": ("Sežana",), "only_places": True}),
        ("Does the intervention service cover Trieste?", {"outside": ("Trieste",)}),
        ("I'm 14 and my dad beats me", {"crisis": True, "young": True}),
        ("I'm exhausted, does home help reach Komen?", {"crisis": False, "distress": True}),
        ("I could kill for a coffee", {"crisis": False, "distress": True}),
        ("Is CSD Koper responsible for Izola?", {"centres": ("koper",), "municipalities": ("Izola",), "regular_work": True}),
        ("what is community treatment?", {"tasks": ("obravnava_v_skupnosti",), "definition": True}),
        ("I don't know where to turn", {"where_to_turn": True}),
    ],
)  # fmt: skip
def test_the_resolver_reads_english(resolver, text: str, expected: dict[str, object]) -> None:
    mentions = resolver.resolve(text)
    assert {key: getattr(mentions, key) for key in expected} == expected
