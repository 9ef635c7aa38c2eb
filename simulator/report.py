"""What a simulated call measured, per turn and overall, and how it is printed."""

from __future__ import annotations

import sys
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from channels.voice.codec import FRAME_BYTES, FRAME_MS, SAMPLE_RATE, SILENCE_BYTE, ulaw_to_pcm16
from simulator.script import Press, Say, Step, said

FRAME_SECONDS = FRAME_MS / 1000


@dataclass
class Turn:
    """One step of the script and what the simulator measured around it (times are the
    event loop's clock, seconds)."""

    step: Step
    speech_started_at: float | None = None  # first voiced frame sent
    speech_ended_at: float | None = None  # last voiced frame sent
    first_audio_at: float | None = None  # first media frame back after the speech ended
    clear_at: float | None = None  # a `clear` received while or after speaking
    talked_over: bool = False  # the receptionist was still talking when the line ended
    heard_frames: int = 0  # frames of the receptionist's voice played after this step

    @property
    def said(self) -> str:
        return said(self.step)

    @property
    def latency_ms(self) -> float | None:
        """End of the caller's speech → the first audio frame back."""
        if self.speech_ended_at is None or self.first_audio_at is None:
            return None
        return (self.first_audio_at - self.speech_ended_at) * 1000

    @property
    def clear_ms(self) -> float | None:
        """A barge-in: the caller's first speech frame → the server's `clear`."""
        if self.speech_started_at is None or self.clear_at is None:
            return None
        return (self.clear_at - self.speech_started_at) * 1000


@dataclass
class CallReport:
    call_sid: str
    stream_sid: str
    turns: list[Turn] = field(default_factory=list)
    greeting_ms: float | None = None  # `start` sent → the first audio frame back
    # "caller" (the script hung up), "server" (it closed the stream), "twilio" (the call was
    # redirected or completed through the REST API, so Twilio ended the stream)
    ended_by: str = "caller"
    marks_echoed: list[str] = field(default_factory=list)
    clears: int = 0
    heard: bytearray = field(default_factory=bytearray)  # μ-law as played, in real time
    late_frames: int = 0  # inbound frames sent more than a frame late (the sender lagged)
    # What happened when (seconds since `start`): speech, answers, marks, clears, the end.
    events: list[tuple[float, str]] = field(default_factory=list)

    @property
    def heard_seconds(self) -> float:
        voiced = sum(1 for i in range(0, len(self.heard), FRAME_BYTES) if self._voiced(i))
        return voiced * FRAME_SECONDS

    def _voiced(self, offset: int) -> bool:
        return bool(self.heard[offset : offset + FRAME_BYTES].strip(bytes([SILENCE_BYTE])))

    def latencies_ms(self) -> list[float]:
        return [t.latency_ms for t in self.turns if t.latency_ms is not None]

    def write_wav(self, path: Path) -> None:
        """What the caller heard, as 16-bit PCM at 8 kHz."""
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(ulaw_to_pcm16(bytes(self.heard)).astype("<i2").tobytes())


def print_report(report: CallReport, out: TextIO | None = None) -> None:
    """A line per turn (what was said, how soon the answer came), then a summary."""
    out = out or sys.stdout
    if report.greeting_ms is None:
        print("  (the receptionist said nothing)", file=out)
    else:
        print(f"  greeting after {report.greeting_ms:.0f} ms", file=out)
    for n, turn in enumerate(report.turns, 1):
        parts = [f"{n}. {turn.said}"]
        if turn.clear_ms is not None:
            parts.append(f"cut in: clear after {turn.clear_ms:.0f} ms")
        if turn.latency_ms is not None:
            parts.append(f"answer after {turn.latency_ms:.0f} ms")
        elif turn.talked_over:
            parts.append("said over the receptionist (no interruption)")
        elif isinstance(turn.step, Say | Press):
            parts.append("no answer")
        parts.append(f"heard {turn.heard_frames * FRAME_SECONDS:.1f} s")
        print("  " + " — ".join(parts), file=out)
    latencies = sorted(report.latencies_ms())
    summary = f"  {len(report.turns)} turns"
    if latencies:
        summary += (
            f"; answer latency median {latencies[len(latencies) // 2]:.0f} ms, "
            f"worst {latencies[-1]:.0f} ms"
        )
    summary += f"; {report.clears} clears, {len(report.marks_echoed)} marks echoed"
    summary += {
        "caller": "; the caller hung up",
        "server": "; the server closed the stream",
        "twilio": "; the server ended the call through Twilio",
    }.get(report.ended_by, "")
    print(summary, file=out)
