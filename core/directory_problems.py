"""What can be wrong with a directory CSV or an employee form, as codes with values.

Core names a problem (`ErrorCode.PHONE_NO_COUNTRY_CODE`, line 4, column "phone", the number
as written); each surface says it in its reader's language: the admin UI through its
catalogue (`web/i18n`), the CLI and the exceptions' own text in English (`english`).
A code's value is also the catalogue key under `admin.error.` that renders it, so a code
without its words fails the catalogue test, not a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ErrorCode(StrEnum):
    EMPTY_FILE = "directory.empty_file"  # header
    NOT_UTF8 = "directory.not_utf8"  # byte
    BAD_HEADER = "directory.bad_header"  # header, optional, found
    COLUMN_COUNT = "directory.column_count"  # count (expected), found
    NAME_EMPTY = "directory.name_empty"
    TOO_LONG = "directory.too_long"  # count (the limit)
    ALIAS_TOO_LONG = "directory.alias_too_long"  # count (the limit)
    BAD_EMAIL = "directory.bad_email"  # email
    DUPLICATE_EMAIL = "directory.duplicate_email"  # email, first (its first line)
    BAD_SLACK_ID = "directory.bad_slack_id"  # value
    BAD_ACTIVE = "directory.bad_active"  # value
    TOO_MANY = "directory.too_many"  # count (problems listed before stopping)
    # core.text.phones.PhoneError's codes, with the number as written (raw)
    PHONE_CHARACTERS = "phone.characters"
    PHONE_NO_COUNTRY_CODE = "phone.no_country_code"
    PHONE_COUNTRY = "phone.country"
    PHONE_NOT_A_NUMBER = "phone.not_a_number"
    PHONE_TOO_SHORT = "phone.too_short"
    PHONE_TOO_LONG = "phone.too_long"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: where (a line of the file, a column or form field) and the values
    the sentence needs. A value named `count` chooses the plural form."""

    code: ErrorCode
    line: int | None = None
    column: str | None = None
    values: Mapping[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self)


_ENGLISH: dict[ErrorCode, str] = {
    ErrorCode.EMPTY_FILE: "the file is empty: expected a header line '{header}'",
    ErrorCode.NOT_UTF8: "the file is not UTF-8 text (byte {byte}); save it as 'CSV UTF-8'",
    ErrorCode.BAD_HEADER: (
        "the header must be '{header}' (then optionally '{optional}'), found '{found}'"
    ),
    ErrorCode.COLUMN_COUNT: "expected {count} columns, found {found}",
    ErrorCode.NAME_EMPTY: "the name is empty",
    ErrorCode.TOO_LONG: "more than {count} characters",
    ErrorCode.ALIAS_TOO_LONG: "an alias has more than {count} characters",
    ErrorCode.BAD_EMAIL: "'{email}' is not a valid e-mail address",
    ErrorCode.DUPLICATE_EMAIL: "{email} is already on line {first}",
    ErrorCode.BAD_SLACK_ID: "'{value}' is not a Slack member id (like U024BE7LH)",
    ErrorCode.BAD_ACTIVE: "write true or false, not '{value}'",
    ErrorCode.TOO_MANY: "… stopped after {count} problems",
    ErrorCode.PHONE_CHARACTERS: "'{raw}' is not a phone number (digits, spaces, + - ( ) only)",
    ErrorCode.PHONE_NO_COUNTRY_CODE: "'{raw}' has no country code: write it like +372 5123 4567",
    ErrorCode.PHONE_COUNTRY: "'{raw}' does not start with a country code that exists",
    ErrorCode.PHONE_NOT_A_NUMBER: "'{raw}' is not a phone number",
    ErrorCode.PHONE_TOO_SHORT: "'{raw}' is too short for a phone number of that country",
    ErrorCode.PHONE_TOO_LONG: "'{raw}' is too long for a phone number of that country",
}
_SINGULAR = {  # English's one form, where a count can be 1
    ErrorCode.COLUMN_COUNT: "expected 1 column, found {found}",
    ErrorCode.TOO_LONG: "more than 1 character",
    ErrorCode.ALIAS_TOO_LONG: "an alias has more than 1 character",
    ErrorCode.TOO_MANY: "… stopped after 1 problem",
}


def english(problem: Problem) -> str:
    """ "line 4, column phone: '5555 0108' has no country code: write it like …" """
    values = dict(problem.values)
    template = _ENGLISH[problem.code]
    if values.get("count") == 1 and problem.code in _SINGULAR:
        template = _SINGULAR[problem.code]
    text = template.format(**values)
    if problem.line is not None and problem.column:
        return f"line {problem.line}, column {problem.column}: {text}"
    if problem.line is not None:
        return f"line {problem.line}: {text}"
    return text


class ProblemError(ValueError):
    """One problem, raised where a single row or field is checked (the admin form)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(english(problem))
        self.problem = problem
