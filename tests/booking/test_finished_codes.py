"""A booking code finds its visit only while the visit is still expected. Once it is checked
in or cancelled, its code answers anyone else exactly as a code never made does — the same
words, in en/et/ru, on the web chat and by SMS — and counts as a wrong guess against the
same limits; only the conversation that checked the visitor in (or cancelled) hears "you're
already checked in" (or "that booking was cancelled") again, which tells it nothing new."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from channels.sms.compose import cheapest, compose
from core.messages import SMS_STYLE, WEB_STYLE, Language
from core.replies import Say, render, sentences
from core.replies.catalogue import CATALOGUE
from core.replies.values import Code
from core.store.office import OfficeSettings
from core.tools.booking_tools import GUESSES_PER_SESSION
from frontdesk.settings import Settings
from tests.booking.conftest import later_today, notifications, seed_booking, visits
from tests.conftest import make_settings
from tests.sms.phone import Phone
from tests.standins.fixtures import twilio_settings
from tests.visitor import Visitor

BOOKED, MADE_UP = "482913", "735190"
SAID: dict[Language, str] = {
    "en": "My code is {}",
    "et": "Mul on broneering, kood {}",
    "ru": "У меня бронь, код {}",
}
LOCKED = "can't check any more booking codes"
AT_ONCE = 5


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """Twilio configured, so texts to the lobby number are signed and answered."""
    return make_settings(db_url, tmp_path, **twilio_settings())


def _grouped(code: str) -> str:
    return f"{code[:3]} {code[3:]}"


def _web(key: str, language: Language, **params: object) -> str:
    return render(Say(key, params), language, WEB_STYLE)


def _sms(key: str, language: Language, **params: object) -> str:
    return compose(sentences([Say(key, params)], language, SMS_STYLE))


def _worded(reply: str | None, key: str, language: Language) -> bool:
    """`reply` is the catalogue's phrase `key`, whatever form the names took (a host's name
    is said in the visitor's script): the words around the placeholders, in order."""
    assert reply is not None
    phrase = CATALOGUE[key].form(language, spoken=False)
    for form in (phrase, cheapest(phrase)):  # an SMS is made plain where that is cheaper
        pattern = re.sub(r"\\\{\w+\\\}", ".+", re.escape(form))
        if re.fullmatch(pattern, reply):
            return True
    return False


def _same_as_made_up(finished: dict[str, object], made_up: dict[str, object]) -> None:
    """Two replies that differ only in the code read back."""
    assert finished["reply"] == str(made_up["reply"]).replace(_grouped(MADE_UP), _grouped(BOOKED))
    for key in ("state", "expecting", "done", "language"):
        assert finished[key] == made_up[key], key


@pytest.mark.parametrize("language", ["en", "et", "ru"])
async def test_a_checked_in_visits_code_is_an_unknown_code_to_anyone_else(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings, language: Language
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    tom = await Visitor.arrive(client, language)
    checked_in = await tom.say(SAID[language].format(_grouped(BOOKED)))
    assert checked_in["state"] == "complete" and "Tom Baker" in checked_in["reply"]

    someone = await (await Visitor.arrive(client, language)).say(
        SAID[language].format(_grouped(BOOKED))
    )
    made_up = await (await Visitor.arrive(client, language)).say(
        SAID[language].format(_grouped(MADE_UP))
    )
    _same_as_made_up(someone, made_up)
    assert someone["reply"] == _web("code_not_found", language, code=Code(BOOKED))
    assert "Tom" not in someone["reply"] and "Priya" not in someone["reply"]

    # Tom, in the conversation that checked him in, is told what he knows.
    again = await tom.say(SAID[language].format(_grouped(BOOKED)))
    assert _worded(again["reply"], "already_checked_in", language) and "Tom Baker" in again["reply"]
    assert again["state"] == "complete"
    assert len(await notifications(app)) == 1  # the host was told once


async def test_a_finished_code_is_a_wrong_guess_against_the_same_limits(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    await seed_booking(app, name="Mari Maasikas", host="Jüri Tamm", at=later_today(), code="918273")
    await (await Visitor.arrive(client)).say(SAID["en"].format(BOOKED))
    guesser = await Visitor.arrive(client)
    for _ in range(GUESSES_PER_SESSION):
        reply = await guesser.say(SAID["en"].format(BOOKED))
        assert LOCKED not in reply["reply"]
    # Past the limit not even a right code is checked in this conversation.
    locked = await guesser.say(SAID["en"].format("918273"))
    assert LOCKED in locked["reply"]
    assert sorted(v.status for v in await visits(app)) == ["checked_in", "expected"]


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_a_cancelled_visits_code_is_an_unknown_code_to_anyone_else(
    client: httpx.AsyncClient, app: FastAPI, office: OfficeSettings, language: Language
) -> None:
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    canceller = await Visitor.arrive(client, language)
    cancel = {"en": "Cancel my booking, code {}", "ru": "Хочу отменить бронь, код {}"}[language]
    asked = await canceller.say(cancel.format(BOOKED))
    assert asked["state"] == "confirm_change", asked
    done = await canceller.say({"en": "yes", "ru": "да"}[language])
    assert done["state"] == "complete"
    assert [v.status for v in await visits(app)] == ["cancelled"]

    for said in (SAID[language], cancel):  # arriving, or cancelling it again
        someone = await (await Visitor.arrive(client, language)).say(said.format(_grouped(BOOKED)))
        made_up = await (await Visitor.arrive(client, language)).say(said.format(_grouped(MADE_UP)))
        _same_as_made_up(someone, made_up)
        assert someone["reply"] == _web("code_not_found", language, code=Code(BOOKED))

    # The conversation that cancelled it may hear so.
    again = await canceller.say(SAID[language].format(_grouped(BOOKED)))
    assert again["reply"] == _web("booking_was_cancelled", language)


@pytest.mark.parametrize(
    ("language", "number"), [("en", "+447700900123"), ("et", "+3725550123"), ("ru", "+79165550123")]
)
async def test_by_sms_a_checked_in_visits_code_is_an_unknown_code_to_another_phone(
    client: httpx.AsyncClient,
    app: FastAPI,
    settings: Settings,
    office: OfficeSettings,
    language: Language,
    number: str,
) -> None:
    await seed_booking(app, name="Mari Maasikas", host="Jüri Tamm", at=later_today())
    mari = Phone(client, settings, number)
    welcome = await mari.text(SAID[language].format(_grouped(BOOKED)))
    assert welcome is not None and "Mari Maasikas" in welcome

    other = Phone(client, settings, number[:-3] + "987")
    someone = await other.text(SAID[language].format(_grouped(BOOKED)))
    made_up = await Phone(client, settings, number[:-3] + "555").text(
        SAID[language].format(_grouped(MADE_UP))
    )
    assert someone is not None and made_up is not None
    assert someone == made_up.replace(_grouped(MADE_UP), _grouped(BOOKED))
    assert someone == _sms("code_not_found", language, code=Code(BOOKED))
    assert "Mari" not in someone and "Jüri" not in someone

    again = await mari.text(SAID[language].format(_grouped(BOOKED)))
    assert _worded(again, "already_checked_in", language) and "Mari Maasikas" in str(again)


async def test_two_conversations_giving_one_code_at_once_check_it_in_once(
    client: httpx.AsyncClient,
    app: FastAPI,
    office: OfficeSettings,
) -> None:
    """Guesses at codes are taken one at a time (`attempts.serialise`), so of several
    conversations giving the same code at once exactly one checks the booking in and is
    welcomed; the rest hear what any code no longer expected gets, never "already checked
    in" nor the visitor's or the host's name, and the host is told once."""
    await seed_booking(app, name="Tom Baker", host="Priya Patel", at=later_today())
    visitors = [await Visitor.arrive(client) for _ in range(AT_ONCE)]
    replies = await asyncio.gather(*(v.say(SAID["en"].format(BOOKED)) for v in visitors))
    welcomed = [r for r in replies if "Tom Baker" in r["reply"]]
    others = [r for r in replies if "Tom Baker" not in r["reply"]]
    assert len(welcomed) == 1 and len(others) == AT_ONCE - 1, [r["reply"] for r in replies]
    assert not _worded(welcomed[0]["reply"], "already_checked_in", "en"), welcomed[0]["reply"]
    for other in others:
        assert other["reply"] == _web("code_not_found", "en", code=Code(BOOKED))
    assert [v.status for v in await visits(app)] == ["checked_in"]
    assert len(await notifications(app)) == 1
