"""What a call's media loop hands its conversation, one job at a time.

The reader and the recogniser (`call.Call`) produce them as the line brings them; the
`Conversation` handles them in order, so a reply is never spoken over another.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.voice.stt.base import Transcript
from channels.voice.turns import TurnEvent
from core.messages import Language


@dataclass(frozen=True)
class Utterance:
    """The caller finished a turn: what the recogniser heard, and the turn-taker's call."""

    transcript: Transcript
    event: TurnEvent


@dataclass(frozen=True)
class Keypad:
    """A key the conversation acts on (`conversation.heeds`)."""

    digit: str


@dataclass(frozen=True)
class PersonAsked:
    """The visitor asked for a person without words (a kiosk's *Call a person* button);
    `reason` is the hand-over's, as the front desk and the metrics see it."""

    reason: str


@dataclass(frozen=True)
class Silence:
    """Nobody has spoken, or been about to, for the call's `silence_seconds`."""


@dataclass(frozen=True)
class Trouble:
    """A provider failed outside a turn (opening the call, the recogniser)."""

    error: BaseException


@dataclass(frozen=True)
class Announcement:
    """A message sent to the caller later (the host's answer), spoken between turns."""

    text: str
    language: Language


Job = Utterance | Keypad | PersonAsked | Silence | Trouble | Announcement
