"""Booking codes are ten digits, read back however they come: typed in any grouping, said
digit by digit or in pairs and hundreds in English, Estonian and Russian (as a speech
recogniser may write them in words), and the six-digit codes made before still count. A
phone number is never taken for a code."""

from __future__ import annotations

from typing import Any

import pytest

from core import codes
from core.messages import SMS_STYLE, VOICE_STYLE, WEB_STYLE
from core.replies.values import Code
from tests.understanding.helpers import Row, check, read

TEN = "4829135706"

SAID: list[Row] = [
    # typed, in the groups a visitor copies or makes up
    ("482 913 5706", "code", "provide", {"code": TEN}),
    ("4829135706", "code", "provide", {"code": TEN}),
    ("482-913-5706", "code", "provide", {"code": TEN}),
    ("48 29 13 57 06", "code", "provide", {"code": TEN}),
    ("482, 913, 5706.", "code", "provide", {"code": TEN}),
    ("482 913", "code", "provide", {"code": "482913"}),  # a code made before
    # said, as a recogniser may write it
    ("four eight two nine one three five seven zero six", "code", "provide", {"code": TEN}),
    ("four eight two, nine one three, five seven oh six", "code", "provide", {"code": TEN}),
    ("neli kaheksa kaks, üheksa üks kolm, viis seitse null kuus", "code", "provide", {"code": TEN}),
    (
        "nelisada kaheksakümmend kaks, üheksasada kolmteist, viiskümmend seitse null kuus",
        "code",
        "provide",
        {"code": TEN},
    ),
    ("четыре восемь два девять один три пять семь ноль шесть", "code", "provide", {"code": TEN}),
    (
        "четыреста восемьдесят два, девятьсот тринадцать, пятьдесят семь, ноль шесть",
        "code",
        "provide",
        {"code": TEN},
    ),
    ("сорок восемь двадцать девять тринадцать пятьдесят семь ноль шесть", "code", "provide",
     {"code": TEN}),
    # with the words around it, asked or not
    ("My code is 482 913 5706", None, "arrival", {"code": TEN}),
    ("I have a booking, 482 913 5706", None, "arrival", {"code": TEN}),
    ("Mul on broneering, kood 482 913 5706", None, "arrival", {"code": TEN}),
    ("У меня бронь, код 482-913-57-06", None, "arrival", {"code": TEN}),
    ("my code is four eight two nine one three five seven zero six", None, "arrival",
     {"code": TEN}),
    ("Отмените мой визит, код 482 913 5706", None, "cancel_booking", {"code": TEN}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), SAID)
def test_a_code_is_read_however_it_is_given(
    text: str, expecting: str | None, intent: str, slots: dict[str, Any]
) -> None:
    check(read(text, expecting), intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "мой номер +7 912 345-67-89",
        "+372 5123 4567",
        "my number is +1 555 123 4567",
        "12345678901234",  # too long to be a code
        "I have one booking",
    ],
)
def test_a_phone_number_or_another_number_is_not_a_code(text: str) -> None:
    assert codes.find(text) is None


def test_new_codes_are_ten_digits_never_starting_with_zero() -> None:
    made = {codes.new() for _ in range(200)}
    assert all(len(c) == codes.LENGTH and c.isdigit() and c[0] != "0" for c in made)
    assert len(made) == 200
    assert codes.SPACE == 9_000_000_000


@pytest.mark.parametrize(
    ("language", "spoken"),
    [
        ("en", "four eight two, nine one three, five seven zero six"),
        ("et", "neli kaheksa kaks, üheksa üks kolm, viis seitse null kuus"),
        ("ru", "четыре восемь два, девять один три, пять семь ноль шесть"),
    ],
)
def test_a_code_is_written_in_three_groups_and_said_digit_by_digit(
    language: str, spoken: str
) -> None:
    for style in (WEB_STYLE, SMS_STYLE):
        assert Code(TEN).render(language, style) == "482 913 5706"  # type: ignore[arg-type]
    assert Code(TEN).render(language, VOICE_STYLE) == spoken  # type: ignore[arg-type]
    assert codes.find(spoken) == TEN  # what is said is read back
    assert Code("482913").render(language, WEB_STYLE) == "482 913"  # type: ignore[arg-type]
