"""What the caller does, step by step: the script a simulated call plays."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    """Speak a line. By default the caller waits until the receptionist has finished.

    `barge_in_ms`: start this many ms after the receptionist starts answering the previous
    line, over their voice, instead of waiting. `hangup_after`: hang up this many seconds
    into the line (mid-sentence). A " … " in `text` is a pause of `pause_ms` in the middle
    of the line (a caller thinking of a name): one utterance, with a gap."""

    text: str
    barge_in_ms: int | None = None
    hangup_after: float | None = None
    pause_ms: int = 400

    @property
    def parts(self) -> list[str]:
        """The stretches of speech between pauses."""
        return [part.strip() for part in self.text.split(" … ") if part.strip()]


@dataclass(frozen=True)
class Press:
    """Press a key (a DTMF digit), once the receptionist is quiet."""

    digit: str


@dataclass(frozen=True)
class Pause:
    """Stay silent this long (the line carries silence frames meanwhile)."""

    seconds: float


@dataclass(frozen=True)
class HangUp:
    """Hang up: once the receptionist is quiet, or `after_answer_ms` after they start
    answering the step before (mid-sentence)."""

    after_answer_ms: int | None = None


@dataclass(frozen=True)
class Check:
    """Run `action` at this point of the call (the tests look at the server mid-call)."""

    action: Callable[[], Awaitable[None]]


Step = Say | Press | Pause | HangUp | Check


def cuts_in(step: Step | None) -> bool:
    """Does this step start while the receptionist is still answering the one before?"""
    match step:
        case Say(barge_in_ms=delay) | HangUp(after_answer_ms=delay):
            return delay is not None
    return False


def said(step: Step) -> str:
    """The step as the report shows it."""
    match step:
        case Say(text=text):
            return text
        case Press(digit=digit):
            return f"[pressed {digit}]"
        case Pause(seconds=seconds):
            return f"[silent for {seconds:g} s]"
    return ""
