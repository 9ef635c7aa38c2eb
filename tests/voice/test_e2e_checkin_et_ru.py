"""Whole check-in calls in Estonian and Russian, over a real Media Stream against the real
app, answered in the caller's language by the local synthesiser (espeak-ng).

The recogniser is the stand-in `ScriptedStt`, which knows the lines the caller says: no
offline voice on any registry is good enough for Whisper to transcribe Estonian or Russian
(espeak-ng's robotic voice is hard even in English), so these tests exercise the whole call
— stream, VAD, turn-taking, the agent in the caller's language, the voice, the hang-up —
and claim nothing about how well et/ru speech is recognised.
"""

from __future__ import annotations

import pytest

from channels.voice.stt.base import Transcript
from core.messages import Language
from core.store.models import Employee
from frontdesk.runtime import Providers
from simulator.script import HangUp, Say
from tests.voice.e2e_support import (
    LocalSpeech,
    PhoneLine,
    local_speech,
    phone_line,
    settings,
    twilio,
)
from tests.voice.standin_speech import ScriptedStt

__all__ = ["local_speech", "phone_line", "settings", "twilio"]

CALLS: dict[Language, tuple[list[str], tuple[str, str, str]]] = {
    "et": (
        ["Tere! Mina olen Mari Kask ettevõttest Telia, mul on kohtumine Jüri Tammega.", "Jah."],
        ("Mari Kask", "Telia", "Jüri Tamm"),
    ),
    "ru": (
        ["Здравствуйте, я Анна Смирнова из компании Яндекс, я к Ивану Петрову.", "Да."],
        ("Анна Смирнова", "Яндекс", "Ivan Petrov"),
    ),
}


@pytest.fixture
def language(db_url: str) -> Language:
    """Estonian on SQLite, Russian on PostgreSQL: each language's call once (real-time audio
    is slow), and both backends see a voice check-in."""
    return "et" if db_url.startswith("sqlite") else "ru"


@pytest.fixture
def providers(language: Language, local_speech: LocalSpeech) -> Providers:
    lines, _ = CALLS[language]
    stt = ScriptedStt([Transcript(line, language) for line in lines])
    return Providers(stt=stt, tts=local_speech.voices)


async def test_a_caller_checks_in_in_their_language(
    phone_line: PhoneLine, language: Language
) -> None:
    lines, (visitor, company, host) = CALLS[language]
    # The visit is written before the last answer is spoken: hang up once it starts.
    report, simulator = await phone_line.call(
        [*(Say(line) for line in lines), HangUp(after_answer_ms=1000)], language
    )

    assert [t.latency_ms is not None for t in report.turns] == [True, True], report.events
    visit, note = await phone_line.checked_in()
    assert (visit.visitor_name, visit.company, visit.host_name) == (visitor, company, host)
    assert (visit.channel, visit.language) == ("voice", language)
    [employee] = [e for e in await phone_line.rows(Employee) if e.name == host]
    assert (visit.host_id, note.host_id, note.visit_id) == (employee.id, employee.id, visit.id)
    session = await phone_line.session()
    assert session.session_key == simulator.call_sid and session.language == language
    assert session.ended_at is not None and session.transcript == []
