"""Silero VAD on the phone line, for real: espeak-ng speech is speech; silence and steady
lobby noise (white or pink, up to a loud -20 dBFS) are not; one window costs little."""

from __future__ import annotations

import time

import numpy as np
import pytest

from channels.voice.codec import (
    frames,
    pcm16_to_ulaw,
    power,
    power_dbfs,
    rms_dbfs,
    to_float,
    ulaw_to_float,
    ulaw_to_pcm16,
)
from channels.voice.vad import (
    CONTEXT,
    SILENCE_GATE_DBFS,
    WINDOW,
    Upsampler,
    VadStream,
    shared_session,
)
from tests.voice.speech_audio import espeak_ulaw, noise_ulaw, silence_ulaw

GATE_POWER = 10 ** (SILENCE_GATE_DBFS / 10)


def probabilities(ulaw: bytes) -> np.ndarray:
    vad = VadStream()
    return np.array([vad.feed(frame) for frame in frames(ulaw)])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hello, I am here to see Sarah Chen from engineering.", "en"),
        ("Tere, ma tulin Mari Tamme juurde.", "et"),
        ("Здравствуйте, я к Ивану Петрову.", "ru"),
    ],
)
def test_speech_is_speech(text: str, language: str) -> None:
    probs = probabilities(espeak_ulaw(text, language))
    assert (probs > 0.5).mean() > 0.6


def test_speech_is_heard_within_a_few_windows_of_its_start() -> None:
    ulaw = silence_ulaw(0.5) + espeak_ulaw("Hello there, good morning.")
    probs = probabilities(ulaw)
    first = int(np.argmax(probs > 0.5))
    assert 25 <= first <= 25 + 10  # speech starts at frame 25; heard within 200 ms


def test_silence_is_not_speech() -> None:
    assert probabilities(silence_ulaw(2)).max() < 0.2


@pytest.mark.parametrize("colour", ["white", "pink"])
@pytest.mark.parametrize("dbfs", [-50.0, -40.0, -30.0, -20.0])
def test_steady_noise_is_not_speech(colour: str, dbfs: float) -> None:
    probs = probabilities(noise_ulaw(3, dbfs, colour=colour))
    assert probs.max() < 0.5


def test_speech_over_lobby_noise_is_still_speech() -> None:
    speech = np.frombuffer(espeak_ulaw("I am here for the interview with Mari."), np.uint8)
    noise = np.frombuffer(noise_ulaw(len(speech) / 8000, -40, colour="pink"), np.uint8)
    mixed = ulaw_to_pcm16(speech.tobytes()).astype(np.int32) + ulaw_to_pcm16(noise.tobytes())
    probs = probabilities(pcm16_to_ulaw(np.clip(mixed, -32768, 32767).astype(np.int16)))
    assert (probs > 0.5).mean() > 0.5


def test_calls_keep_their_own_state_and_share_one_session() -> None:
    a, b = VadStream(), VadStream()
    assert a.session is b.session is shared_session()
    speech = frames(espeak_ulaw("Good morning, I have a delivery."))
    quiet = frames(silence_ulaw(len(speech) * 0.02))
    pa = [a.feed(f) for f in speech]
    pb = [b.feed(f) for f in quiet]
    assert max(pa) > 0.9 and max(pb) < 0.2


def test_a_window_is_cheap() -> None:
    vad = VadStream()
    audio = frames(espeak_ulaw("Hello, I am here to see Sarah Chen.")) * 5
    vad.feed(audio[0])
    start = time.perf_counter()
    for frame in audio:
        vad.feed(frame)
    per_window = (time.perf_counter() - start) / vad.windows
    # ~0.2-0.4 ms on this shared 2-core machine; generous so a busy CI does not flake
    assert per_window < 0.005


def test_a_quiet_line_does_not_run_the_model() -> None:
    vad = VadStream()
    for frame in frames(noise_ulaw(2, -65.0)):  # a phone line's idle hiss
        assert vad.feed(frame) == 0.0
    assert vad.windows > 40 and vad.runs == 0
    for frame in frames(espeak_ulaw("Hello there.")):
        vad.feed(frame)
    assert vad.runs > 0


def test_speech_after_a_quiet_line_is_heard_as_after_digital_silence() -> None:
    """Frames below the silence gate are not upsampled: they go in as digital silence, so
    the speech after the line's hiss scores as it does after true silence."""
    speech = frames(espeak_ulaw("Hello, I am here to see Sarah Chen."))
    after_hiss, after_silence = VadStream(), VadStream()
    for frame in frames(noise_ulaw(1, -65.0)):
        after_hiss.feed(frame)
    for frame in frames(silence_ulaw(1)):
        after_silence.feed(frame)
    a = [after_hiss.feed(f) for f in speech]
    b = [after_silence.feed(f) for f in speech]
    assert np.allclose(a, b, atol=1e-6)


def test_the_float_decoding_and_loudness_agree_with_the_int16_ones() -> None:
    every_code = bytes(range(256))
    assert np.array_equal(ulaw_to_float(every_code), to_float(ulaw_to_pcm16(every_code)))
    loud = espeak_ulaw("Good morning.")[:160]
    for frame in (loud, silence_ulaw(0.02)[:160], noise_ulaw(0.02, -60.0)):
        assert power_dbfs(power(ulaw_to_float(frame))) == pytest.approx(
            rms_dbfs(ulaw_to_pcm16(frame)), abs=1e-4
        )


def reference_probabilities(line: list[bytes]) -> list[float]:
    """What the VAD must answer for each frame, computed the plain way: the whole line
    upsampled (a gated frame as digital silence), cut into windows with their context, the
    model run on each window above the gate with the state carried."""
    upsample, pieces = Upsampler(), []
    for frame in line:
        samples = ulaw_to_float(frame)
        if power(samples) >= GATE_POWER:
            pieces.append(upsample(samples))
        else:
            upsample.silence()
            pieces.append(np.zeros(2 * samples.size, np.float32))
    audio = np.concatenate([np.zeros(CONTEXT, np.float32), *pieces])
    session, state = shared_session(), np.zeros((2, 1, 1, 128), np.float32)
    window_probability = []
    for start in range(CONTEXT, audio.size - WINDOW + 1, WINDOW):
        window = audio[start - CONTEXT : start + WINDOW]
        if float(np.dot(window[CONTEXT:], window[CONTEXT:])) / WINDOW < GATE_POWER:
            window_probability.append(0.0)
            continue
        out, state[0], state[1] = session.run(
            None, {"input": window[None, :], "h": state[0], "c": state[1]}
        )
        window_probability.append(float(out[0]))
    answers, done = [], 0
    for frame in line:
        done += 2 * len(frame)
        windows = done // WINDOW
        answers.append(window_probability[windows - 1] if windows else 0.0)
    return answers


def test_words_with_quiet_gaps_of_any_length_score_as_the_plain_computation() -> None:
    """Gated frames are counted, not written, until a louder frame comes: the gaps between
    words must leave exactly the zeros and the context the plain computation has, whatever
    the phase at which a word stops (mid-syllable here, at each of a window's 8 phases
    against the 20 ms frames) and however long the gap."""
    word = frames(espeak_ulaw("Hello Sarah Chen"))
    hiss = frames(noise_ulaw(1, -65.0))
    line: list[bytes] = []
    for cut, gap in enumerate((3, 17, 40, 9, 26, 5, 33, 12)):
        line += word[4 : 20 + cut] + hiss[:gap]
    vad = VadStream()
    assert np.allclose([vad.feed(f) for f in line], reference_probabilities(line), atol=1e-5)
    assert vad.runs > 0
