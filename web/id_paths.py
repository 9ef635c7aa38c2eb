"""Ids in admin URLs (`/visits/{visit_id:dbid}`) match only numbers a database integer
column can hold (1 to 2,147,483,647): a larger one cannot name a row, so its route does
not match and the answer is 404 — rather than a value the database refuses (a 500).
Anything not a number is a 404 the same way."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

MAX_ID = 2**31 - 1
# Every number from 1 to 2147483647, digit by digit: shorter numbers, then each prefix of
# MAX_ID followed by a smaller digit and anything, then MAX_ID itself.
_BELOW_MAX = "|".join(
    f"{str(MAX_ID)[:i]}[0-{int(d) - 1}][0-9]{{{len(str(MAX_ID)) - i - 1}}}"
    for i, d in enumerate(str(MAX_ID))
    if d != "0"
)
PATTERN = f"0*(?:[1-9][0-9]{{0,8}}|{_BELOW_MAX}|{MAX_ID})"


class DatabaseId(Convertor[int]):
    regex = PATTERN

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


# Route paths are compiled when their module is imported, so the convertor is registered
# when this module is: every module with a `:dbid` path imports it first.
register_url_convertor("dbid", DatabaseId())
