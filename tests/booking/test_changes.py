"""Cancelling and moving a booking: only by its code, only after a yes, the host told."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from core.store.office import OfficeSettings
from tests.booking.conftest import TALLINN, later_today, notifications, seed_booking, visits
from tests.visitor import Visitor


async def test_cancelling_a_booking(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(
        app, name="Tom Baker", host="Priya Patel", at=later_today() + timedelta(days=2)
    )
    visitor = await Visitor.arrive(client)
    ask = await visitor.say("I need to cancel my visit")
    assert ask["expecting"] == "code"
    name_only = await visitor.say("Tom Baker")
    assert "need its code" in name_only["reply"]
    confirm = await visitor.say("482913")
    assert confirm["state"] == "confirm_change" and "Priya Patel" in confirm["reply"]
    assert [v.status for v in await visits(app)] == ["expected"]  # not before the yes
    done = await visitor.say("yes, cancel it")
    assert done["state"] == "complete" and "cancelled" in done["reply"]
    assert [v.status for v in await visits(app)] == ["cancelled"]
    [note] = await notifications(app)
    assert note["kind"] == "host_booking_cancelled"
    # Cancelled, the code finds nothing for anyone else (tests/booking/test_finished_codes.py).
    arriving = await (await Visitor.arrive(client)).say("My code is 482 913")
    assert arriving["expecting"] == "code" and "can't find a booking" in arriving["reply"]


async def test_moving_a_booking_in_estonian(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(
        app, name="Mari Maasikas", host="Jüri Tamm", at=later_today() + timedelta(days=1)
    )
    visitor = await Visitor.arrive(client)
    ask = await visitor.say("Tere, soovin broneeringut teisele päevale nihutada, kood on 482913")
    assert ask["state"] == "move_when" and ask["expecting"] == "date"
    time_ask = await visitor.say("ülehomme")
    assert time_ask["expecting"] == "time"
    confirm = await visitor.say("kell 11")
    assert confirm["state"] == "confirm_change" and "Uus aeg" in confirm["reply"]
    done = await visitor.say("jah")
    assert done["state"] == "complete" and "Kood jääb samaks" in done["reply"]
    [visit] = await visits(app)
    expected = (later_today().date() + timedelta(days=2), 11)
    assert visit.expected_at is not None
    local = visit.expected_at.astimezone(TALLINN)
    assert (local.date(), local.hour) == expected and visit.status == "expected"
    [note] = await notifications(app)
    assert note["kind"] == "host_booking_moved" and note["payload"]["previous_at"]


async def test_saying_no_changes_nothing_and_a_past_booking_cannot_be_changed(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(
        app, name="Tom Baker", host="Priya Patel", at=later_today() + timedelta(days=3)
    )
    await seed_booking(
        app,
        name="Old Guest",
        host="Priya Patel",
        at=later_today() - timedelta(days=3),
        code="101010",
    )
    visitor = await Visitor.arrive(client, "ru")
    confirm = await visitor.say("Хочу перенести визит на пятницу в 11, код 482 913")
    assert confirm["state"] == "confirm_change" and "Переносим?" in confirm["reply"]
    no = await visitor.say("нет")
    assert no["state"] == "complete" and "оставляю всё как есть" in no["reply"]
    old = await (await Visitor.arrive(client)).say("Cancel my booking, code 101010")
    assert "can't be changed" in old["reply"]
    assert sorted(v.status for v in await visits(app)) == ["expected", "expected"]
    assert await notifications(app) == []
