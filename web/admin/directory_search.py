"""The admin's directory search: a folded substring match, so "lovi" finds "Lõvi" and
"разработка" finds «Разработка» (SQLite's LIKE folds ASCII only), over the name, e-mail,
the department in every language it is named in, and the aliases.

The folded texts are kept per instance until the directory revision moves (every change
to employees bumps it, through any instance), so a search reads one row to know they are
current, scans the texts in memory, and loads only the people it found."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.directory import directory_revision
from core.store.models import Employee
from core.text.fold import fold

ORDER = (Employee.active.desc(), Employee.name)
SEARCHED = (
    Employee.name,
    Employee.email,
    Employee.department,
    Employee.department_et,
    Employee.department_ru,
    Employee.aliases,
)


def searched_text(row: Any) -> str:
    """One row's searched columns, folded, in one text to look for the needle in."""
    texts = (row.name, row.email, row.department, row.department_et, row.department_ru)
    return "\n".join(fold(t) for t in (*texts, *(row.aliases or ())) if t)


class DirectorySearch:
    def __init__(self) -> None:
        self._revision = -1
        self._texts: list[tuple[int, str]] = []  # (employee id, folded text), in ORDER
        self._lock = asyncio.Lock()

    async def find(self, db: AsyncSession, query: str, limit: int) -> list[Employee]:
        needle = fold(query.strip())
        texts = await self._current(db)
        found = [pid for pid, text in texts if needle in text][:limit]
        chosen = sa.select(Employee).where(Employee.id.in_(found)).order_by(*ORDER)
        return list((await db.scalars(chosen)).all())

    async def _current(self, db: AsyncSession) -> list[tuple[int, str]]:
        revision = await directory_revision(db)
        if revision != self._revision:
            async with self._lock:
                if revision != self._revision:
                    rows = await db.execute(sa.select(Employee.id, *SEARCHED).order_by(*ORDER))
                    self._texts = [(r.id, searched_text(r)) for r in rows]
                    self._revision = revision
        return self._texts
