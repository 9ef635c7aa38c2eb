"""Directory queries: the people the resolver indexes, and the revision that says when to
rebuild the index (bumped in the same transaction as any change to employees)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.directory.types import Person
from core.directory_csv import DirectoryRow
from core.store.cards import HostCard
from core.store.models import AppSetting, Employee

REVISION_KEY = "directory.revision"


async def directory_revision(db: AsyncSession) -> int:
    setting = await db.get(AppSetting, REVISION_KEY)
    return revision_number(setting.value if setting else None)


def revision_number(stored: dict[str, Any] | None) -> int:
    """The revision a stored value (`{"n": …}`, or None for none yet) says."""
    return int(stored.get("n", 0)) if stored else 0


def stored_revision() -> sa.ScalarSelect[Any]:
    """The stored revision (`{"n": …}`, or NULL for none yet) as a column, to read it in
    the same statement as another row (a turn reads it with its session)."""
    return sa.select(AppSetting.value).where(AppSetting.key == REVISION_KEY).scalar_subquery()


async def bump_revision(db: AsyncSession) -> int:
    setting = await db.get(AppSetting, REVISION_KEY, with_for_update=True)
    if setting is None:
        setting = AppSetting(key=REVISION_KEY, value={"n": 1})
        db.add(setting)
        await db.flush()
        return 1
    setting.value = {"n": int(setting.value.get("n", 0)) + 1}
    return int(setting.value["n"])


# What a host card and the name index read of a person.
_CARD_COLUMNS = (
    Employee.id,
    Employee.name,
    Employee.department,
    Employee.department_et,
    Employee.department_ru,
    Employee.aliases,
)


async def load_people(db: AsyncSession) -> tuple[list[Person], dict[int, HostCard]]:
    """Everyone in the table (the resolver's people), and each one's host card by id: read
    together, so that whoever holds the index also has the cards at the same revision and
    a turn naming a host needs no statement of its own for them."""
    rows = (
        await db.execute(sa.select(*_CARD_COLUMNS, Employee.active).order_by(Employee.id))
    ).all()
    people = [
        Person(
            id=r.id,
            name=r.name,
            department=r.department or "",
            aliases=tuple(r.aliases or ()),
            active=r.active,
            department_names=tuple(n for n in (r.department_et, r.department_ru) if n),
        )
        for r in rows
    ]
    return people, {r.id: employee_card(r) for r in rows}


def employee_card(employee: Employee | sa.Row[Any]) -> HostCard:
    """What a conversation keeps about a host: enough to name them, nothing to reach them
    (from an employee, or a row of `_CARD_COLUMNS`)."""
    return {
        "id": employee.id,
        "name": employee.name,
        "department": employee.department,
        "departments": department_names(employee),
        "aliases": list(employee.aliases or []),
    }


def department_names(employee: Employee | sa.Row[Any]) -> dict[str, str]:
    """The department in the languages the directory names it in besides English."""
    names = {"et": employee.department_et, "ru": employee.department_ru}
    return {language: name for language, name in names.items() if name}


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would change, computed before anything is written (the admin UI
    shows it as a preview; the CLI applies it at once)."""

    added: tuple[DirectoryRow, ...]
    updated: tuple[DirectoryRow, ...]
    deactivated: tuple[str, ...]  # e-mails
    unchanged: int


async def plan_import(
    db: AsyncSession, rows: Sequence[DirectoryRow], *, deactivate_missing: bool = False
) -> ImportPlan:
    existing = {e.email: e for e in (await db.scalars(sa.select(Employee))).all()}
    added, updated, deactivated = [], [], []
    unchanged = 0
    for row in rows:
        current = existing.get(row.email)
        if current is None:
            added.append(row)
        elif _differs(current, row):
            if current.active and not row.active:
                deactivated.append(row.email)
            else:
                updated.append(row)
        else:
            unchanged += 1
    if deactivate_missing:
        listed = {row.email for row in rows}
        deactivated += [email for email, e in existing.items() if e.active and email not in listed]
    return ImportPlan(tuple(added), tuple(updated), tuple(deactivated), unchanged)


async def apply_import(
    db: AsyncSession, rows: Sequence[DirectoryRow], *, deactivate_missing: bool = False
) -> ImportPlan:
    """Upsert by e-mail in the caller's transaction and bump the directory revision."""
    plan = await plan_import(db, rows, deactivate_missing=deactivate_missing)
    existing = {e.email: e for e in (await db.scalars(sa.select(Employee))).all()}
    for row in rows:
        employee = existing.get(row.email)
        if employee is None:
            employee = Employee(email=row.email)
            db.add(employee)
        apply_row(employee, row)
    if deactivate_missing:
        listed = {row.email for row in rows}
        for email, employee in existing.items():
            if email not in listed:
                employee.active = False
    if plan.added or plan.updated or plan.deactivated:
        await bump_revision(db)
    await db.flush()
    return plan


def apply_row(employee: Employee, row: DirectoryRow) -> None:
    """Copy a checked directory row onto an employee (import and the admin UI's form)."""
    employee.email = row.email
    employee.name = row.name
    employee.department = row.department
    employee.department_et = row.department_et
    employee.department_ru = row.department_ru
    employee.phone = row.phone
    employee.slack_id = row.slack_id
    employee.aliases = list(row.aliases)
    employee.active = row.active


def _differs(employee: Employee, row: DirectoryRow) -> bool:
    return (
        employee.name != row.name
        or employee.department != row.department
        or employee.department_et != row.department_et
        or employee.department_ru != row.department_ru
        or employee.phone != row.phone
        or employee.slack_id != row.slack_id
        or list(employee.aliases or []) != list(row.aliases)
        or employee.active != row.active
    )
