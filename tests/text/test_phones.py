"""Phone numbers are stored in one spelling, E.164, and a number that cannot be says why."""

from __future__ import annotations

import pytest

from core.directory_csv import DirectoryCsvError, parse_directory_csv
from core.directory_problems import ErrorCode, Problem
from core.language import country_language
from core.text.phones import PhoneError, address_key, find_phone, to_e164
from core.understanding.extract import contact
from core.understanding.text import Text

HEADER = "name,department,email,phone,slack_id,aliases,active\n"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("+372 5555 0101", "+37255550101"),
        ("00372 (555) 12-34", "+3725551234"),
        ("+7 912 345-67-89", "+79123456789"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("+3725550101", "+3725550101"),
    ],
)
def test_a_number_with_its_country_code_is_stored_in_e164(written: str, stored: str) -> None:
    assert to_e164(written) == stored
    assert to_e164(stored) == stored and address_key(written) == stored


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("5555 0101", "has no country code"),
        ("+999 5555 0101", "country code that exists"),
        ("+372 12", "too short"),
        ("+372 5555 0101 ext 12", "is not a phone number"),
        ("call me", "is not a phone number"),
    ],
)
def test_a_number_that_cannot_be_stored_says_why(written: str, reason: str) -> None:
    with pytest.raises(PhoneError, match=reason):
        to_e164(written)


def test_an_sms_short_code_keeps_its_own_spelling() -> None:
    assert address_key(" 12 345 ") == "12345"


def test_the_directory_csv_stores_e164_and_names_the_line_of_a_bad_number() -> None:
    rows = parse_directory_csv(
        HEADER + "Mari Mägi,HR,mari@example.com,+372 5555 0107,,,true\n"
        "Tom Baker,Sales,tom@example.com,,,,true\n"
    )
    assert [r.phone for r in rows] == ["+37255550107", None]
    with pytest.raises(DirectoryCsvError) as bad:
        parse_directory_csv(
            HEADER + "Mari Mägi,HR,mari@example.com,+372 5555 0107,,,true\n"
            "Tom Baker,Sales,tom@example.com,5555 0108,,,true\n"
        )
    assert [str(p) for p in bad.value.problems] == [
        "line 3, column phone: '5555 0108' has no country code: write it like +372 5123 4567"
    ]
    assert bad.value.problems[0] == Problem(
        ErrorCode.PHONE_NO_COUNTRY_CODE, line=3, column="phone", values={"raw": "5555 0108"}
    )


def test_a_visitor_contact_is_read_in_e164() -> None:
    assert contact(Text("my number is +372 5555 0101"), expected=False) == "+37255550101"
    assert contact(Text("00372 5555 0101"), expected=True) == "+37255550101"
    assert contact(Text("5555 0101"), expected=True) is None  # asked again, for the code
    assert contact(Text("+372 5555 0101"), expected=False) is None  # not asked, not announced
    assert find_phone("room 204 at 10:30") is None


def test_the_country_of_a_number_suggests_a_language() -> None:
    assert country_language("+372 5555 0101") == "et"
    assert country_language("00375 29 123 4567") == "ru"
    assert country_language("+49 30 123456") is None
