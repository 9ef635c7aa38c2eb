"""Core names what is wrong with a directory file as codes; the admin UI says them in its
language. Every code has its words, the catalogue's English is the CLI's English, and the
counts take the forms Babel's plural rules ask for."""

from __future__ import annotations

import pytest

from core.directory_csv import DirectoryCsvError, check_row, parse_directory_csv
from core.directory_problems import ErrorCode, Problem, ProblemError, english
from web.admin.pages_directory import FIELD_LABELS
from web.i18n import Plural, Words
from web.i18n.catalogue import messages

HEADER = "name,department,email,phone,slack_id,aliases,active\n"
VALUES: dict[str, str | int] = {
    "header": "name,department",
    "optional": "[,department_et]",
    "found": "a,b",
    "byte": 3,
    "email": "kati@example.com",
    "first": 2,
    "value": "maybe",
    "raw": "5555 0108",
}


def _problems(code: ErrorCode) -> list[Problem]:
    plural = isinstance(messages()[f"admin.error.{code.value}"], Plural)
    counts: tuple[int | None, ...] = (1, 2, 5, 21, 200) if plural else (None,)
    out: list[Problem] = []
    for count in counts:
        values = dict(VALUES) | ({"count": count} if count is not None else {})
        out += [Problem(code, values=values), Problem(code, 4, "phone", values)]
    return out


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_code_is_said_in_every_language_and_english_matches_the_cli(
    code: ErrorCode,
) -> None:
    assert f"admin.error.{code.value}" in messages()
    for problem in _problems(code):
        assert Words("en").problem(problem) == english(problem) == str(problem)
        for lang in ("et", "ru"):
            said = Words(lang).problem(problem)
            assert said and said != english(problem)


def test_a_file_s_problems_in_estonian_and_russian() -> None:
    with pytest.raises(DirectoryCsvError) as bad:
        parse_directory_csv(
            HEADER + "Mari Mägi,HR,mari@example.com,5555 0107,,,true\n"
            "Tom Baker,Sales,tom@example.com,,,,maybe\n"
            "Leo,IT\n"
            "Ann,IT,mari@example.com,,,,\n"
        )
    problems = bad.value.problems
    assert problems[0] == Problem(ErrorCode.PHONE_NO_COUNTRY_CODE, 2, "phone", {"raw": "5555 0107"})
    assert [Words("et").problem(p) for p in problems] == [
        "rida 2, veerg phone: „5555 0107“ on ilma riigikoodita: kirjutage näiteks +372 5123 4567",
        "rida 3, veerg active: kirjutage true või false, mitte „maybe“",
        "rida 4: veerge peab olema 7, real on 2",
    ]  # line 5's e-mail is free: line 2 was refused
    assert [Words("ru").problem(p) for p in problems] == [
        "строка 2, столбец phone: у номера «5555 0107» нет кода страны: "
        "пишите, например, +372 5123 4567",
        "строка 3, столбец active: укажите true или false, а не «maybe»",
        "строка 4: нужно 7 столбцов, а в строке 2",
    ]


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (1, "нужен 1 столбец"),
        (2, "нужно 2 столбца"),
        (5, "нужно 5 столбцов"),
        (21, "нужен 21 столбец"),
    ],
)
def test_russian_counts_take_their_plural_form(count: int, russian: str) -> None:
    problem = Problem(ErrorCode.COLUMN_COUNT, 3, values={"count": count, "found": 9})
    assert Words("ru").problem(problem) == f"строка 3: {russian}, а в строке 9"
    stopped = Problem(ErrorCode.TOO_MANY, values={"count": count})
    genitive = "ошибки" if count % 10 == 1 and count != 11 else "ошибок"
    assert Words("ru").problem(stopped).endswith(f"после {count} {genitive}")


def test_the_form_names_the_field_by_its_label() -> None:
    cells = ["Kati Karu", "Sales", "kati@example.com", "+372 5", "", "", "true"]
    with pytest.raises(ProblemError) as bad:
        check_row(cells)
    assert bad.value.problem.line is None and bad.value.problem.column == "phone"
    assert Words("et").problem(bad.value.problem, FIELD_LABELS) == (
        "Telefon: „+372 5“ pole telefoninumber"
    )
    with pytest.raises(ProblemError) as long_name:
        check_row(["K" * 201, *cells[1:3], "", "", "", "true"])
    assert Words("ru").problem(long_name.value.problem, FIELD_LABELS) == (
        "Имя: больше 200 символов"
    )
