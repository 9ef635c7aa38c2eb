"""The scripted recogniser answers during a pause only what a real one could know by then:
the phrases the caller finished, never the words still to come (tests/voice/standin_speech.py).
A test that passed because the stand-in knew the rest of the line would pass for nothing."""

from __future__ import annotations

import numpy as np

from channels.voice.codec import SAMPLE_RATE, pcm16_to_ulaw
from tests.voice.speech_audio import silence_ulaw
from tests.voice.standin_speech import ScriptedStt, as_said, phrases


def _voice(seconds: float) -> bytes:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return pcm16_to_ulaw((0.3 * 32767 * np.sin(2 * np.pi * 300 * t)).astype(np.int16))


def test_a_line_s_phrases_end_at_a_pause_mark_a_comma_or_a_sentence_s_end() -> None:
    line = "Tere! Mina olen Mari Kask … ja tulin Jüri Tamme juurde, eks."
    assert phrases(line) == ["Tere!", "Mina olen Mari Kask", "ja tulin Jüri Tamme juurde,", "eks."]
    assert as_said(line) == "Tere! Mina olen Mari Kask ja tulin Jüri Tamme juurde, eks."


async def test_during_a_pause_only_the_words_before_it_are_known() -> None:
    stt = ScriptedStt(["I'm here to see … Sarah Chen", "yes"])
    stream = await stt.open("en")
    await stream.send(silence_ulaw(0.2) + _voice(0.8))  # the listener's preroll, then speech
    assert await stream.interim() == ""  # speaking: nothing finished yet
    await stream.send(silence_ulaw(0.1))
    assert await stream.interim() == ""  # a dip between words is no pause
    await stream.send(silence_ulaw(0.1))
    assert await stream.interim() == "I'm here to see"  # 200 ms of quiet: a pause
    await stream.send(silence_ulaw(0.2) + _voice(0.6) + silence_ulaw(0.04))
    assert await stream.interim() == "I'm here to see"  # "Sarah Chen" is being said
    await stream.send(silence_ulaw(0.2))
    assert await stream.interim() == "I'm here to see Sarah Chen"
    assert (await stream.finalize()).text == "I'm here to see Sarah Chen"
    await stream.send(_voice(0.3) + silence_ulaw(0.2))  # the next utterance starts afresh
    assert await stream.interim() == "yes"
    assert stream.peeks == 6


async def test_a_phrase_read_on_without_a_pause_shows_late_never_early() -> None:
    # "Hi, I'm here to see Sarah Chen" said in one breath: the only pause heard is the one
    # after it, taken for the end of "Hi," — the answer lags, it never runs ahead.
    stt = ScriptedStt(["Hi, I'm here to see Sarah Chen"])
    stream = await stt.open("en")
    await stream.send(_voice(1.5) + silence_ulaw(0.3))
    assert await stream.interim() == "Hi,"
    assert (await stream.finalize()).text == "Hi, I'm here to see Sarah Chen"
