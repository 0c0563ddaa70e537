"""The checks before a publication, on the real training data."""

from __future__ import annotations

from dataclasses import replace

from staff_answers.checks import contact_problems, publication_problems
from staff_answers.corpus import Corpus
from staff_answers.entries import Entry


def test_the_teams_entries_pass(entries: list[Entry], training: Corpus) -> None:
    assert publication_problems(entries, None, training) == []


def test_an_entry_that_takes_a_coverage_question_is_refused(entries: list[Entry], training: Corpus) -> None:
    greedy = Entry.from_data({
        "id": "pomoc-na-domu", "source": "preizkus", "review_by": "2027-01-01",
        "questions": {"sl": ["Katere občine pokriva pomoč na domu?", "pomoč na domu občine",
                             "Ali pomoč na domu pokriva Koper?"]},
        "answer": {"sl": "TESTNI ODGOVOR pomoč na domu."},
    })  # fmt: skip
    found = publication_problems([*entries, greedy], None, training)
    assert any(p.startswith("pomoc-na-domu: bi odgovoril na") and "pomočnik odgovori sam" in p for p in found)


def test_an_example_taken_by_another_entry_is_named(entries: list[Entry], training: Corpus) -> None:
    pogreb = next(e for e in entries if e.id == "pogreb")
    copy = replace(pogreb, id="pogreb-dva", questions={"sl": pogreb.questions["sl"][:3]})
    found = publication_problems([*entries, copy], None, training)
    assert any("pogreb" in p and ("preveč podoben" in p or "bi dobil odgovor" in p) for p in found), found


def test_field_problems_come_first(entries: list[Entry], training: Corpus) -> None:
    broken = replace(entries[0], answer={"sl": "Glej http://nevarno.example"})
    assert publication_problems([broken, *entries[1:]], None, training) == [
        f"{broken.id}: Povezava »http://nevarno.example« ni dovoljena: povezave se začnejo s https:// in vodijo "
        "na spletno stran."
    ]


def test_contact_details_are_checked() -> None:
    found = contact_problems({
        "phone": {"text": "pokličite nas", "source": "tajništvo"},
        "email": {"text": "ni-afne", "source": "tajništvo"},
        "web": {"text": "http://www.csd.si", "source": "tajništvo"},
        "address": {"text": "Prisoje 1, Koper", "source": ""},
        "fax": {"text": "1", "source": "x"},
    })  # fmt: skip
    assert len(found) == 5
    assert contact_problems({"phone": {"text": "(05) 66 34 534", "source": "tajništvo"}}) == []
