"""A booked visitor who comes on another day (within a week either side) is recognised by
name and the host they name, told when they were booked, and checked in against that
booking — no second visit — and the host is told it is their booked visitor."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from core.dates.say import say_when
from core.messages import Language
from core.notifications.compose import staff_text
from core.store.models import Notification
from core.store.office import OfficeSettings
from tests.booking.conftest import TALLINN, notifications, seed_booking, visits
from tests.visitor import Visitor


def _days_from_now(days: int) -> datetime:
    at = datetime.now(TALLINN) + timedelta(days=days)
    return at.replace(hour=14, minute=0, second=0, microsecond=0)


@pytest.mark.parametrize(
    ("language", "days", "name", "host", "says", "host_shown"),
    [
        ("en", 4, "Tom Baker", "Priya Patel", "Hi, I'm Tom Baker", "Priya Patel"),
        ("en", -1, "Tom Baker", "Priya Patel", "Hello, my name is Tom Baker", "Priya Patel"),
        ("et", -3, "Mari Maasikas", "Jüri Tamm", "Tere, olen Mari Maasikas", "Jüri Tamm"),
        ("ru", 6, "Сергей Иванов", "Ivan Petrov", "Здравствуйте, я Сергей Иванов", "Иван Петров"),
    ],
)
async def test_a_booking_within_a_week_either_side_is_recognised_and_checked_in(
    client: httpx.AsyncClient,
    app: FastAPI,
    office: OfficeSettings,
    language: Language,
    days: int,
    name: str,
    host: str,
    says: str,
    host_shown: str,
) -> None:
    at = _days_from_now(days)
    await seed_booking(app, name=name, host=host, at=at)
    visitor = await Visitor.arrive(client, language)
    asked = await visitor.say(says)
    assert asked["expecting"] == "host" and host_shown not in asked["reply"], asked
    reply = await visitor.say(host_shown)
    assert reply["state"] == "complete", reply
    assert say_when(at, language, spoken=False) in reply["reply"], reply["reply"]
    assert host_shown in reply["reply"] and name in reply["reply"]
    [visit] = await visits(app)  # the booking itself, no second visit
    assert (visit.status, visit.visitor_name, visit.host_name) == ("checked_in", name, host)
    assert visit.checked_in_at is not None
    [arrived] = await notifications(app)
    assert arrived["kind"] == "host_arrival" and arrived["payload"]["booked"] is True
    note = Notification(kind="host_arrival", payload=arrived["payload"])
    told = staff_text(note, "en", host)
    assert told.startswith(f"{name}, your visitor booked for ") and "14:00" in told, told


async def test_a_booking_more_than_a_week_away_is_not_this_visit(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=_days_from_now(8))
    reply = await (await Visitor.arrive(client, "en")).say("Hi, I'm Tom Baker")
    assert reply["state"] == "identify_host" and reply["expecting"] == "host", reply
    [visit] = await visits(app)
    assert visit.status == "expected"
    assert await notifications(app) == []


async def test_the_host_named_picks_the_booking_today_s_or_another_day_s(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    today = datetime.now(TALLINN).replace(second=0, microsecond=0) + timedelta(minutes=1)
    await seed_booking(app, name="Tom Baker", host="Sarah Chen", at=_days_from_now(2))
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=today, code="111222")
    visitor = await Visitor.arrive(client, "en")
    await visitor.say("Hi, I'm Tom Baker")
    reply = await visitor.say("Priya Patel")
    assert reply["state"] == "complete" and "Welcome back, Tom Baker! Priya Patel" in reply["reply"]
    assert [(v.host_name, v.status) for v in await visits(app)] == [
        ("Sarah Chen", "expected"),
        ("Priya Patel", "checked_in"),
    ]
    other = await Visitor.arrive(client, "en")
    await other.say("Hi, I'm Tom Baker")
    early = await other.say("Sarah Chen")
    assert early["state"] == "complete" and "with Sarah Chen" in early["reply"], early
    assert {v.status for v in await visits(app)} == {"checked_in"}
