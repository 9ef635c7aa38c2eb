"""Windows of different calls scored in one run of the VAD model: the shipped model is
Silero's v6 with its rows made separate streams (scripts/derive_batched_vad.py), and a
call's probabilities are the same whether its windows run alone or beside other calls'."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from channels.voice import model_files
from channels.voice.codec import frames, pcm16_to_ulaw, power, ulaw_to_float, ulaw_to_pcm16
from channels.voice.vad import CONTEXT, WINDOW, Upsampler, VadStream, WindowBatch, model_path
from tests.voice.speech_audio import espeak_ulaw, noise_ulaw, silence_ulaw

ROOT = Path(__file__).resolve().parents[2]


def faster_whisper_model() -> str:
    """Silero VAD v6 as faster-whisper ships it: rows are consecutive windows of one stream."""
    import faster_whisper

    return str(Path(faster_whisper.__file__).parent / "assets" / "silero_vad_v6.onnx")


def session(path: str) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def lines() -> list[bytes]:
    """Real speech in the three languages, over noise, after silence; and noise alone."""
    speech = np.frombuffer(espeak_ulaw("I am here for the interview with Mari."), np.uint8)
    noise = np.frombuffer(noise_ulaw(len(speech) / 8000, -40, colour="pink"), np.uint8)
    mixed = ulaw_to_pcm16(speech.tobytes()).astype(np.int32) + ulaw_to_pcm16(noise.tobytes())
    return [
        espeak_ulaw("Hello, I am here to see Sarah Chen from engineering.", "en"),
        espeak_ulaw("Tere, ma tulin Mari Tamme juurde.", "et"),
        espeak_ulaw("Здравствуйте, я к Ивану Петрову.", "ru"),
        pcm16_to_ulaw(np.clip(mixed, -32768, 32767).astype(np.int16)),
        silence_ulaw(0.3) + espeak_ulaw("I have a delivery for the front desk."),
        noise_ulaw(2, -30, colour="pink"),
    ]


def windows(ulaw: bytes) -> np.ndarray:
    """The line's windows with their context, [n, 576], as the model takes them."""
    upsample = Upsampler()
    audio = np.concatenate(
        [np.zeros(CONTEXT, np.float32), *(upsample(ulaw_to_float(f)) for f in frames(ulaw))]
    )
    starts = range(CONTEXT, audio.size - WINDOW + 1, WINDOW)
    return np.stack([audio[s - CONTEXT : s + WINDOW] for s in starts])


def test_the_shipped_model_is_the_one_its_digest_and_the_derivation_name(tmp_path: Path) -> None:
    model_files.verify("silero_vad", model_path().parent, (model_path().name,))
    pytest.importorskip("onnx")  # the dev extra has it; the server does not need it
    out = tmp_path / "derived.onnx"
    script = ROOT / "scripts" / "derive_batched_vad.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, cwd=tmp_path)
    derived = hashlib.sha256(out.read_bytes()).hexdigest()
    assert derived == model_files.KNOWN["silero_vad"][model_path().name]


def test_a_run_of_many_calls_windows_equals_each_call_run_on_its_own() -> None:
    """Each line alone through faster-whisper's file (its windows one run after another,
    the state carried), against all lines side by side through the shipped file (one run
    per step, a row and a state per line; a line that ended drops out of the run)."""
    original, batched = session(faster_whisper_model()), session(str(model_path()))
    line_windows = [windows(line) for line in lines()]
    alone = []
    for rows in line_windows:
        h = c = np.zeros((1, 1, 128), np.float32)
        probabilities = []
        for row in rows:
            out, h, c = original.run(None, {"input": row[None], "h": h, "c": c})
            probabilities.append(float(out[0]))
        alone.append(np.array(probabilities))
    state = np.zeros((2, 1, len(line_windows), 128), np.float32)
    together: list[list[float]] = [[] for _ in line_windows]
    for step in range(max(len(rows) for rows in line_windows)):
        live = [i for i, rows in enumerate(line_windows) if step < len(rows)]
        batch = np.stack([line_windows[i][step] for i in live])
        out, state[0][:, live], state[1][:, live] = batched.run(
            None, {"input": batch, "h": state[0][:, live], "c": state[1][:, live]}
        )
        for row, i in enumerate(live):
            together[i].append(float(out[row]))
    for i, one_line in enumerate(alone):
        assert np.abs(np.array(together[i]) - one_line).max() < 1e-6
    speech = np.concatenate(alone[:5])
    assert (speech > 0.5).mean() > 0.6 and alone[5].max() < 0.5  # real speech, real noise


def test_the_shipped_model_run_alone_is_faster_whispers() -> None:
    original, batched = session(faster_whisper_model()), session(str(model_path()))
    rows = windows(lines()[0])
    state = {"h": np.zeros((1, 1, 128), np.float32), "c": np.zeros((1, 1, 128), np.float32)}
    for row in rows:
        a = original.run(None, {"input": row[None], **state})
        b = batched.run(None, {"input": row[None], **state})
        for x, y in zip(a, b, strict=True):
            assert np.array_equal(x, y)
        state = {"h": a[1], "c": a[2]}


async def test_a_call_hears_the_same_beside_other_calls_as_alone() -> None:
    """Six calls in one event loop, starting a few frames apart (so their windows complete
    at different frames), each pushing a frame and awaiting its window as a call's reader
    does: every frame's probability is the one `feed` gives that call alone, and the
    windows did share runs."""
    calls = [frames(line) for line in lines()]
    hiss = frames(noise_ulaw(0.4, -65.0))  # a quiet line's frames, below the silence gate
    calls = [hiss[: 3 * i] + line + hiss for i, line in enumerate(calls)]
    expected = []
    for line in calls:
        alone = VadStream()
        expected.append([alone.feed(frame) for frame in line])

    async def call(line: list[bytes]) -> tuple[list[float], int]:
        vad, heard = VadStream(), []
        for frame in line:
            samples = ulaw_to_float(frame)
            scoring = vad.push(samples, power(samples))
            heard.append(vad.probability if scoring is None else await scoring)
            await asyncio.sleep(0)  # the next frame comes later
        return heard, vad.runs

    batch = WindowBatch.of_running_loop(VadStream().session)
    runs_before, windows_before = batch.runs, batch.windows
    heard = await asyncio.gather(*(call(line) for line in calls))
    for (probabilities, _), wanted in zip(heard, expected, strict=True):
        assert np.abs(np.array(probabilities) - wanted).max() < 1e-6
    scored = sum(runs for _, runs in heard)
    assert batch.windows - windows_before == scored
    assert batch.runs - runs_before < scored / 2  # windows ran two or more to a run


async def test_a_call_that_hangs_up_while_its_window_waits_leaves_the_others_theirs() -> None:
    speech = frames(espeak_ulaw("Good morning, I have a delivery."))[:40]
    leaving, staying = VadStream(), VadStream()
    alone = VadStream()
    expected = [alone.feed(frame) for frame in speech]
    heard = []
    for n, frame in enumerate(speech):
        samples = ulaw_to_float(frame)
        left = leaving.push(samples, power(samples)) if n < 30 else None
        stays = staying.push(samples, power(samples))
        if left is not None and n == 29:
            left.cancel()  # its reader was cancelled: the call is over
        elif left is not None:
            await left
        heard.append(staying.probability if stays is None else await stays)
    assert np.abs(np.array(heard) - expected).max() < 1e-6
