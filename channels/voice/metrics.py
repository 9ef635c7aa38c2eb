"""Per-call timings, for the benches and the logs (times are `time.monotonic()` seconds).

- a turn: when the end of the caller's turn was decided, and when the first frame of the
  answer went out (the server's own latency; the caller adds the network and Twilio);
- a barge-in: the caller's first voiced frame of the interrupting utterance, and when
  `clear` was sent;
- frame lag: how late each incoming frame was handled compared with when it was due by its
  Media Streams timestamp (the earliest frame sets the clock), as max and count over 100 ms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LATE = 0.1  # a frame handled later than this after it was due is late


@dataclass
class TurnTiming:
    end_of_turn: float
    first_media: float | None = None

    @property
    def latency(self) -> float | None:
        return None if self.first_media is None else self.first_media - self.end_of_turn


@dataclass
class BargeInTiming:
    first_speech: float
    cleared: float

    @property
    def latency(self) -> float:
        return self.cleared - self.first_speech


@dataclass
class CallMetrics:
    call_sid: str = ""
    turns: list[TurnTiming] = field(default_factory=list)
    barge_ins: list[BargeInTiming] = field(default_factory=list)
    frames: int = 0
    max_lag: float = 0.0
    late_frames: int = 0
    _offset: float | None = None  # arrival time minus media timestamp, at its smallest

    def frame(self, arrived: float, timestamp_ms: int, handled: float) -> None:
        """One incoming frame: due at its timestamp on the call's clock, handled at `handled`."""
        self.frames += 1
        offset = arrived - timestamp_ms / 1000
        if self._offset is None or offset < self._offset:
            self._offset = offset
        lag = handled - (self._offset + timestamp_ms / 1000)
        if lag > self.max_lag:
            self.max_lag = lag
        if lag > LATE:
            self.late_frames += 1

    def end_of_turn(self, at: float) -> None:
        self.turns.append(TurnTiming(at))

    def first_media(self, at: float) -> None:
        """A frame went out on a quiet line: the answer to the last turn, if it has none."""
        if self.turns and self.turns[-1].first_media is None:
            self.turns[-1].first_media = at

    def barge_in(self, first_speech: float, cleared: float) -> None:
        self.barge_ins.append(BargeInTiming(first_speech, cleared))

    def turn_latencies(self) -> list[float]:
        return [t.latency for t in self.turns if t.latency is not None]

    def barge_in_latencies(self) -> list[float]:
        return [b.latency for b in self.barge_ins]
