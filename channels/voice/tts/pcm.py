"""Local synthesisers' PCM → the phone line's μ-law 8 kHz, chunk by chunk.

A local voice produces 16-bit PCM at its own rate (espeak-ng 22050 Hz, Piper 22050 Hz) in
pieces of arbitrary size. Resampling each piece on its own would click at every seam, so
one streaming resampler (`soxr.ResampleStream`) carries its filter state across pieces;
an odd trailing byte is held back until the next piece completes the sample.
"""

from __future__ import annotations

import numpy as np
import soxr

from channels.voice.codec import SAMPLE_RATE, pcm16_to_ulaw, to_int16


class UlawEncoder:
    """Feeds PCM16 (bytes or int16/float32 samples) in, gets μ-law 8 kHz bytes out."""

    def __init__(self, from_rate: int) -> None:
        self._resampler = soxr.ResampleStream(from_rate, SAMPLE_RATE, 1, dtype="float32")
        self._carry = b""

    def feed_bytes(self, pcm: bytes) -> bytes:
        """Little-endian 16-bit PCM bytes of any length (an odd byte waits for its pair)."""
        data = self._carry + pcm
        usable = len(data) - len(data) % 2
        self._carry = data[usable:]
        samples = np.frombuffer(data[:usable], dtype="<i2")
        return self.feed_float(samples.astype(np.float32) / 32768.0)

    def feed_float(self, samples: np.ndarray, last: bool = False) -> bytes:
        """float32 samples in [-1, 1]; `last` flushes what the filter still holds."""
        out = self._resampler.resample_chunk(samples.astype(np.float32, copy=False), last=last)
        return pcm16_to_ulaw(to_int16(out)) if out.size else b""

    def flush(self) -> bytes:
        """The tail of the audio (the resampler's delay line); call once, at the end."""
        return self.feed_float(np.zeros(0, dtype=np.float32), last=True)
