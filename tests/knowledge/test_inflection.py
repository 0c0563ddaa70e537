"""Generated case forms of settlement names: the forms people write must be among them."""

from __future__ import annotations

import pytest

from knowledge.inflection import place_forms


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Strunjan", "strunjanu"),
        ("Sečovlje", "sečovljah"),
        ("Sečovlje", "sečovelj"),
        ("Spodnje Škofije", "spodnjih škofijah"),
        ("Črni Kal", "črnem kalu"),
        ("Prestranek", "prestranku"),
        ("Komen", "komnu"),
        ("Lokev", "lokvi"),
        ("Dekani", "dekanih"),
        ("Bertoki", "bertokov"),
        ("Selo", "selu"),
        ("Nova vas", "novi vasi"),
        ("Vremski Britof", "vremskem britofu"),
        ("Ilirska Bistrica", "ilirski bistrici"),
        ("Dol pri Hrastovljah", "dolu pri hrastovljah"),
        ("Sv. Anton", "svetem antonu"),
        ("Sv. Anton", "sv antonu"),
        ("Lipica", "lipico"),
        ("Senožeče", "senožečah"),
        ("Mala Brda", "malih brdih"),
    ],
)
def test_the_forms_people_write_are_generated(name: str, written: str) -> None:
    assert tuple(written.split()) in place_forms(name)


def test_a_fixed_tail_is_never_declined() -> None:
    assert all(form[-2:] == ("pri", "hrastovljah") for form in place_forms("Dol pri Hrastovljah"))
