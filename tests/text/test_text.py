"""The shared text functions: the differences between the foldings are deliberate, and the
number words read and said come from one table."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.dates.hours import OpeningHours
from core.dates.parse import parse_when
from core.dates.say import say_day, say_hours
from core.text import numbers as N
from core.text.fold import fold, fold_case
from core.text.translit import has_cyrillic, latin, latin_readings


@pytest.mark.parametrize(
    ("text", "strong", "gentle"),
    [
        ("Jüri TAMM", "juri tamm", "jüri tamm"),  # names lose diacritics; words keep them
        ("Šmidt", "shmidt", "šmidt"),
        ("Пётр Алексеевич", "петр алексеевич", "петр алексеевич"),
        ("Йоханнес", "йоханнес", "йоханнес"),  # й survives the stripping of marks
        ("O’Brien", "o’brien", "o'brien"),  # `fold` leaves apostrophes to the tokenizer
        ("Ju\u0308ri", "juri", "jüri"),  # decomposed input composes first
    ],
)
def test_the_two_strengths_of_folding(text: str, strong: str, gentle: str) -> None:
    assert fold(text) == strong
    assert fold_case(text) == gentle


def test_hyphens_are_kept_unless_asked() -> None:
    assert fold("Mari-Liis") == "mari-liis"
    assert fold_case("Wi-Fi", hyphens=False) == "wifi"


def test_one_reading_and_every_reading() -> None:
    assert latin("Чен") == "chen"
    assert latin("Jüri") == "juri"
    assert latin("Уилсон") == "wilson"
    assert {"aivar"} <= set(latin_readings(fold("Айвар")))
    assert has_cyrillic("Tõnu Ыунапуу") and not has_cyrillic("Tõnu Õunapuu")


def test_the_hour_words_are_the_cardinals() -> None:
    assert N.readings(N.CARDINALS["et"], 11, 12) == {"üksteist": 11, "kaksteist": 12}
    assert N.readings(N.RU_TOGETHER, 2, 3) == {"вдвоем": 2, "втроем": 3}  # ё folded
    assert N.alternation(["kaks", "kaksteist", "üks"]) == "kaksteist|kaks|üks"
    today = date(2026, 3, 9)
    assert parse_when("kell kaksteist", today=today).at == time(12)
    assert parse_when("в полтретьего", today=today).at == time(14, 30)
    assert parse_when("kahe nädala pärast", today=today).day == date(2026, 3, 23)


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (3, "во вторник, третьего марта"),
        (23, "в понедельник, двадцать третьего марта"),
        (21, "в субботу, двадцать первого марта"),
    ],
)
def test_a_russian_date_says_the_ordinal_in_the_genitive(day: int, said: str) -> None:
    assert say_day(date(2026, 3, day), "ru", spoken=True) == said


def test_the_case_forms_of_hours() -> None:
    hours = OpeningHours.parse("Mon 00:00-08:30")
    assert say_hours(hours, "et", spoken=True) == "esmaspäeval kella nullist kaheksa kolmekümneni"
    assert N.ru_genitive(45) == "сорока пяти"
    assert N.ru_genitive(60) == "60"
    assert N.et_ordinal_adessive(17) == "seitsmeteistkümnendal"
