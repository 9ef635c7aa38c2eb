"""When the caller's turn is over, over a real Media Stream against the real app.

The caller's voice is real audio (Piper) so the server's VAD and turn-taking hear real
pauses; what was said is given by the stand-in recogniser (`ScriptedStt`, whose
`interim()` answers what was said so far), and the receptionist speaks the instant tone.
The end-of-turn quiet adapts (channels/voice/endpointing.py): a complete answer to the
question pending ends the turn after ~250 ms of quiet, unfinished words wait longer.
"""

from __future__ import annotations

import pytest

from core.store.models import ConversationSession
from frontdesk.runtime import Providers
from simulator.script import Check, HangUp, Say
from tests.voice.e2e_support import (
    PhoneLine,
    instant_tts,
    phone_line,
    settings,
    sqlite_only,
    twilio,
)
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["phone_line", "settings", "sqlite_only", "twilio"]


@pytest.fixture
def db_url(sqlite_only: str) -> str:
    return sqlite_only  # see e2e_support.sqlite_only


@pytest.fixture
def stt() -> ScriptedStt:
    return ScriptedStt()


@pytest.fixture
def providers(stt: ScriptedStt) -> Providers:
    return Providers(stt=stt, tts=instant_tts(InstantTts(ms_per_char=15.0)))


async def test_a_caller_pausing_mid_sentence_is_not_cut_off(
    phone_line: PhoneLine, stt: ScriptedStt
) -> None:
    # Asked for their name, the caller says "My name is", thinks for 400 ms, then says it.
    # "My name is" alone would be a short answer to a name question; its last word says
    # more is coming, so the turn waits through the pause.
    stt.script = ["Hi, I'm here to see Sarah Chen", "yes", "My name is Tom Baker"]
    stt.interims = [None, None, "My name is"]
    seen: list[ConversationSession] = []

    async def look() -> None:
        seen.append(await phone_line.session())

    pausing = Say("My name is … Tom Baker.", pause_ms=400)
    report, _ = await phone_line.call(
        [Say("Hi, I'm here to see Sarah Chen."), Say("Yes."), pausing, Check(look), HangUp()]
    )

    stream = stt.streams[0]
    assert [t.text for t in stream.finalized] == stt.script, stream.finalized  # 3 turns, not 4
    assert stream.peeks > 0  # the pause was judged
    # the third turn's audio holds both halves of the sentence and the pause between them
    first_half = len(await _voice_of("My name is"))
    assert len(stream.utterances[2]) >= first_half + 400 * 8, len(stream.utterances[2])
    [session] = seen
    assert session.slots.get("visitor_name") == "Tom Baker", session.slots
    assert report.turns[2].latency_ms is not None  # and it was answered once, as a whole


async def test_a_short_complete_answer_is_answered_sooner(
    phone_line: PhoneLine, stt: ScriptedStt
) -> None:
    # The first line answers the greeting's open question: the usual quiet ends it. "Yes."
    # answers "Is that right?": a complete answer, so ~250 ms of quiet end it.
    stt.script = ["Hi, I'm here to see Sarah Chen", "yes"]
    seen: list[ConversationSession] = []

    async def look() -> None:
        seen.append(await phone_line.session())

    report, _ = await phone_line.call(
        [Say("Hi, I'm here to see Sarah Chen."), Check(look), Say("Yes."), HangUp()]
    )

    [asked] = seen
    assert asked.expecting == "confirmation", asked.state
    first, yes = report.turns
    assert first.latency_ms is not None and yes.latency_ms is not None, report
    # the usual quiet is 640 ms; the complete answer's 250 ms
    assert first.latency_ms >= 600, first.latency_ms
    assert yes.latency_ms <= first.latency_ms - 250, (first.latency_ms, yes.latency_ms)
    assert yes.latency_ms < 500, yes.latency_ms


async def _voice_of(text: str) -> bytes:
    from tests.voice.e2e_support import _VOICE

    return await _VOICE.speak(text, "en")
