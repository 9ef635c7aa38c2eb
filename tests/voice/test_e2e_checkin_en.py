"""A whole check-in call in English, end to end with the embedded speech providers: the
caller is Piper's US English voice, the server hears them with faster-whisper (tiny.en)
and answers with its local synthesiser, over a real Media Stream against the real app."""

from __future__ import annotations

import pytest

from core.store.models import Employee
from frontdesk.runtime import Providers
from simulator.script import Say
from tests.voice.e2e_support import (
    LocalSpeech,
    PhoneLine,
    local_speech,
    phone_line,
    settings,
    sqlite_only,
    twilio,
)

__all__ = ["local_speech", "phone_line", "settings", "sqlite_only", "twilio"]


@pytest.fixture
def db_url(sqlite_only: str) -> str:
    """Once, on SQLite (the real-time call is the slow part): the Estonian and Russian
    calls write their visits on both backends."""
    return sqlite_only


@pytest.fixture
def providers(local_speech: LocalSpeech) -> Providers:
    return Providers(stt=local_speech.stt, tts=local_speech.voices)


async def test_an_english_caller_checks_in_by_voice(phone_line: PhoneLine) -> None:
    report, simulator = await phone_line.call(
        [Say("Hi, I'm Tom Baker from Microsoft, here to see Priya Patel."), Say("Yes.")],
        idle_seconds=1.5,  # Piper may pause between sentences on a busy machine
    )

    assert [t.latency_ms is not None for t in report.turns] == [True, True], report.events
    assert report.ended_by in {"server", "twilio"}, report.events  # it said goodbye
    visit, note = await phone_line.checked_in()
    assert (visit.visitor_name, visit.host_name, visit.channel, visit.language) == (
        "Tom Baker",
        "Priya Patel",
        "voice",
        "en",
    )
    assert visit.company == "Microsoft", visit.company
    [priya] = [e for e in await phone_line.rows(Employee) if e.name == "Priya Patel"]
    assert (visit.host_id, note.visit_id, note.host_id, note.status) == (
        priya.id,
        visit.id,
        priya.id,
        "pending",
    )
    session = await phone_line.session()
    assert session.session_key == simulator.call_sid and session.visit_id == visit.id
    assert session.ended_at is not None and session.transcript == []
