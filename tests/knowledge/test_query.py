"""Queries over the real knowledge base, checked against the seed and the guide."""

from __future__ import annotations

import pytest

from knowledge import UnknownName

ALL_TEN = [
    "Koper",
    "Izola",
    "Piran",
    "Sežana",
    "Divača",
    "Hrpelje-Kozina",
    "Komen",
    "Ilirska Bistrica",
    "Postojna",
    "Pivka",
]


def names(municipalities) -> list[str]:
    return [m.name for m in municipalities]


@pytest.mark.parametrize(
    ("task_id", "expected"),
    [
        ("interventna_sluzba", ["Koper", "Izola", "Piran"]),
        ("koordinacija_nasilje", ALL_TEN),
        ("alternativno_izvajanje_kazni", ALL_TEN),
        ("nacionalni_program", ALL_TEN),
        ("pomoc_na_domu", ALL_TEN),
        ("obravnava_v_skupnosti", ["Koper", "Izola", "Piran", "Sežana", "Divača", "Hrpelje-Kozina", "Komen"]),
    ],
)
def test_task_municipalities(kb, task_id: str, expected: list[str]) -> None:
    assert names(kb.task_municipalities(task_id)) == expected


def test_municipality_tasks(kb) -> None:
    assert [t.id for t in kb.municipality_tasks("Koper")] == [t.id for t in kb.tasks]
    assert [t.id for t in kb.municipality_tasks("Pivka")] == [
        "koordinacija_nasilje",
        "alternativno_izvajanje_kazni",
        "nacionalni_program",
        "pomoc_na_domu",
    ]
    assert "obravnava_v_skupnosti" in [t.id for t in kb.municipality_tasks("Komen")]


def test_task_centres_are_those_of_the_seed(kb) -> None:
    def short(task_id: str) -> list[str]:
        return [c.short_name for c in kb.task_centres(task_id)]

    assert short("obravnava_v_skupnosti") == ["CSD Koper", "CSD Izola", "CSD Piran", "CSD Sežana"]
    assert short("interventna_sluzba") == ["CSD Koper", "CSD Izola", "CSD Piran"]
    assert len(short("koordinacija_nasilje")) == 6


def test_task_covers(kb) -> None:
    assert kb.task_covers("interventna_sluzba", "Piran")
    assert not kb.task_covers("interventna_sluzba", "Postojna")
    assert not kb.task_covers("obravnava_v_skupnosti", "Pivka")


@pytest.mark.parametrize(
    ("municipality", "centre"),
    [
        ("Divača", "sezana"),
        ("Komen", "sezana"),
        ("Pivka", "postojna"),
        ("Koper", "koper"),
        ("Ilirska Bistrica", "ilirska_bistrica"),
    ],
)
def test_centre_for(kb, municipality: str, centre: str) -> None:
    assert kb.centre_for(municipality).id == centre


def test_regular_area_is_koper(kb) -> None:
    assert kb.regular_area().name == "Koper"
    assert "Upravna enota Koper" in kb.centre.regular_area.text


def test_koper_facts_from_the_seed(kb) -> None:
    assert "105" in kb.koper_fact("settlements").text
    assert "36" in kb.koper_fact("cadastral").text
    assert "23" in kb.koper_fact("local_communities").text
    assert "sedem občin z mestnim" in kb.koper_fact("status").text
    assert "tri obalne občine" in kb.koper_fact("coastal").text
    assert "3. mestu" in kb.koper_fact("size").text
    assert "Novo mesto" in kb.koper_fact("settlements").text


def test_emergency_lines_from_the_guide(kb) -> None:
    assert [line.number for line in kb.help_lines.emergency_lines] == ["112", "113", "116 111", "116 123", "080 11 55"]


def test_unknown_names_raise(kb) -> None:
    with pytest.raises(UnknownName):
        kb.municipality("Maribor")
    with pytest.raises(UnknownName):
        kb.task("kavarna")
    with pytest.raises(UnknownName):
        kb.koper_fact("population")
