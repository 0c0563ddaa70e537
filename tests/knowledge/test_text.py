import pytest

from knowledge.text import capitalize_first, edit_distance, fold, join_list, latin, words


def test_fold_drops_diacritics_and_case() -> None:
    assert fold("Sežana, ČŠŽ ćđ") == "sezana, csz cd"


def test_words_split_hyphens_and_punctuation() -> None:
    assert words("V Hrpeljah-Kozini?!") == ["v", "hrpeljah", "kozini"]


def test_join_list_the_slovenian_way() -> None:
    assert join_list([]) == ""
    assert join_list(["Koper"]) == "Koper"
    assert join_list(["Koper", "Izola"]) == "Koper in Izola"
    assert join_list(["Koper", "Izola", "Piran"]) == "Koper, Izola in Piran"


def test_edit_distance_counts_a_transposition_once() -> None:
    assert edit_distance("sezana", "sezana", 2) == 0
    assert edit_distance("bistica", "bistrica", 2) == 1
    assert edit_distance("izloa", "izola", 2) == 1
    assert edit_distance("maribor", "piran", 2) == 3  # capped at limit + 1


def test_capitalize_first_keeps_the_rest() -> None:
    assert capitalize_first("regijska služba CSD Koper") == "Regijska služba CSD Koper"


@pytest.mark.parametrize(
    ("cyrillic", "latin_text"),
    [
        ("Где се налазите?", "Gde se nalazite?"),
        ("љубав њега џеп ђак ћерка", "ljubav njega džep đak ćerka"),
        ("Љиљана, Њива, Џеп, Ђорђе, Ћуприја", "Ljiljana, Njiva, Džep, Đorđe, Ćuprija"),
        ("абвгдђежзијклљмнњопрстћуфхцчџш", "abvgdđežzijklljmnnjoprstćufhcčdžš"),
        ("Треба ми помоћ у Копру, 041 123 456!", "Treba mi pomoć u Kopru, 041 123 456!"),
        ("Kaj pa Piran? Grazie, ёж", "Kaj pa Piran? Grazie, ёž"),  # only Serbian Cyrillic letters change
    ],
)
def test_serbian_cyrillic_is_written_in_latin(cyrillic: str, latin_text: str) -> None:
    assert latin(cyrillic) == latin_text


def test_latin_text_is_left_as_it_is() -> None:
    text = "Dober dan, kje ste? Ćao, đak, Dončić"
    assert latin(text) is text
