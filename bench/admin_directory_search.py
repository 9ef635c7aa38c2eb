"""The admin's directory search on SQLite: the page's folded match in Python (finds "Lõvi"
for "lovi" and «Разработка» for "разработка") against the SQL ILIKE it replaced (ASCII-only
case folding in SQLite), on the same database in the same run. Prints ms per search.

    python bench/admin_directory_search.py [--people 5000] [--searches 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from bench.synthetic import generate_people
from core.store.db import create_engine, create_sessionmaker
from core.store.models import Employee
from migrations import runner
from web.admin.directory_search import DirectorySearch
from web.admin.pages_directory import LIST_LIMIT

QUERIES = ("tamm", "smith", "sales", "arendus", "разработка", "lovi", "@example", "zzz")


async def main(people: int, searches: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{folder}/bench.db")
        await runner.upgrade(engine)
        maker = create_sessionmaker(engine)
        async with maker() as db, db.begin():
            for p in generate_people(people):
                db.add(
                    Employee(
                        name=p.name,
                        department=p.department,
                        department_et="Arendus" if p.department == "Engineering" else None,
                        department_ru="Разработка" if p.department == "Engineering" else None,
                        email=f"person{p.id}@example.com",
                        aliases=list(p.aliases),
                        active=True,
                    )
                )
        order = (Employee.active.desc(), Employee.name)

        search = DirectorySearch()  # as the page holds it: texts kept per revision

        async def folded(q: str) -> int:
            async with maker() as db:
                return len(await search.find(db, q, LIST_LIMIT))

        async def folded_cold(q: str) -> int:  # the first search after a change
            async with maker() as db:
                return len(await DirectorySearch().find(db, q, LIST_LIMIT))

        async def ilike(q: str) -> int:
            async with maker() as db:
                like = f"%{q}%"
                query = sa.select(Employee).order_by(*order).limit(LIST_LIMIT)
                columns = (Employee.name, Employee.email, Employee.department)
                query = query.where(sa.or_(*(c.ilike(like) for c in columns)))
                return len((await db.scalars(query)).all())

        searches_by_name = {
            "folded (now)": folded,
            "folded, after a change": folded_cold,
            "SQL ILIKE (before)": ilike,
        }
        results: dict[str, list[float]] = {name: [] for name in searches_by_name}
        for _ in range(max(1, searches // len(QUERIES))):
            for q in QUERIES:
                for name, run in searches_by_name.items():
                    start = time.perf_counter()
                    await run(q)
                    results[name].append((time.perf_counter() - start) * 1000)
        await engine.dispose()
    print(f"admin directory search, {people} employees, SQLite, {len(QUERIES)} queries")
    for name, times in results.items():
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {name:24} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    ratio = statistics.median(results["folded (now)"]) / statistics.median(
        results["SQL ILIKE (before)"]
    )
    print(f"  ratio folded/ILIKE (p50): {ratio:.1f}×")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=48)
    args = parser.parse_args()
    asyncio.run(main(args.people, args.searches))
