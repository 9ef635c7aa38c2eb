"""A Russian check-in through the chat API for hosts the directory spells only in Latin
letters: the name the visitor writes in Cyrillic (by sound, or in Russian spelling) must
become the right host on the visit row."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.directory_csv import parse_directory_csv
from core.store.directory import apply_import
from core.store.models import Employee, Visit
from tests.visitor import Visitor

# No Cyrillic aliases; near names (another Richard, another Sergejev) to be told apart.
DIRECTORY = """name,department,email,phone,slack_id,aliases,active
Richard Wright,Engineering,richard.wright@example.com,+3725550201,,,true
Richard Reid,Sales,richard.reid@example.com,+3725550202,,,true
Jevgeni Sergejev,Finance,jevgeni.sergejev@example.com,+3725550203,,,true
Jelena Sergejeva,Design,jelena.sergejeva@example.com,+3725550204,,,true
Toomas Mänd,Legal,toomas.mand@example.com,+3725550205,,,true
"""


@pytest.fixture
async def latin_directory(app: FastAPI) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await apply_import(db, parse_directory_csv(DIRECTORY))


@pytest.mark.usefixtures("latin_directory")
@pytest.mark.parametrize(
    ("message", "host"),
    [
        ("Здравствуйте, я к Ричарду Райту", "Richard Wright"),
        ("Добрый день, мне нужен Евгений Сергеев", "Jevgeni Sergejev"),
    ],
)
async def test_russian_check_in_with_cyrillic_spelling_of_a_latin_host(
    app: FastAPI, client: httpx.AsyncClient, message: str, host: str
) -> None:
    v = await Visitor.arrive(client)
    reply = await v.say(message)
    assert (reply["state"], reply["expecting"], reply["language"]) == (
        "confirm_host",
        "confirmation",
        "ru",
    ), reply
    assert host in reply["reply"]
    await v.say("да")
    await v.say("Анна Смирнова")
    reply = await v.say("ООО Ромашка")
    assert reply["done"] is True, reply
    async with app.state.runtime.sessionmaker() as db:
        [visit] = (await db.scalars(sa.select(Visit))).all()
        employee = await db.scalar(sa.select(Employee).where(Employee.name == host))
    assert employee is not None
    assert (visit.host_id, visit.host_name) == (employee.id, host)
    assert (visit.visitor_name, visit.company) == ("Анна Смирнова", "ООО Ромашка")
