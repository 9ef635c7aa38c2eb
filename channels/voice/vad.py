"""Voice activity detection on the caller's audio: Silero VAD v6, run with onnxruntime.

Silero's v6 export takes 16 kHz audio only: windows of 512 samples (32 ms) preceded by the
last 64 samples of the window before, and an LSTM state; it answers the probability that
the window holds speech. The phone line is 8 kHz, so each 20 ms frame (160 μ-law bytes) is
decoded, doubled to 16 kHz with a short half-band interpolation filter (soxr's stream
resampler holds back ~60 ms, too much for barge-in), and cut into windows.

The model file is this package's `silero_vad_v6_batched.onnx` (MIT, silero_vad_LICENSE.txt;
checked against its digest in model_files.py): faster-whisper's copy of v6 with its rows
made separate streams (scripts/derive_batched_vad.py). `input` [n, 576] is one window of
each of n calls and `h`, `c` [1, n, 128] their states (faster-whisper's reads the rows as
consecutive windows of one stream). A window costs ~80 μs alone and ~60 μs in a run of 4:
most of it is arithmetic, the rest onnxruntime's fixed cost per run.

One `InferenceSession` serves every call (it is thread-safe and holds no per-call state);
each call has its own `VadStream` with the state tensors and the sample context. In the
server the windows of different calls share runs (`WindowBatch`): a window a call's frame
completes waits for the end of the event loop's iteration, when every window completed in
it is scored in one run; the call's `hear` awaits its probability (a loop iteration later,
well under a frame). `feed` scores a window at once, alone (tests, tools).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
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
    updates it; `feed` always answers the newest one (0.0 before the first window). In an
    event loop `push` does the same with the window's run shared with other calls.
    """

    session: Any = field(default_factory=shared_session)
    probability: float = 0.0
    windows: int = 0  # windows seen
    runs: int = 0  # windows the model ran on (the rest were below the silence gate)
    # The LSTM state twice over, [h, c, h', c']: a run alone reads one pair and writes the
    # other; a shared run reads and writes the pair that holds the state now.
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
    _batch: WindowBatch | None = None  # the event loop's, once `push` has met it
    _scoring: asyncio.Future[float] | None = None  # the window `push` just handed to it

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
        """Float samples in [-1, 1) at 8 kHz (and their `codec.power`, if known); a window
        they complete is scored at once, alone."""
        if mean_square is None:
            mean_square = power(samples)
        self._take(samples, mean_square, self._run_alone)
        return self.probability

    def push(self, samples: np.ndarray, mean_square: float) -> asyncio.Future[float] | None:
        """As `feed_pcm`, in a running event loop, where a window these samples complete is
        scored in one run with the windows other calls complete in the same iteration of
        the loop: None if the probability is known now (`probability`: most frames), else
        a future of it. Await it before pushing the next frame (the state is its run's)."""
        self._take(samples, mean_square, self._hand_to_batch)
        scoring, self._scoring = self._scoring, None
        return scoring

    def _take(self, samples: np.ndarray, mean_square: float, score: Callable[[], None]) -> None:
        """Put the samples in the window; `score` the window if they complete it (a 20 ms
        frame completes at most one)."""
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
                return
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
                if self._worth_a_run():
                    score()
                else:
                    self.probability = 0.0
                row[:CONTEXT] = row[-CONTEXT:]
                self._fill = 0

    def _worth_a_run(self) -> bool:
        """The window is complete: is it loud enough for the model?"""
        self.windows += 1
        if not self._sounded:  # nothing but gated frames: the window is all zeros
            return False
        self._sounded = False
        window = self._buffer[0, CONTEXT:]
        if float(np.dot(window, window)) / WINDOW < _GATE_POWER:
            return False
        self.runs += 1
        return True

    def _run_alone(self) -> None:
        now = self._flip
        self._flip = 2 - now
        if self._bindings is not None:
            self.session.run_with_iobinding(self._bindings[now // 2])
            self.probability = float(self._out[0])
            return
        state = self._state
        out, state[2 - now], state[3 - now] = self.session.run(
            None, {"input": self._buffer, "h": state[now], "c": state[now + 1]}
        )
        self.probability = float(out[0])

    def _hand_to_batch(self) -> None:
        if self._batch is None:
            self._batch = WindowBatch.of_running_loop(self.session)
        self._scoring = self._batch.add(self)

    @property
    def _h(self) -> np.ndarray:
        """The LSTM's `h` now, [128] (a view: writing it sets the state)."""
        h: np.ndarray = self._state[self._flip, 0, 0]
        return h

    @property
    def _c(self) -> np.ndarray:
        c: np.ndarray = self._state[self._flip + 1, 0, 0]
        return c

    def reset(self) -> None:
        self._state[:] = 0.0  # in place: the bindings hold these arrays
        self._buffer[:] = 0.0
        self._fill = 0
        self._sounded = False
        self._blank = self._blank_context = False
        self._upsample = Upsampler()
        self.probability = 0.0


_batches: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, WindowBatch] = (
    weakref.WeakKeyDictionary()
)


class WindowBatch:
    """The windows the calls of one event loop complete during one iteration of it, scored
    in one run of the model at the start of the next (`loop.call_soon`), each with its
    call's state; each call's future then has its probability.

    No window waits for another: the run is due as soon as the loop has done what was
    ready when the first window came, so a window is late by what the loop had to do
    anyway, and the more calls a busy loop serves, the more windows share a run (a run of
    n costs onnxruntime's fixed ~25 μs once, not n times). The inputs, states and outputs
    are arrays of this batch, bound to the session once per number of windows.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, session: Any) -> None:
        self._loop = loop
        self._session = session
        self._streams: list[VadStream] = []
        self._futures: list[asyncio.Future[float]] = []
        self.runs = 0  # runs made
        self.windows = 0  # windows scored in them
        self._grow(16)

    @classmethod
    def of_running_loop(cls, session: Any) -> WindowBatch:
        loop = asyncio.get_running_loop()
        with _lock:
            batch = _batches.get(loop)
            if batch is None:
                batch = _batches[loop] = cls(loop, session)
        return batch

    def _grow(self, capacity: int) -> None:
        self._input = np.zeros((capacity, CONTEXT + WINDOW), np.float32)
        # [h, c, h', c'] of each window: what goes in and what comes out
        self._states = np.zeros((4, capacity, STATE_SHAPE[-1]), np.float32)
        self._out = np.zeros(capacity, np.float32)
        self._bindings: dict[int, Any] = {}

    def add(self, stream: VadStream) -> asyncio.Future[float]:
        """Score `stream`'s window (in its buffer now) in the next run."""
        i = len(self._streams)
        if i == 0:
            self._loop.call_soon(self._run)
        elif i == len(self._input):
            old_input, old_states = self._input, self._states
            self._grow(2 * i)
            self._input[:i] = old_input
            self._states[:, :i] = old_states
        self._input[i] = stream._buffer[0]
        self._states[0, i] = stream._h
        self._states[1, i] = stream._c
        future = self._loop.create_future()
        self._streams.append(stream)
        self._futures.append(future)
        return future

    def _binding(self, n: int) -> Any:
        """The session's inputs and outputs bound to the first `n` rows of the arrays."""
        binding = self._bindings.get(n)
        if binding is None:
            binding = self._bindings[n] = self._session.io_binding()
            states = self._states[:, :n].reshape(4, 1, n, STATE_SHAPE[-1])
            binding.bind_cpu_input("input", self._input[:n])
            binding.bind_cpu_input("h", states[0])
            binding.bind_cpu_input("c", states[1])
            for name, array in (
                ("speech_probs", self._out[:n]),
                ("hn", states[2]),
                ("cn", states[3]),
            ):
                binding.bind_output(
                    name, "cpu", 0, np.float32, list(array.shape), array.ctypes.data
                )
        return binding

    def _run(self) -> None:
        streams, futures = self._streams, self._futures
        self._streams, self._futures = [], []
        n = len(streams)
        try:
            self._session.run_with_iobinding(self._binding(n))
        except Exception as exc:
            for future in futures:
                if not future.done():
                    future.set_exception(exc)
            return
        self.runs += 1
        self.windows += n
        for i, (stream, future) in enumerate(zip(streams, futures, strict=True)):
            stream._h[:] = self._states[2, i]
            stream._c[:] = self._states[3, i]
            stream.probability = float(self._out[i])
            if not future.cancelled():
                future.set_result(stream.probability)
