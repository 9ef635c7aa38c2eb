"""Voice activity detection on the caller's audio: Silero VAD v6, run with onnxruntime.

Silero's v6 export takes 16 kHz audio only: windows of 512 samples (32 ms) preceded by the
last 64 samples of the window before, and an LSTM state; it answers the probability that
the window holds speech. The phone line is 8 kHz, so each 20 ms frame (160 μ-law
bytes) is decoded, doubled to 16 kHz with a short half-band interpolation filter (soxr's
stream resampler holds back ~60 ms, too much for barge-in), and cut into windows.

The model file is this package's `silero_vad_v6_batched.onnx` (MIT, silero_vad_LICENSE.txt;
checked against its digest in model_files.py): faster-whisper's copy of v6 with its rows
made separate streams (scripts/derive_batched_vad.py). `input` [n, 576] is one window of
each of n calls and `h`, `c` [1, n, 128] their states (faster-whisper's reads the rows as
consecutive windows of one stream). A window costs ~80 μs alone and ~60 μs in a run of 4:
most of it is arithmetic, the rest onnxruntime's fixed cost per run.

One `InferenceSession` serves every call (it is thread-safe and holds no per-call state);
each call has its own `VadStream` with the state tensors and the sample context.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from channels.voice import model_files
from channels.voice.codec import power, ulaw_to_float

MODEL_RATE = 16000
WINDOW = 512  # samples at 16 kHz: 32 ms
CONTEXT = 64  # samples of the previous window the model sees before each one
STATE_SHAPE = (1, 1, 128)
# A window quieter than this (RMS, dBFS) is not speech and skips the model: a phone line's
# idle noise sits well below it, and most of a call the caller is quiet, so this halves the
# VAD's cost per call. Speech that quiet could not end a turn or interrupt anyway.
# A 20 ms frame that quiet is not even upsampled: it goes into the window as digital
# silence, so the line's idle noise costs one dot product a frame.
SILENCE_GATE_DBFS = -55.0
_GATE_POWER = 10 ** (SILENCE_GATE_DBFS / 10)


def model_path() -> Path:
    """Silero VAD v6 with a row per stream (see the module's docstring)."""
    return Path(__file__).with_name("silero_vad_v6_batched.onnx")


_lock = threading.Lock()


@cache
def _session() -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One thread per run: calls run side by side, each window is tiny, and threads that
    # spin up per window cost more than the window itself.
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    options.enable_cpu_mem_arena = False
    options.log_severity_level = 3
    path = model_path()
    model_files.verify("silero_vad", path.parent, (path.name,))
    return onnxruntime.InferenceSession(
        str(path), providers=["CPUExecutionProvider"], sess_options=options
    )


def shared_session() -> Any:
    """The one InferenceSession for the process (loaded on first use, ~20 ms)."""
    with _lock:
        return _session()


def _half_band(taps: int = 31) -> np.ndarray:
    """Low-pass at a quarter of the 16 kHz rate, gain 2: zero-stuffed 8 kHz → 16 kHz."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel = np.sinc(n / 2) * np.hamming(taps)
    return (2 * kernel / float(kernel.sum())).astype(np.float32)


_KERNEL = _half_band()


@dataclass
class Upsampler:
    """8 kHz → 16 kHz, frame by frame, with the filter's tail carried between frames."""

    _tail: np.ndarray = field(default_factory=lambda: np.zeros(len(_KERNEL) - 1, np.float32))
    _silent: bool = True  # the tail is zeros

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        self._silent = False
        taps = len(_KERNEL) - 1
        joined = np.zeros(taps + samples.size * 2, np.float32)
        joined[:taps] = self._tail
        joined[taps::2] = samples
        self._tail = joined[-taps:]
        return np.convolve(joined, _KERNEL, mode="valid")

    def silence(self) -> None:
        """Digital silence went by: what the filter holds is zeros."""
        if not self._silent:  # a quiet line sends many such frames in a row
            self._tail[:] = 0.0
            self._silent = True


@dataclass
class VadStream:
    """One call's detector: feed 20 ms μ-law frames, read the latest speech probability.

    A window completes every 32 ms, so a frame either leaves the probability as it was or
    updates it; `feed` always answers the newest one (0.0 before the first window).
    """

    session: Any = field(default_factory=shared_session)
    probability: float = 0.0
    windows: int = 0  # windows seen
    runs: int = 0  # windows the model ran on (the rest were below the silence gate)
    # The LSTM state twice over, [h, c, h', c']: a run reads one pair and writes the other.
    _state: np.ndarray = field(default_factory=lambda: np.zeros((4, *STATE_SHAPE), np.float32))
    _flip: int = 0  # which pair holds the state now
    # [context | window] as the model takes it; `_fill` samples of the window are in.
    _buffer: np.ndarray = field(default_factory=lambda: np.zeros((1, CONTEXT + WINDOW), np.float32))
    _fill: int = 0
    _sounded: bool = False  # a frame above the gate went into the window being filled
    # Gated frames into a window that has heard nothing else are not written: the window so
    # far (`_blank`) and its context (`_blank_context`) are zeros that are not in the buffer
    # yet; they are written when a frame above the gate arrives (most frames are gated).
    _blank: bool = False
    _blank_context: bool = False
    _upsample: Upsampler = field(default_factory=Upsampler)
    _out: np.ndarray = field(default_factory=lambda: np.zeros(1, np.float32))
    _bindings: list[Any] | None = None

    def __post_init__(self) -> None:
        self._bindings = self._bind()

    def _bind(self) -> list[Any] | None:
        """The model's inputs and outputs bound to this stream's own arrays, once: a run
        then converts and allocates nothing (~15 % of a window's cost with `run`). Two
        bindings, one per direction of the state's flip. None for a session without
        I/O binding (it is `run` as usual)."""
        if not hasattr(self.session, "io_binding"):
            return None
        bindings = []
        for now, then in ((0, 2), (2, 0)):
            binding = self.session.io_binding()
            binding.bind_cpu_input("input", self._buffer)
            binding.bind_cpu_input("h", self._state[now])
            binding.bind_cpu_input("c", self._state[now + 1])
            for name, array in (
                ("speech_probs", self._out),
                ("hn", self._state[then]),
                ("cn", self._state[then + 1]),
            ):
                binding.bind_output(
                    name, "cpu", 0, np.float32, list(array.shape), array.ctypes.data
                )
            bindings.append(binding)
        return bindings

    def feed(self, ulaw: bytes) -> float:
        return self.feed_pcm(ulaw_to_float(ulaw))

    def feed_pcm(self, samples: np.ndarray, mean_square: float | None = None) -> float:
        """Float samples in [-1, 1) at 8 kHz (and their `codec.power`, if known)."""
        if mean_square is None:
            mean_square = power(samples)
        size = samples.size * 2
        audio: np.ndarray | None = None
        if mean_square >= _GATE_POWER:
            audio = self._upsample(samples)
        else:
            self._upsample.silence()
            if not self._sounded:  # zeros into zeros: count them, write nothing
                self._blank = True
                self._fill += size
                while self._fill >= WINDOW:  # a window of nothing but gated frames
                    self._fill -= WINDOW
                    self.windows += 1
                    self.probability = 0.0
                    self._blank_context = True  # the next one's context is its zeros
                return self.probability
        row = self._buffer[0]
        if self._blank:  # write the zeros the gated frames stood for
            row[0 if self._blank_context else CONTEXT : CONTEXT + self._fill] = 0.0
            self._blank = self._blank_context = False
        done = 0
        while done < size:
            take = min(WINDOW - self._fill, size - done)
            start = CONTEXT + self._fill
            if audio is None:
                row[start : start + take] = 0.0
            else:
                row[start : start + take] = audio[done : done + take]
                self._sounded = True
            self._fill += take
            done += take
            if self._fill == WINDOW:
                self.probability = self._run()
                row[:CONTEXT] = row[-CONTEXT:]
                self._fill = 0
        return self.probability

    def _run(self) -> float:
        self.windows += 1
        if not self._sounded:  # nothing but gated frames: the window is all zeros
            return 0.0
        self._sounded = False
        window = self._buffer[0, CONTEXT:]
        if float(np.dot(window, window)) / WINDOW < _GATE_POWER:
            return 0.0
        now = self._flip
        self._flip = 2 - now
        self.runs += 1
        if self._bindings is not None:
            self.session.run_with_iobinding(self._bindings[now // 2])
            return float(self._out[0])
        state = self._state
        out, state[2 - now], state[3 - now] = self.session.run(
            None, {"input": self._buffer, "h": state[now], "c": state[now + 1]}
        )
        return float(out[0])

    def reset(self) -> None:
        self._state[:] = 0.0  # in place: the bindings hold these arrays
        self._buffer[:] = 0.0
        self._fill = 0
        self._sounded = False
        self._blank = self._blank_context = False
        self._upsample = Upsampler()
        self.probability = 0.0
