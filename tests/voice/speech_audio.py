"""Real speech and steady noise as the phone line carries them (μ-law, 8 kHz), for the
call's tests: espeak-ng speaks (a Debian package, no model download), NumPy makes noise."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave

import numpy as np
import pytest

from channels.voice.codec import pcm16_to_ulaw, resample, to_int16

ESPEAK_VOICES = {"en": "en-us", "et": "et", "ru": "ru"}


def espeak_ulaw(text: str, language: str = "en") -> bytes:
    """`text` spoken by espeak-ng, as the line's μ-law 8 kHz."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    voice = ESPEAK_VOICES.get(language, language)
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "--stdout", text], capture_output=True, check=True
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), np.int16)
    return pcm16_to_ulaw(resample(pcm, rate, 8000))


def noise_ulaw(seconds: float, dbfs: float, *, colour: str = "white", seed: int = 1) -> bytes:
    """Steady white or pink noise at an RMS level in dBFS."""
    rng = np.random.default_rng(seed)
    n = int(8000 * seconds)
    samples = rng.standard_normal(n)
    if colour == "pink":  # 1/f power: shape white noise's spectrum by 1/sqrt(f)
        spectrum = np.fft.rfft(samples)
        freqs = np.fft.rfftfreq(n, 1 / 8000)
        spectrum[1:] /= np.sqrt(freqs[1:])
        spectrum[0] = 0
        samples = np.fft.irfft(spectrum, n)
    samples = samples / samples.std() * 10 ** (dbfs / 20)
    return pcm16_to_ulaw(to_int16(samples.astype(np.float32)))


def silence_ulaw(seconds: float) -> bytes:
    return bytes([0xFF]) * int(8000 * seconds)
