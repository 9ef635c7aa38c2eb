"""A department named only in the directory's Estonian and Russian columns (no synonym
knows "Laondus" or «Склад») still tells people apart: the receptionist finds "Kalle
Laondusest" and «Калле со склада», and the admin's search finds people by it."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.directory_csv import parse_directory_csv
from core.store.directory import apply_import, bump_revision
from core.store.models import Visit
from tests.admin_ui.conftest import admin_user, signed_in  # noqa: F401 (fixtures)
from tests.visitor import Visitor

DIRECTORY = """name,department,email,phone,slack_id,aliases,active,department_et,department_ru
Kalle Kask,Logistics,kalle.kask@example.com,,,,true,Laondus,Склад
Kalle Mets,Platform,kalle.mets@example.com,,,,true,Platvorm,Платформа
Leo Lõvi,IT,leo@example.com,,,Лев,true,,
"""


@pytest.fixture
async def kalles(app: FastAPI) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await apply_import(db, parse_directory_csv(DIRECTORY))
        await bump_revision(db)


async def _visit(app: FastAPI, v: Visitor, who: str, company: str) -> str:
    await v.say(who)
    reply = await v.say(company)
    assert reply["done"] is True, reply
    async with app.state.runtime.sessionmaker() as db:
        [visit] = (await db.scalars(sa.select(Visit))).all()
    assert visit.host_name
    return str(visit.host_name)


@pytest.mark.usefixtures("kalles")
@pytest.mark.parametrize(
    ("language", "ask", "shown", "pick", "host"),
    [
        ("et", "Tere, ma tulin Kalle juurde", ("(Laondus)", "(Platvorm)"), "laondusest", "Kask"),
        ("et", "Tere, ma tulin Kalle juurde", ("(Laondus)",), "see, kes on platvormist", "Mets"),
        ("ru", "Здравствуйте, я к Калле", ("(Склад)", "(Платформа)"), "со склада", "Kask"),
        ("ru", "Здравствуйте, я к Калле", ("(Склад)",), "тот, что из платформы", "Mets"),
    ],
)
async def test_choosing_between_two_by_the_department_as_said(
    app: FastAPI,
    client: httpx.AsyncClient,
    language: str,
    ask: str,
    shown: tuple[str, ...],
    pick: str,
    host: str,
) -> None:
    v = await Visitor.arrive(client, language)
    reply = await v.say(ask)
    assert reply["state"] == "disambiguate", reply
    assert all(name in reply["reply"] for name in shown), reply["reply"]
    reply = await v.say(pick)
    assert reply["state"] == "collect_visitor_info", reply
    name = {"et": "Mari Kask", "ru": "Анна Смирнова"}[language]
    assert await _visit(app, v, name, "Acme") == f"Kalle {host}"


@pytest.mark.usefixtures("kalles")
async def test_a_person_named_with_the_department_is_found_at_once(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    v = await Visitor.arrive(client, "et")
    reply = await v.say("Tere, ma otsin Kalle Laondusest")
    assert reply["state"] == "confirm_host" and "Kalle Kask (Laondus)" in reply["reply"], reply
    assert (await v.say("jah"))["state"] == "collect_visitor_info"
    assert await _visit(app, v, "Mari Kask", "Acme") == "Kalle Kask"


@pytest.mark.usefixtures("kalles", "signed_in")
@pytest.mark.parametrize(
    ("q", "found", "not_found"),
    [
        ("склад", "Kalle Kask", "Kalle Mets"),
        ("СКЛАД", "Kalle Kask", "Kalle Mets"),
        ("Platvorm", "Kalle Mets", "Kalle Kask"),
        ("logistics", "Kalle Kask", "Kalle Mets"),
        ("lovi", "Leo Lõvi", "Kalle"),
        ("Лев", "Leo Lõvi", "Kalle"),
    ],
)
async def test_the_admin_search_looks_in_every_language(
    client: httpx.AsyncClient, q: str, found: str, not_found: str
) -> None:
    page = await client.get("/admin/directory", params={"q": q})
    assert page.status_code == 200
    table = page.text.split('id="people"')[1]
    assert found in table and not_found not in table
