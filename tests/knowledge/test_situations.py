"""The resolver reads a life described as the task it needs (only when no task is named), a question of
what a task is, the courtesies around a question, and colloquial Primorska words as the standard ones."""

from __future__ import annotations

import pytest

from knowledge import knowledge_base
from knowledge.resolver import Resolver

SL = Resolver(knowledge_base("sl"))
IT = Resolver(knowledge_base("it"))


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Babica je po kapi in se ne more več sama umiti, živi v Pivki.", "pomoc_na_domu"),
        ("Teta je nepokretna, kdo ji lahko prinese kosilo?", "pomoc_na_domu"),
        ("Sosed ima shizofrenijo in je spet doma.", "obravnava_v_skupnosti"),
        ("Prejel sem obsodbo na osem mesecev, ali lahko kazen odslužim drugače?", "alternativno_izvajanje_kazni"),
        ("Ponoči sta otroka ostala brez varstva.", "interventna_sluzba"),
    ],
)
def test_a_life_described_names_its_task(text: str, task: str) -> None:
    mentions = SL.resolve(text)
    assert mentions.tasks == (task,) and mentions.situation


def test_an_italian_life_described_names_its_task() -> None:
    mentions = IT.resolve("Mio padre è anziano e non riesce più a cucinare, abita a Isola.")
    assert mentions.tasks == ("pomoc_na_domu",) and mentions.situation


def test_a_named_task_is_what_is_asked() -> None:
    mentions = SL.resolve("Mama je po kapi. Ali interventna služba pokriva Izolo?")
    assert mentions.tasks == ("interventna_sluzba",) and not mentions.situation


def test_everyday_words_name_no_task() -> None:
    for text in ("Umiram od dolgčasa.", "Kje je vaš center?", "Oblaki so nizko nad Koprom."):
        assert SL.resolve(text).tasks == (), text


def test_what_is_it() -> None:
    assert SL.resolve("Kaj sploh pomeni obravnava v skupnosti?").definition
    assert SL.resolve("Komu je namenjena pomoč na domu?").definition
    assert IT.resolve("A chi è rivolta l'assistenza domiciliare?").definition
    assert not SL.resolve("Ali pomoč na domu pokriva Koper?").definition


def test_words_beside_the_courtesies() -> None:
    assert SL.resolve("Dober dan, hvala lepa!").beyond_courtesy == 0
    assert SL.resolve("Hvala, kaj pa Pivka?").beyond_courtesy == 3
    assert IT.resolve("Buongiorno, grazie mille").beyond_courtesy == 0


def test_colloquial_words_read_as_standard_ones() -> None:
    assert SL.resolve("kok občin pokriva interventna služba?").count  # "kok": koliko
    assert SL.resolve("kolko občin je?").count
