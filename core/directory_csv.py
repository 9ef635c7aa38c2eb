"""The directory CSV format (CONTRACT.md): parse and check every row before anything is
written, so a bad file is reported whole, with line numbers, and nothing is half-imported.

    name,department,email,phone,slack_id,aliases,active[,department_et][,department_ru]

The optional columns after `active` name the department as Estonian and Russian visitors
hear it ("Arendus", «Разработка»); left out or empty, `department` is said in every language.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from core.text.phones import PhoneError, to_e164

COLUMNS = ("name", "department", "email", "phone", "slack_id", "aliases", "active")
OPTIONAL_COLUMNS = ("department_et", "department_ru")
ALL_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)  # what an export writes
MAX_ERRORS = 20
_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    line: int
    name: str
    department: str
    email: str
    phone: str | None
    slack_id: str | None
    aliases: tuple[str, ...]
    active: bool
    department_et: str | None = None
    department_ru: str | None = None


class DirectoryCsvError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_directory_csv(data: bytes | str) -> list[DirectoryRow]:
    """Every row, checked; raises DirectoryCsvError listing what is wrong, by line."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DirectoryCsvError(
            [f"the file is empty: expected a header line '{','.join(COLUMNS)}'"]
        ) from None
    header = [h.strip().lower() for h in header]
    extra = header[len(COLUMNS) :]
    if (
        tuple(header[: len(COLUMNS)]) != COLUMNS
        or any(h not in OPTIONAL_COLUMNS for h in extra)
        or len(set(extra)) != len(extra)
    ):
        optional = "".join(f"[,{c}]" for c in OPTIONAL_COLUMNS)
        raise DirectoryCsvError(
            [
                f"line 1: the header must be '{','.join(COLUMNS)}' (then optionally "
                f"'{optional}'), found '{','.join(header)}'"
            ]
        )
    rows: list[DirectoryRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are not rows
        try:
            row = _row(line, cells, header)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
        else:
            if row.email in seen:
                problems.append(
                    f"line {line}: email {row.email} already appears on line {seen[row.email]}"
                )
            seen[row.email] = line
            rows.append(row)
        if len(problems) >= MAX_ERRORS:
            problems.append("… stopped after 20 problems")
            break
    if problems:
        raise DirectoryCsvError(problems)
    return rows


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")  # Excel writes a BOM
    except UnicodeDecodeError as exc:
        raise DirectoryCsvError(
            [f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'"]
        ) from None


def _row(line: int, cells: list[str], header: list[str]) -> DirectoryRow:
    if len(cells) != len(header):
        raise ValueError(f"expected {len(header)} columns, found {len(cells)}")
    value = {h: _CONTROL.sub("", c).strip() for h, c in zip(header, cells, strict=True)}
    name, department, email, phone, slack_id, aliases, active = (value[c] for c in COLUMNS)
    department_et, department_ru = (value.get(c, "") for c in OPTIONAL_COLUMNS)
    if not name:
        raise ValueError("name is empty")
    if any(len(text) > 200 for text in (name, department, department_et, department_ru)):
        raise ValueError("name and department are limited to 200 characters")
    email = email.lower()
    if not _EMAIL.match(email) or len(email) > 320:
        raise ValueError(f"email '{email}' is not a valid e-mail address")
    try:
        phone = to_e164(phone) if phone else ""
    except PhoneError as exc:
        raise ValueError(f"phone {exc}") from None
    if slack_id and not _SLACK_ID.match(slack_id):
        raise ValueError(f"slack_id '{slack_id}' is not a Slack user id (like U024BE7LH)")
    flag = active.lower()
    if flag and flag not in _TRUE | _FALSE:
        raise ValueError(f"active must be true or false, found '{active}'")
    alias_list = tuple(a.strip() for a in aliases.split(";") if a.strip())
    if any(len(a) > 200 for a in alias_list):
        raise ValueError("an alias is longer than 200 characters")
    return DirectoryRow(
        line=line,
        name=name,
        department=department,
        email=email,
        phone=phone or None,
        slack_id=slack_id or None,
        aliases=alias_list,
        active=flag not in _FALSE,
        department_et=department_et or None,
        department_ru=department_ru or None,
    )


def write_directory_csv(rows: list[DirectoryRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ALL_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.name,
                r.department,
                r.email,
                r.phone or "",
                r.slack_id or "",
                ";".join(r.aliases),
                "true" if r.active else "false",
                r.department_et or "",
                r.department_ru or "",
            ]
        )
    return out.getvalue()


def check_row(cells: list[str]) -> DirectoryRow:
    """One person checked by the CSV's rules (the admin UI's form): ValueError says why not.

    The cells are COLUMNS, optionally followed by OPTIONAL_COLUMNS."""
    return _row(1, cells, list(ALL_COLUMNS[: max(len(cells), len(COLUMNS))]))
