"""An entry's fields, its checks in Slovenian, and the bulk format both ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from staff_answers.entries import BulkFileError, Entry, links, problems, read_bulk, write_bulk

GOOD = {
    "id": "preizkus-ena",
    "questions": {"sl": ["Prvo vprašanje?", "Drugo vprašanje?", "tretje"]},
    "answer": {"sl": "TESTNI ODGOVOR ena. Več na https://www.gov.si/teme/ ."},
    "source": "preizkus",
    "review_by": "2027-01-31",
}


def entry(**changes: object) -> Entry:
    return Entry.from_data(GOOD | changes)


def test_a_good_entry_has_no_problems() -> None:
    assert problems(entry()) == []
    assert entry().review_by == date(2027, 1, 31)


def test_the_bulk_format_reads_back_what_it_wrote(entries: list[Entry]) -> None:
    again = read_bulk(write_bulk(entries, "glava"))
    assert again == entries
    assert write_bulk(entries, "glava").startswith("# glava\n")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": "Velike Črke"}, "Oznaka »Velike Črke«"),
        ({"id": ""}, "Oznaka (id) manjka"),
        ({"answer": {"it": "solo italiano"}}, "Odgovor v slovenščini manjka"),
        ({"questions": {"sl": ["eno", "dve"]}}, "vsaj 3 primere"),
        ({"answer": {"sl": "Glej http://example.com/stran"}}, "Povezava »http://example.com/stran« ni dovoljena"),
        ({"answer": {"sl": "Glej javascript://alert(1)"}}, "ni dovoljena"),
        ({"answer": {"sl": "<script>alert(1)</script> odgovor"}}, "oznake HTML"),
        ({"answer": {"sl": "x" * 2001}}, "daljši od 2000"),
        ({"source": ""}, "Vir"),
        ({"review_by": "31. 1. 2027"}, "Datum pregleda"),
        ({"questions": {"sl": ["ena", "Ena", "dve"]}}, "dvakrat"),
        (
            {"answer": {"sl": "odgovor", "it": "risposta"}, "questions": {"sl": ["a1", "b1", "c1"], "it": ["uno"]}},
            "manj kot 3 primere vprašanj italijansko",
        ),
    ],
)
def test_each_wrong_field_is_named_in_slovenian(changes: dict, expected: str) -> None:
    found = problems(entry(**changes))
    assert any(expected in problem for problem in found), found


def test_an_id_ending_in_a_newline_is_refused() -> None:
    assert any("Oznaka" in problem for problem in problems(replace(entry(), id="preizkus-ena\n")))


def test_https_links_are_allowed_and_found_without_the_full_stop() -> None:
    assert links("Obrazec: https://e-uprava.gov.si/obrazec. Hvala.") == ["https://e-uprava.gov.si/obrazec"]
    assert problems(entry(answer={"sl": "Obrazec: https://e-uprava.gov.si/obrazec."})) == []


def test_the_answer_is_kept_as_written_but_for_line_ends_and_outer_spaces() -> None:
    written = entry(answer={"sl": "  Prva vrstica  \r\n\r\nDruga vrstica\n"})
    assert written.answer["sl"] == "Prva vrstica\n\nDruga vrstica"


def test_the_text_in_a_language_falls_back_to_slovenian() -> None:
    both = entry(answer={"sl": "slovensko", "it": "italiano"})
    assert both.text_in("it") == ("italiano", "it")
    assert entry().text_in("it")[1] == "sl"


def test_overdue_by_its_review_date() -> None:
    assert entry().overdue(date(2027, 2, 1))
    assert not entry().overdue(date(2027, 1, 31))
    assert not replace(entry(), review_by=None).overdue(date(2030, 1, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not: [yaml", "ni veljaven YAML"),
        ("a: 1", "mora biti seznam"),
        ("- id: ena\n- id: ena", "se ponovi"),
        ("- questions: {}", "nima oznake"),
    ],
)
def test_a_bad_bulk_file_is_refused_clearly(text: str, expected: str) -> None:
    with pytest.raises(BulkFileError, match=expected):
        read_bulk(text)
