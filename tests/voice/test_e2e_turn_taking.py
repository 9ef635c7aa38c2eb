"""When the caller's turn is over, over a real Media Stream against the real app.

The caller's voice is real audio (Piper) so the server's VAD and turn-taking hear real
pauses; what was said is given by the stand-in recogniser (`ScriptedStt`, whose
`interim()` answers only the phrases the caller has finished — up to the pause, never the
words still to come), and the receptionist speaks the instant tone. The end-of-turn quiet
adapts (channels/voice/endpointing.py): a complete answer to the question pending ends the
turn after ~250 ms of quiet, unfinished words wait longer.
"""

from __future__ import annotations

import pytest

from channels.voice.stt.base import Transcript
from core.messages import Language
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
from tests.voice.standin_speech import InstantTts, ScriptedStt, as_said

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
    # more is coming, so the turn waits through the pause. (The recogniser knows "My name
    # is" during the pause, as a real one would: the script marks the pause as `Say` does.)
    lines = ["Hi, I'm here to see Sarah Chen", "yes", "My name is … Tom Baker"]
    stt.script = lines
    seen: list[ConversationSession] = []

    async def look() -> None:
        seen.append(await phone_line.session())

    pausing = Say("My name is … Tom Baker.", pause_ms=400)
    report, _ = await phone_line.call(
        [Say("Hi, I'm here to see Sarah Chen."), Say("Yes."), pausing, Check(look), HangUp()]
    )

    stream = stt.streams[0]
    said = [as_said(line) for line in lines]
    assert [t.text for t in stream.finalized] == said, stream.finalized  # 3 turns, not 4
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
    # The first line answers the greeting's open question with more than a name after its
    # visiting word ("…, please"): the usual quiet ends it. "Yes." answers "Is that right?":
    # a complete answer, so ~250 ms of quiet end it.
    stt.script = ["Hi, I'm here to see Sarah Chen, please", "yes"]
    seen: list[ConversationSession] = []

    async def look() -> None:
        seen.append(await phone_line.session())

    report, _ = await phone_line.call(
        [Say("Hi, I'm here to see Sarah Chen, please."), Check(look), Say("Yes."), HangUp()]
    )

    [asked] = seen
    assert asked.expecting == "confirmation", asked.state
    first, yes = report.turns
    assert first.latency_ms is not None and yes.latency_ms is not None, report
    # the usual quiet is 640 ms; the complete answer's 250 ms
    assert first.latency_ms >= 600, first.latency_ms
    assert yes.latency_ms <= first.latency_ms - 250, (first.latency_ms, yes.latency_ms)
    assert yes.latency_ms < 500, yes.latency_ms


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Hi, I'm here to see Sarah Chen."),
        ("et", "Mul on kohtumine Jüri Tammega."),
        ("et", "Tulin Jüri Tamme juurde."),
        ("ru", "Я к Ивану Петрову."),
    ],
)
async def test_a_visiting_word_with_its_full_name_answers_the_greeting_sooner(
    phone_line: PhoneLine, stt: ScriptedStt, language: Language, line: str
) -> None:
    # Whom the caller came to see, by full name, is a whole answer to the greeting: ~250 ms
    # of quiet end it rather than the usual 640 ms.
    stt.script = [Transcript(line, language)]
    report, _ = await phone_line.call([Say(line), HangUp(after_answer_ms=300)], language)

    [first] = report.turns
    assert first.latency_ms is not None, report
    assert first.latency_ms < 500, first.latency_ms
    assert [t.text for t in stt.streams[0].finalized] == [line]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "I'm here to see … Sarah Chen."),
        ("en", "I'm here to see Sarah … Chen."),  # the family name after a breath
        ("et", "Mina olen Mari Kask … ja tulin Jüri Tamme juurde."),  # a copula's object
        ("et", "Mul on kohtumine … Jüri Tammega."),
        ("ru", "Я к … Ивану Петрову."),
    ],
)
async def test_a_caller_pausing_mid_answer_to_the_greeting_is_not_cut_off(
    phone_line: PhoneLine, stt: ScriptedStt, language: Language, line: str
) -> None:
    # 400 ms of thought mid-sentence: what was said before the pause is no whole answer
    # (a visiting word without its name, a first name alone, an introduction), so the turn
    # waits through the pause and the line is one turn.
    stt.script = [Transcript(line, language)]
    pausing = Say(line, pause_ms=400)
    report, _ = await phone_line.call([pausing, HangUp(after_answer_ms=300)], language)

    stream = stt.streams[0]
    assert [t.text for t in stream.finalized] == [as_said(line)], stream.finalized
    assert stream.peeks > 0  # the pause was judged
    first_half = len(await _voice_of(pausing.parts[0], language))
    assert len(stream.utterances[0]) >= first_half + 400 * 8, len(stream.utterances[0])
    [turn] = report.turns
    assert turn.latency_ms is not None, report


async def _voice_of(text: str, language: Language = "en") -> bytes:
    from tests.voice.e2e_support import _VOICE

    return await _VOICE.speak(text, language)
