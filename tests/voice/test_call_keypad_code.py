"""On the phone a booking code may be typed on the keypad as well as said: while the
receptionist waits for a code the keys type it — in any of the three languages, where
speaking a code is hardest for a recogniser — `#` or the tenth digit sends it, and the
booked visitor is checked in. Asked for anything else, the keys keep their meaning (1/2/3
a language, 0 a person). Through a real media-stream WebSocket; asserted in the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from channels.voice.stt.base import Transcript
from core.store.models import Employee, Notification, Visit
from core.store.office import OfficeSettings, save_office
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import TwilioLine, VoiceServer
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
pytestmark = pytest.mark.usefixtures("demo_directory")

TALLINN = ZoneInfo("Europe/Tallinn")
CODE = "4829135706"
HOST = ("Priya Patel", "Прия Патель")


async def _book(server: VoiceServer, code: str) -> int:
    now = datetime.now(TALLINN)
    at = min(now + timedelta(hours=1), now.replace(hour=23, minute=59))
    async with server.runtime.sessionmaker() as db, db.begin():
        await save_office(db, OfficeSettings(timezone="Europe/Tallinn"))
        host = await db.scalar(sa.select(Employee).where(Employee.name == "Priya Patel"))
        assert host is not None
        visit = Visit(
            kind="visit",
            status="expected",
            visitor_name="Tom Baker",
            host_id=host.id,
            host_name=host.name,
            channel="web",
            language="en",
            code=code,
            expected_at=at,
        )
        db.add(visit)
        await db.flush()
        return visit.id


async def _rows(server: VoiceServer, model: Any) -> list[Any]:
    return await server.rows(model)


KEYPAD = {"en": "keypad", "et": "klahvistikul", "ru": "клавиатуре"}  # said when a code is asked


def _asked_for_code(tts: InstantTts, language: str) -> bool:
    return any(KEYPAD[language] in text for text, _ in tts.said)


async def _type(line: TwilioLine, keys: str) -> None:
    for key in keys:
        await line.press(key)


@pytest.mark.parametrize(
    ("said", "language", "keys"),
    [
        ("Hi, I have a booking", "en", CODE),  # the tenth digit sends it
        ("Tere, mul on broneering", "et", CODE + "#"),
        ("Здравствуйте, у меня бронь", "ru", "12*" + CODE),  # * starts again
    ],
)
async def test_a_code_typed_on_the_keypad_checks_the_booked_visitor_in(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts, said: str, language: str, keys: str
) -> None:
    booked = await _book(server, CODE)
    stt.script = [Transcript(said, language)]  # type: ignore[arg-type]
    async with server.line() as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Hi, I have a booking"))
        await line.wait_for(lambda: _asked_for_code(tts, language))
        await line.wait_quiet()
        await _type(line, keys)

        # the welcome names the host, whom nothing said before named
        await line.wait_for(lambda: any(h in t for t, _ in tts.said for h in HOST), within=30)
    [visit] = await _rows(server, Visit)
    assert (visit.id, visit.status) == (booked, "checked_in")
    told = [n for n in await _rows(server, Notification) if n.kind == "host_arrival"]
    assert [n.payload["booked"] for n in told] == [True]  # (and later, maybe, a reminder)


async def test_a_shorter_older_code_is_sent_when_the_caller_stops_typing(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    await _book(server, "482913")
    stt.script = [Transcript("Hi, I have a booking", "en")]
    async with server.line() as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Hi, I have a booking"))
        await line.wait_for(lambda: _asked_for_code(tts, "en"))
        await _type(line, "482913")
        await line.wait_for(
            lambda: any("Welcome back, Tom Baker" in text for text, _ in tts.said), within=30
        )
    [visit] = await _rows(server, Visit)
    assert visit.status == "checked_in"
