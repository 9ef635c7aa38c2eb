"""Booking ahead through the real web chat, in three languages, down to the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from core.store.office import OfficeSettings
from tests.booking.conftest import notifications, visits
from tests.visitor import Visitor

TALLINN = ZoneInfo("Europe/Tallinn")


def _next(weekday: int, *, after_this_week: bool = False) -> datetime:
    today = datetime.now(TALLINN).date()
    if after_this_week:
        monday = today + timedelta(days=7 - today.weekday())
        return datetime.combine(monday + timedelta(days=weekday), datetime.min.time())
    ahead = (weekday - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=ahead), datetime.min.time())


CONVERSATIONS = {
    "en": (
        [
            "I'd like to visit Priya Patel next Tuesday at 2pm",
            "yes",
            "Tom Baker",
            "Acme",
            "Contract negotiation",
            "tom@acme.com",
            "yes",
        ],
        "Priya Patel",
        _next(1, after_this_week=True).replace(hour=14),
        ("Tom Baker", "Acme", "Contract negotiation", None, "tom@acme.com"),
    ),
    "et": (
        [
            "Tulen homme kell 14 Jüri Tamme juurde",
            "jah",
            "Mari Maasikas",
            "Maasikas AS",
            "Läbirääkimised",
            "+372 5123 4567",
            "jah",
        ],
        "Jüri Tamm",
        datetime.combine(
            datetime.now(TALLINN).date() + timedelta(days=1), datetime.min.time()
        ).replace(hour=14),
        ("Mari Maasikas", "Maasikas AS", "Läbirääkimised", "+37251234567", None),
    ),
    "ru": (
        [
            "Хочу прийти к Ивану Петрову в пятницу в 10 утра",
            "да",
            "Мария Смирнова",
            "Ромашка",
            "Переговоры",
            "maria@example.com",
            "да",
        ],
        "Ivan Petrov",
        _next(4).replace(hour=10),
        ("Мария Смирнова", "Ромашка", "Переговоры", None, "maria@example.com"),
    ),
}


@pytest.mark.parametrize("language", ["en", "et", "ru"])
async def test_a_visitor_books_ahead(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings, language: str
) -> None:
    lines, host, local, details = CONVERSATIONS[language]
    visitor = await Visitor.arrive(client)
    for line in lines[:-1]:
        reply = await visitor.say(line)
        assert reply["language"] == language
        assert reply["state"] != "complete", reply
    assert reply["state"] == "book_confirm" and reply["expecting"] == "confirmation"
    assert details[0] in reply["reply"] and details[2] in reply["reply"]  # read back
    assert await visits(app) == []  # nothing is written before the visitor says yes
    done = await visitor.say(lines[-1], stream=True)
    assert done["state"] == "complete" and done["done"]

    [visit] = await visits(app)
    assert (visit.status, visit.host_name, visit.language) == ("expected", host, language)
    name, company, purpose, phone, email = details
    assert (visit.visitor_name, visit.company, visit.purpose) == (name, company, purpose)
    assert (visit.contact_phone, visit.contact_email) == (phone, email)
    assert visit.expected_at == local.replace(tzinfo=TALLINN)
    assert visit.code and len(visit.code) == 10 and visit.code.isdigit()
    assert f"{visit.code[:3]} {visit.code[3:6]} {visit.code[6:]}" in done["reply"]
    [note] = await notifications(app)
    assert note["kind"] == "host_booking" and note["host_id"] == visit.host_id


async def test_a_correction_at_the_read_back_is_read_back_again(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    visitor = await Visitor.arrive(client)
    await visitor.say("I'm Tom Baker from Acme, I'd like to book a visit with Priya Patel")
    assert (await visitor.say("yes"))["expecting"] == "date"
    assert (await visitor.say("next Tuesday"))["expecting"] == "time"
    assert (await visitor.say("2"))["expecting"] == "purpose"  # name and company were given
    await visitor.say("A product demo")
    first = await visitor.say("my email is tom@acme.com")
    assert first["state"] == "book_confirm" and "14:00" in first["reply"]
    plain_no = await visitor.say("no")
    assert plain_no["state"] == "book_confirm" and "change" in plain_no["reply"]
    again = await visitor.say("Wednesday at 3pm")
    assert again["state"] == "book_confirm" and "Wednesday" in again["reply"]
    assert "15:00" in again["reply"]
    await visitor.say("yes")
    [visit] = await visits(app)
    assert visit.expected_at is not None
    assert visit.expected_at.astimezone(TALLINN).strftime("%A %H:%M") == "Wednesday 15:00"


async def test_days_and_times_outside_the_rules_are_refused_with_the_reason(
    client: httpx.AsyncClient, app: FastAPI, demo_directory: None
) -> None:
    # The real default: Monday to Friday, 8 to 18, from knowledge/opening_hours.txt.
    visitor = await Visitor.arrive(client)
    await visitor.say("I'd like to book a visit with Priya Patel")
    await visitor.say("yes")
    closed = await visitor.say("Saturday at 10")
    assert "closed on Saturday" in closed["reply"] and "Monday to Friday" in closed["reply"]
    assert closed["expecting"] == "date"
    past = await visitor.say("1 January 2020")
    assert "already passed" in past["reply"] and past["expecting"] == "date"
    vague = await visitor.say("next week")
    assert "exact day" in vague["reply"] and vague["expecting"] == "date"
    day = await visitor.say("next Monday")
    assert day["expecting"] == "time" and "8:00–18:00" in day["reply"]
    late = await visitor.say("at 9 in the evening")
    assert "only open 8:00–18:00" in late["reply"] and late["expecting"] == "time"
    ok = await visitor.say("at 10")
    assert ok["expecting"] == "visitor_name"
    cancel = await visitor.say("actually, cancel that")
    assert cancel["state"] == "complete" and "nothing has been booked" in cancel["reply"]
    assert await visits(app) == []


async def test_opening_hours_answer_comes_from_the_office_settings(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    visitor = await Visitor.arrive(client, "ru")
    reply = await visitor.say("Когда вы открыты?")
    assert "с понедельника по воскресенье с 7:00 до 20:00" in reply["reply"]
