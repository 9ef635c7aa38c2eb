"""Phone numbers in one spelling, E.164 ("+3725550101"), read by `phonenumbers`.

A number is normalised where it enters — the directory CSV and the admin forms, a visitor's
contact, the sender of an SMS — so that one number is one string everywhere after: the
opt-out list, the privacy search and Twilio all compare it as is.

Only numbers with a country code are accepted ("+372 5123 4567", or "00372 …" as dialled
in Europe): a national number means a different phone in every country, and the office
may take visitors from anywhere.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

# Characters a written number may contain besides digits: "+372 (5) 555-0101", "5.55.01".
_FORMATTING = frozenset(" +()./-\u00a0")
_TOO_SHORT = (ValidationResult.TOO_SHORT, ValidationResult.INVALID_LENGTH)


class PhoneError(ValueError):
    """The text is not a phone number we can store; the message says why, for a person.
    `code` and `values` let a UI say the same in its own language."""

    def __init__(self, message: str, code: str, **values: str) -> None:
        super().__init__(message)
        self.code, self.values = code, values


def _international(raw: str) -> str:
    text = raw.strip()
    return "+" + text[2:] if text.startswith("00") else text  # Europe's international prefix


def to_e164(raw: str) -> str:
    """ "+372 5555 0101" → "+37255550101"; raises PhoneError naming what is wrong."""
    text = _international(raw)
    if not text or not all(c.isdigit() or c in _FORMATTING for c in text):
        raise PhoneError(
            f"'{raw}' is not a phone number (digits, spaces, + - ( ) only)", "characters", raw=raw
        )
    try:
        number = phonenumbers.parse(text, None)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            if "+" not in text:
                raise PhoneError(
                    f"'{raw}' has no country code: write it like +372 5123 4567",
                    "no_country_code",
                    raw=raw,
                ) from None
            raise PhoneError(
                f"'{raw}' does not start with a country code that exists", "country", raw=raw
            ) from None
        raise PhoneError(f"'{raw}' is not a phone number", "not_a_number", raw=raw) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        raise PhoneError(
            f"'{raw}' does not start with a country code that exists", "country", raw=raw
        )
    if reason in _TOO_SHORT:
        raise PhoneError(
            f"'{raw}' is too short for a phone number of that country", "too_short", raw=raw
        )
    if reason == ValidationResult.TOO_LONG:
        raise PhoneError(
            f"'{raw}' is too long for a phone number of that country", "too_long", raw=raw
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def address_key(raw: str) -> str:
    """The key an SMS address is stored and compared under: E.164 for a phone number, the
    address without spaces otherwise (a short code or a named sender has no country)."""
    try:
        return to_e164(raw)
    except PhoneError:
        return "".join(raw.split())


def find_phone(text: str) -> str | None:
    """The first phone number with a country code in free text, in E.164."""
    for match in phonenumbers.PhoneNumberMatcher(
        _international_in(text), None, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        return phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
    return None


def _international_in(text: str) -> str:
    """ "call 00372 …" → "call +372 …": the matcher knows "+" only, without a region."""
    words = text.split(" ")
    return " ".join("+" + w[2:] if w.startswith("00") and w[2:3].isdigit() else w for w in words)


def country_code(raw: str | None) -> int | None:
    """The calling code a number starts with (372 for Estonia), if it has one."""
    if not raw:
        return None
    try:
        return phonenumbers.parse(_international(raw), None).country_code
    except NumberParseException:
        return None
