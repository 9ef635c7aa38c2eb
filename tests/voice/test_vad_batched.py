"""The VAD model scores windows of different calls in one run: the shipped model is
Silero's v6 with its rows made separate streams (scripts/derive_batched_vad.py)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from channels.voice import model_files
from channels.voice.codec import frames, pcm16_to_ulaw, ulaw_to_float, ulaw_to_pcm16
from channels.voice.vad import CONTEXT, WINDOW, Upsampler, model_path
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
