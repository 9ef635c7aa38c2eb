"""A booked visitor arrives — by code or by name, on the web, by SMS and on the phone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from core.messages import SMS_STYLE, VOICE_STYLE, Inbound
from core.store.models import Visit
from core.store.office import OfficeSettings
from tests.booking.conftest import later_today, notifications, seed_booking, visits
from tests.visitor import Visitor


async def test_the_code_checks_a_booked_visitor_in_and_tells_the_host(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=later_today())
    visitor = await Visitor.arrive(client)
    reply = await visitor.say("Hi, I have a booking, my code is 482 913")
    assert reply["state"] == "complete" and reply["done"]
    assert reply["reply"].startswith("Hello! Welcome back, Tom Baker! Priya Patel knows")
    [visit] = await visits(app)
    assert visit.status == "checked_in" and visit.checked_in_at is not None
    [arrived] = await notifications(app)
    assert arrived["kind"] == "host_arrival" and arrived["payload"]["booked"] is True
    # Checked in, the code finds nothing for anyone else (tests/booking/test_finished_codes.py).
    again = await (await Visitor.arrive(client)).say("My code is 482913")
    assert "can't find a booking" in again["reply"] and "Tom" not in again["reply"]


async def test_by_sms_and_on_the_phone_the_flow_is_the_same(
    app: FastAPI, office: OfficeSettings
) -> None:
    agent = app.state.runtime.agent
    await seed_booking(app, name="Mari Maasikas", host="Jüri Tamm", at=later_today(), code="111222")
    await seed_booking(
        app, name="Иван Сидоров", host="Ivan Petrov", at=later_today(), code="333444"
    )
    sms = Inbound("Tere, mul on broneering, kood 111 222", "sms", "+3725550001")
    reply = await agent.reply(sms, SMS_STYLE)
    assert reply.state == "complete" and "Tere tulemast, Mari Maasikas" in reply.reply
    call = Inbound("Здравствуйте, у меня бронь", "voice", "CA-test-1")
    first = await agent.reply(call, VOICE_STYLE)
    assert first.expecting == "code" and first.language == "ru"
    # Speech recognition writes spoken digits as digits.
    spoken = await agent.reply(Inbound("333 444", "voice", "CA-test-1"), VOICE_STYLE)
    assert spoken.state == "complete" and "Добро пожаловать, Иван Сидоров" in spoken.reply
    assert not any(c.isdigit() for c in spoken.reply)
    assert [v.status for v in await visits(app)] == ["checked_in", "checked_in"]


async def test_a_visitor_who_forgot_whom_they_meet_is_told_nothing_by_their_name_alone(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    """A name is no secret: it finds the booking, but only the host (or the code) shows
    it is theirs (tests/booking/test_arrival_secrets.py)."""
    await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=later_today())
    visitor = await Visitor.arrive(client)
    ask = await visitor.say("Hi, I have a 2 pm meeting, I forget the name")
    assert ask["state"] == "find_booking" and "your name" in ask["reply"]
    asked = await visitor.say("Tom Baker")
    assert asked["expecting"] == "host" and "Priya" not in asked["reply"]
    reply = await visitor.say("My code is 482 913")
    assert reply["state"] == "complete" and "Priya Patel knows you're coming" in reply["reply"]


async def test_a_visitor_from_a_company_is_asked_their_name_or_found_in_another_script(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=later_today())
    await seed_booking(
        app, name="Sergei Ivanov", host="Ivan Petrov", at=later_today(), code="555666"
    )
    from_acme = await Visitor.arrive(client)
    asked = await from_acme.say("Hello, I'm from Acme")  # a company alone finds nobody
    assert asked["expecting"] == "visitor_name" and "Tom Baker" not in asked["reply"]
    by_name = await from_acme.say("Tom Baker")
    assert by_name["expecting"] == "host" and "Priya" not in by_name["reply"]
    by_host = await from_acme.say("Priya")
    assert "Welcome back, Tom Baker" in by_host["reply"]
    by_script = await Visitor.arrive(client)
    asked = await by_script.say("Здравствуйте, я Сергей Иванов")
    assert asked["expecting"] == "host" and "Иван Петров" not in asked["reply"]
    done = await by_script.say("Иван Петров")
    assert done["state"] == "complete" and "Иван Петров" in done["reply"]


async def test_an_unknown_code_or_name_falls_back_to_an_ordinary_check_in(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    # Within a week either side a booking is recognised (test_arrival_other_day.py); this
    # one is further away.
    later = later_today() + timedelta(days=8)
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later)
    visitor = await Visitor.arrive(client)
    wrong = await visitor.say("I have a booking, code 999 999")
    assert wrong["expecting"] == "code" and "999 999" in wrong["reply"]
    not_today = await visitor.say("Tom Baker")  # booked, but not this week
    assert not_today["state"] == "identify_host" and "Tom Baker" in not_today["reply"]
    await visitor.say("Priya Patel")
    await visitor.say("yes")
    done = await visitor.say("Acme")
    assert done["state"] == "complete"
    statuses = sorted(v.status for v in await visits(app))
    assert statuses == ["checked_in", "expected"]


async def test_naming_the_host_instead_of_the_code_checks_the_booking_in(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", company="Acme", host="Priya Patel", at=later_today())
    visitor = await Visitor.arrive(client)
    await visitor.say("Hi, I'm Tom Baker, here to see Priya Patel")
    done = await visitor.say("yes")
    if done["state"] != "complete":
        done = await visitor.say("Acme")
    assert done["state"] == "complete"
    [visit] = await visits(app)  # the booking arrived; no second visit was made
    assert visit.status == "checked_in"


async def test_a_check_in_loads_only_the_named_hosts_bookings_of_the_day(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    """Whether a visitor who named their host has a booking with them is asked of that
    host's bookings alone: a busy day's other bookings are not loaded on every check-in."""
    for n, host in enumerate(["Priya Patel", "Jüri Tamm", "Ivan Petrov"]):
        await seed_booking(app, name=f"Guest {n}", host=host, at=later_today(), code=f"10000{n}")
    loaded: list[str | None] = []

    def on_load(visit: Visit, _context: Any) -> None:
        loaded.append(visit.host_name)

    visitor = await Visitor.arrive(client)
    await visitor.say("Hi, I'm Tom Baker, here to see Priya Patel")
    sa.event.listen(Visit, "load", on_load)
    try:
        done = await visitor.say("yes")
        if done["state"] != "complete":
            done = await visitor.say("Acme")
    finally:
        sa.event.remove(Visit, "load", on_load)
    assert done["state"] == "complete"
    assert loaded == ["Priya Patel"]  # hers, looked at (not Tom's: a new visit is written)
    assert sorted(v.status for v in await visits(app)) == [
        "checked_in",
        "expected",
        *["expected"] * 2,
    ]
