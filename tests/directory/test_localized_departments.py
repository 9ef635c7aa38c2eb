"""Departments in the visitor's language: the demo directory names them in Estonian and
Russian, the chat says them so, and a visitor may pick a person by the name they heard."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.directory_csv import DirectoryCsvError, parse_directory_csv, write_directory_csv
from core.store.directory import apply_import
from core.store.models import Employee, Visit
from tests.visitor import Visitor


@pytest.mark.usefixtures("demo_directory")
@pytest.mark.parametrize(
    ("language", "ask", "chen", "miller", "pick"),
    [
        ("et", "Tere, ma tulin Sarah juurde", "Sarah Chen (Arendus)", "(Turundus)", "Turundus"),
        ("ru", "Здравствуйте, я к Саре", "Сара Чен (Разработка)", "(Маркетинг)", "Маркетинг"),
        ("en", "Hi, I'm here to see Sarah", "Sarah Chen (Engineering)", "(Marketing)", "Marketing"),
    ],
)
async def test_disambiguation_names_departments_in_the_visitor_language(
    app: FastAPI,
    client: httpx.AsyncClient,
    language: str,
    ask: str,
    chen: str,
    miller: str,
    pick: str,
) -> None:
    v = await Visitor.arrive(client, language)
    reply = await v.say(ask)
    assert (reply["state"], reply["language"]) == ("disambiguate", language), reply
    assert chen in reply["reply"] and miller in reply["reply"], reply["reply"]
    assert "Engineering" not in reply["reply"] or language == "en"
    reply = await v.say(pick)  # the department as the receptionist said it
    assert reply["state"] == "collect_visitor_info", reply
    await v.say({"et": "Mari Kask", "ru": "Анна Смирнова", "en": "Tom Baker"}[language])
    reply = await v.say("Acme")
    assert reply["done"] is True, reply
    async with app.state.runtime.sessionmaker() as db:
        [visit] = (await db.scalars(sa.select(Visit))).all()
    assert visit.host_name == "Sarah Miller"


DIRECTORY = """name,department,email,phone,slack_id,aliases,active,department_et,department_ru
Sergei Ivanov,Sales,sergei@example.com,,,,true,Müük,Продажи
Kati Karu,HR,kati@example.com,,,,true,Personaliosakond,
Leo Lõvi,IT,leo@example.com,,,,true,,
"""


async def test_import_and_export_carry_the_department_in_each_language(app: FastAPI) -> None:
    rows = parse_directory_csv(DIRECTORY.encode())
    async with app.state.runtime.sessionmaker() as db, db.begin():
        plan = await apply_import(db, rows)
    assert len(plan.added) == 3
    async with app.state.runtime.sessionmaker() as db:
        people = {e.email: e for e in (await db.scalars(sa.select(Employee))).all()}
    got = {
        email.split("@")[0]: (e.department, e.department_et, e.department_ru)
        for email, e in people.items()
    }
    assert got == {
        "sergei": ("Sales", "Müük", "Продажи"),
        "kati": ("HR", "Personaliosakond", None),
        "leo": ("IT", None, None),
    }
    # A changed Russian name is an update; the export reads back as the same rows.
    changed = DIRECTORY.replace(",Personaliosakond,", ",Personaliosakond,Отдел кадров")
    async with app.state.runtime.sessionmaker() as db, db.begin():
        plan = await apply_import(db, parse_directory_csv(changed))
    assert ([r.email for r in plan.updated], plan.unchanged) == (["kati@example.com"], 2)
    exported = write_directory_csv(parse_directory_csv(changed))
    assert exported.splitlines()[0].endswith(",active,department_et,department_ru")
    assert parse_directory_csv(exported) == parse_directory_csv(changed)


def test_the_optional_columns_may_be_left_out_but_not_misnamed() -> None:
    old = "name,department,email,phone,slack_id,aliases,active\nA B,IT,a@example.com,,,,true\n"
    [row] = parse_directory_csv(old)
    assert (row.department_et, row.department_ru) == (None, None)
    only_ru = "name,department,email,phone,slack_id,aliases,active,department_ru\n"
    [row] = parse_directory_csv(only_ru + "A B,IT,a@example.com,,,,true,ИТ\n")
    assert (row.department_et, row.department_ru) == (None, "ИТ")
    with pytest.raises(DirectoryCsvError, match="line 1: the header must be"):
        parse_directory_csv(old.replace("active", "active,department_fi"))
    with pytest.raises(DirectoryCsvError, match="line 2: expected 8 columns, found 7"):
        parse_directory_csv(only_ru + "A B,IT,a@example.com,,,,true\n")
