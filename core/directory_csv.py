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

from core.directory_problems import ErrorCode, Problem, ProblemError
from core.text.phones import PhoneError, to_e164

COLUMNS = ("name", "department", "email", "phone", "slack_id", "aliases", "active")
OPTIONAL_COLUMNS = ("department_et", "department_ru")
ALL_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)  # what an export writes
MAX_ERRORS = 20
MAX_TEXT = 200  # characters in a name, a department, an alias
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
    """Everything wrong with a file, each as a `Problem` (a code, a line, a column and
    values) for a UI to say in its language; the exception's text is them in English."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def parse_directory_csv(data: bytes | str) -> list[DirectoryRow]:
    """Every row, checked; raises DirectoryCsvError listing what is wrong, by line."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        empty = Problem(ErrorCode.EMPTY_FILE, values={"header": ",".join(COLUMNS)})
        raise DirectoryCsvError([empty]) from None
    header = [h.strip().lower() for h in header]
    extra = header[len(COLUMNS) :]
    if (
        tuple(header[: len(COLUMNS)]) != COLUMNS
        or any(h not in OPTIONAL_COLUMNS for h in extra)
        or len(set(extra)) != len(extra)
    ):
        optional = "".join(f"[,{c}]" for c in OPTIONAL_COLUMNS)
        said = {"header": ",".join(COLUMNS), "optional": optional, "found": ",".join(header)}
        raise DirectoryCsvError([Problem(ErrorCode.BAD_HEADER, line=1, values=said)])
    rows: list[DirectoryRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are not rows
        try:
            row = _row(line, cells, header)
        except ProblemError as exc:
            problems.append(exc.problem)
        else:
            if row.email in seen:
                first: dict[str, str | int] = {"email": row.email, "first": seen[row.email]}
                problems.append(Problem(ErrorCode.DUPLICATE_EMAIL, line, "email", first))
            seen[row.email] = line
            rows.append(row)
        if len(problems) >= MAX_ERRORS:
            problems.append(Problem(ErrorCode.TOO_MANY, values={"count": MAX_ERRORS}))
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
        not_utf8 = Problem(ErrorCode.NOT_UTF8, values={"byte": exc.start})
        raise DirectoryCsvError([not_utf8]) from None


def _row(line: int | None, cells: list[str], header: list[str]) -> DirectoryRow:
    """One row checked; raises ProblemError naming the first thing wrong with it."""

    def wrong(code: ErrorCode, column: str | None = None, **values: str | int) -> ProblemError:
        return ProblemError(Problem(code, line, column, values))

    if len(cells) != len(header):
        raise wrong(ErrorCode.COLUMN_COUNT, count=len(header), found=len(cells))
    value = {h: _CONTROL.sub("", c).strip() for h, c in zip(header, cells, strict=True)}
    name, department, email, phone, slack_id, aliases, active = (value[c] for c in COLUMNS)
    department_et, department_ru = (value.get(c, "") for c in OPTIONAL_COLUMNS)
    if not name:
        raise wrong(ErrorCode.NAME_EMPTY, "name")
    for column in ("name", "department", *OPTIONAL_COLUMNS):
        if len(value.get(column, "")) > MAX_TEXT:
            raise wrong(ErrorCode.TOO_LONG, column, count=MAX_TEXT)
    email = email.lower()
    if not _EMAIL.match(email) or len(email) > 320:
        raise wrong(ErrorCode.BAD_EMAIL, "email", email=email)
    try:
        phone = to_e164(phone) if phone else ""
    except PhoneError as exc:
        raise wrong(ErrorCode(f"phone.{exc.code}"), "phone", **exc.values) from None
    if slack_id and not _SLACK_ID.match(slack_id):
        raise wrong(ErrorCode.BAD_SLACK_ID, "slack_id", value=slack_id)
    flag = active.lower()
    if flag and flag not in _TRUE | _FALSE:
        raise wrong(ErrorCode.BAD_ACTIVE, "active", value=active)
    alias_list = tuple(a.strip() for a in aliases.split(";") if a.strip())
    if any(len(a) > MAX_TEXT for a in alias_list):
        raise wrong(ErrorCode.ALIAS_TOO_LONG, "aliases", count=MAX_TEXT)
    return DirectoryRow(
        line=line or 0,  # 0: a form, not a file
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
    """One person checked by the CSV's rules (the admin UI's form): a ProblemError, without
    a line, names the field and what is wrong with it.

    The cells are COLUMNS, optionally followed by OPTIONAL_COLUMNS."""
    return _row(None, cells, list(ALL_COLUMNS[: max(len(cells), len(COLUMNS))]))
