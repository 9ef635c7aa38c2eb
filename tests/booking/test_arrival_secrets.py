"""A booking found by the visitor's name (or by their company, then their name) is neither
revealed nor checked in until the visitor also names the host — something only they
know. Before that no reply says the host or the time, the booking stays expected and the
host is told nothing; a wrong host is a wrong guess, limited like a wrong code. On the
web chat and by SMS (a signed Twilio webhook), asserted in the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from core.dates.say import say_when
from core.store.office import OfficeSettings
from core.tools.booking_tools import GUESSES_PER_BOOKING
from frontdesk.settings import Settings
from tests.booking.conftest import TALLINN, later_today, notifications, seed_booking, visits
from tests.conftest import make_settings
from tests.sms.phone import Phone
from tests.standins.fixtures import twilio_settings
from tests.visitor import Visitor

# What would give a booking away: its host's name in any script, its time.
PRIYA = ("Priya", "Patel", "Прия", "Патель")
JURI = ("Jüri", "Tamm", "Юри")
IVAN = ("Petrov", "Петров")  # "Иван" is in the visitor's own name, Сергей Иванов


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings())


def _reveals(reply: str, host: tuple[str, ...], at: datetime | None = None) -> bool:
    told = any(word in reply for word in host)
    if at is not None:
        local = at.astimezone(TALLINN)
        told = told or local.strftime("%H:%M") in reply
        told = told or any(say_when(at, lang, spoken=False) in reply for lang in ("en", "et", "ru"))
    return told


async def _untouched(app: FastAPI) -> None:
    assert {v.status for v in await visits(app)} == {"expected"}
    assert await notifications(app) == []


async def _arrived(app: FastAPI, visit_id: int) -> None:
    [visit] = [v for v in await visits(app) if v.id == visit_id]
    assert visit.status == "checked_in"
    [told] = await notifications(app)
    assert told["kind"] == "host_arrival" and told["payload"]["booked"] is True


async def test_a_name_alone_neither_reveals_nor_checks_in_until_the_host_is_named(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    at = later_today()
    booked = await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=at)
    visitor = await Visitor.arrive(client)
    asked = await visitor.say("Hi, I'm Tom Baker, I have a meeting")
    assert not _reveals(asked["reply"], PRIYA, at), asked
    assert asked["expecting"] == "host" and not asked["done"]
    await _untouched(app)
    done = await visitor.say("Priya Patel")
    assert done["state"] == "complete" and "Welcome back, Tom Baker" in done["reply"]
    await _arrived(app, booked)


async def test_a_wrong_host_reveals_nothing_and_checks_in_no_booking(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    at = later_today()
    await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=at)
    visitor = await Visitor.arrive(client)
    await visitor.say("Hi, I'm Tom Baker, I have a meeting")
    wrong = await visitor.say("Sarah Chen")
    assert not _reveals(wrong["reply"], PRIYA, at), wrong
    assert "Welcome back" not in wrong["reply"]
    await _untouched(app)


async def test_a_name_with_a_booking_is_answered_as_one_without(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    """Whether "Tom Baker" has a booking is not told either: the same question follows."""
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    for opening in ("Hi, I'm {}, I have a meeting", "I have a booking"):
        replies = []
        for name in ("Tom Baker", "John Smith"):
            visitor = await Visitor.arrive(client)
            reply = await visitor.say(opening.format(name))
            if "{}" not in opening:
                reply = await visitor.say(name)
            replies.append(
                (reply["reply"].replace(name, "NAME"), reply["state"], reply["expecting"])
            )
        assert replies[0] == replies[1], replies
    await _untouched(app)


async def test_a_booking_on_another_day_is_not_told_before_the_host(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    at = (datetime.now(TALLINN) + timedelta(days=3)).replace(hour=14, minute=0, second=0)
    booked = await seed_booking(app, name="Tom Baker", host="Priya Patel", at=at)
    visitor = await Visitor.arrive(client)
    asked = await visitor.say("Hello, my name is Tom Baker")
    assert not _reveals(asked["reply"], PRIYA, at), asked
    await _untouched(app)
    done = await visitor.say("Priya")
    assert say_when(at, "en", spoken=False) in done["reply"], done
    await _arrived(app, booked)


async def test_found_by_company_the_name_then_the_host_are_needed(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    at = later_today()
    booked = await seed_booking(
        app, name="Bruce Wayne", company="Wayne Enterprises", host="Priya Patel", at=at
    )
    visitor = await Visitor.arrive(client)
    asked = await visitor.say("Hello, I'm from Wayne Enterprises, I have a meeting")
    assert asked["expecting"] == "visitor_name" and not _reveals(asked["reply"], PRIYA, at)
    named = await visitor.say("Bruce Wayne")
    assert not _reveals(named["reply"], PRIYA, at), named
    assert named["expecting"] == "host"
    await _untouched(app)
    done = await visitor.say("Priya Patel")
    assert "Welcome back, Bruce Wayne" in done["reply"]
    await _arrived(app, booked)


async def test_wrong_hosts_are_limited_per_booking(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    at = later_today()
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=at)
    wrong = ["Sarah Chen", "Jüri Tamm", "Ivan Petrov", "Sarah Chen", "Jüri Tamm"]
    for host in wrong[:GUESSES_PER_BOOKING]:
        guesser = await Visitor.arrive(client)
        await guesser.say("Hi, I'm Tom Baker, I have a meeting")
        await guesser.say(host)
    late = await Visitor.arrive(client)
    await late.say("Hi, I'm Tom Baker, I have a meeting")
    right = await late.say("Priya Patel")
    assert "Welcome back" not in right["reply"] and right["state"] != "complete"
    await _untouched(app)


@pytest.mark.parametrize(
    ("number", "hello", "host", "secret", "welcome", "name"),
    [
        ("+447700900123", "Hi, I'm Tom Baker, I have a meeting", "Priya Patel", PRIYA,
         "Welcome back, Tom Baker", "Tom Baker"),
        ("+3725550001", "Tere, olen Mari Maasikas, mul on kohtumine", "Jüri Tamm", JURI,
         "Tere tulemast, Mari Maasikas", "Mari Maasikas"),
        ("+79161234567", "Здравствуйте, я Сергей Иванов, у меня встреча", "Иван Петров", IVAN,
         "Добро пожаловать, Сергей Иванов", "Сергей Иванов"),
    ],
)  # fmt: skip
async def test_by_sms_the_host_is_asked_before_anything_is_told(
    client: httpx.AsyncClient,
    app: FastAPI,
    settings: Settings,
    office: OfficeSettings,
    number: str,
    hello: str,
    host: str,
    secret: tuple[str, ...],
    welcome: str,
    name: str,
) -> None:
    at = later_today()
    host_name = {"Иван Петров": "Ivan Petrov"}.get(host, host)
    booked = await seed_booking(app, name=name, host=host_name, at=at)
    phone = Phone(client, settings, number)
    asked = await phone.text(hello)
    assert asked and not _reveals(asked, secret, at), asked
    await _untouched(app)
    done = await phone.text(host)
    assert done and welcome in done, done
    await _arrived(app, booked)


async def test_asked_for_the_code_a_name_and_host_in_one_breath_check_in(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    booked = await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    visitor = await Visitor.arrive(client)
    asked = await visitor.say("I have a booking")
    assert asked["expecting"] == "code"
    done = await visitor.say("I'm Tom Baker, here to see Priya Patel")
    assert done["state"] == "complete" and "Welcome back, Tom Baker" in done["reply"]
    await _arrived(app, booked)


async def test_a_company_with_a_booking_is_answered_as_one_without(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(
        app, name="Bruce Wayne", company="Wayne Enterprises", host="Priya Patel", at=later_today()
    )
    replies = []
    for company in ("Wayne Enterprises", "Stark Industries"):
        visitor = await Visitor.arrive(client)
        said = await visitor.say(f"Hello, I'm from {company}, I have a meeting")
        replies.append((said["reply"], said["state"], said["expecting"]))
    assert replies[0] == replies[1] and replies[0][2] == "visitor_name", replies
    await _untouched(app)
