"""Ten-digit booking codes on every channel: made by the chat and shown in three groups,
given back by SMS as shown, said on the phone digit by digit or in numbers — in English,
Estonian and Russian — and the six-digit codes made before still check their visitor in.
Asserted in the database."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from core.messages import VOICE_STYLE, Inbound
from core.store.office import OfficeSettings
from frontdesk.settings import Settings
from tests.booking.conftest import later_today, notifications, seed_booking, visits
from tests.conftest import make_settings
from tests.sms.phone import Phone
from tests.standins.fixtures import twilio_settings
from tests.visitor import Visitor


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings())


async def test_a_code_made_in_the_chat_checks_in_by_sms_as_it_was_shown(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings, office: OfficeSettings
) -> None:
    visitor = await Visitor.arrive(client)
    await visitor.say("I'm Tom Baker from Acme, I'd like to book a visit with Priya Patel")
    await visitor.say("yes")
    await visitor.say("tomorrow")
    await visitor.say("at 10")
    await visitor.say("A product demo")
    await visitor.say("my email is tom@acme.com")
    done = await visitor.say("yes")
    [visit] = await visits(app)
    assert visit.code is not None and len(visit.code) == 10
    shown = f"{visit.code[:3]} {visit.code[3:6]} {visit.code[6:]}"
    assert f"Your code is {shown}." in done["reply"]
    reply = await Phone(client, settings, "+447700900123").text(f"Hi, my code is {shown}")
    assert reply and "Tom Baker" in reply and "checked you in" in reply  # booked for tomorrow
    [visit] = await visits(app)
    assert visit.status == "checked_in"
    assert [n["kind"] for n in await notifications(app)] == ["host_booking", "host_arrival"]


@pytest.mark.parametrize(
    ("hello", "said", "welcome"),
    [
        ("Hi, I have a booking", "four eight two, nine one three, five seven zero six",
         "Welcome back"),
        ("Tere, mul on broneering", "nelisada kaheksakümmend kaks, üheksasada kolmteist, "
         "viiskümmend seitse, null kuus", "Tere tulemast"),
        ("Здравствуйте, у меня бронь", "четыре восемь два, девять один три, пять семь ноль шесть",
         "Добро пожаловать"),
    ],
)  # fmt: skip
async def test_on_the_phone_a_code_said_in_words_checks_in(
    app: FastAPI, office: OfficeSettings, hello: str, said: str, welcome: str
) -> None:
    agent = app.state.runtime.agent
    booked = await seed_booking(
        app, name="Tom Baker", host="Priya Patel", at=later_today(), code="4829135706"
    )
    first = await agent.reply(Inbound(hello, "voice", "CA-codes"), VOICE_STYLE)
    assert first.expecting == "code"
    spoken = await agent.reply(Inbound(said, "voice", "CA-codes"), VOICE_STYLE)
    assert spoken.state == "complete" and welcome in spoken.reply, spoken.reply
    [visit] = await visits(app)
    assert (visit.id, visit.status) == (booked, "checked_in")


async def test_old_six_digit_codes_still_work_beside_new_ones(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today(), code="482913")
    await seed_booking(
        app, name="Mari Maasikas", host="Jüri Tamm", at=later_today(), code="4829135706"
    )
    old = await (await Visitor.arrive(client)).say("My code is 482 913")
    assert "Welcome back, Tom Baker" in old["reply"]
    new = await (await Visitor.arrive(client)).say("My code is 482-913-5706")
    assert "Welcome back, Mari Maasikas" in new["reply"]
    assert {v.status for v in await visits(app)} == {"checked_in"}
