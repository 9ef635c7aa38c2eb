"""Twilio Media Streams messages as plain values, both directions: the call's vocabulary.

`connected`, `start`, `media`, `dtmf`, `mark` and `stop` come from Twilio; `media`, `mark`
and `clear` go back. Numbers are ints and payloads decoded μ-law bytes (8 kHz, mono);
turning them into the JSON on the wire and back is `twilio_stream`'s job.

A lobby kiosk's line (`kiosk_stream`) speaks the same vocabulary, converted at its edge,
and adds what a phone has not: `Typed` (the visitor typed instead of speaking) and
`PersonWanted` (the visitor tapped *Call a person*, where a caller presses 0) coming in;
`Caption` (what is said, shown as text), `Hearing` (the visitor is speaking) and `Ended`
(why the conversation ended) going out. A phone's transport leaves those three out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- what Twilio sends --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaFormat:
    encoding: str = "audio/x-mulaw"
    sample_rate: int = 8000
    channels: int = 1


@dataclass(frozen=True, slots=True)
class Connected:
    protocol: str = "Call"
    version: str = "1.0.0"


@dataclass(frozen=True, slots=True)
class Start:
    stream_sid: str
    call_sid: str
    account_sid: str
    custom_parameters: dict[str, str] = field(default_factory=dict)
    media_format: MediaFormat = MediaFormat()
    tracks: tuple[str, ...] = ("inbound",)
    sequence_number: int = 1


@dataclass(frozen=True, slots=True)
class Media:
    stream_sid: str
    payload: bytes
    track: str = "inbound"
    chunk: int = 1
    timestamp: int = 0
    sequence_number: int = 1


@dataclass(frozen=True, slots=True)
class Dtmf:
    stream_sid: str
    digit: str
    track: str = "inbound_track"
    sequence_number: int = 1


@dataclass(frozen=True, slots=True)
class Mark:
    stream_sid: str
    name: str
    sequence_number: int = 1


@dataclass(frozen=True, slots=True)
class Stop:
    stream_sid: str
    call_sid: str
    account_sid: str
    sequence_number: int = 1


@dataclass(frozen=True, slots=True)
class Typed:
    """A kiosk visitor typed this instead of saying it: a turn of its own."""

    stream_sid: str
    text: str


@dataclass(frozen=True, slots=True)
class PersonWanted:
    """A kiosk visitor tapped *Call a person*: a hand-over to the front desk, as a caller's
    0 is (and not a digit, even while a booking code is being typed)."""

    stream_sid: str


# --- what we send -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutMedia:
    stream_sid: str
    payload: bytes


@dataclass(frozen=True, slots=True)
class OutMark:
    stream_sid: str
    name: str


@dataclass(frozen=True, slots=True)
class Clear:
    stream_sid: str


@dataclass(frozen=True, slots=True)
class Caption:
    """Words to show while they are said: the receptionist's sentence before its audio (and
    its mark), or what the visitor was heard saying."""

    stream_sid: str
    text: str
    role: str = "receptionist"  # or "visitor"
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Hearing:
    """The visitor started (`active`) or stopped speaking, as the turn-taking heard it: a
    kiosk shows that it hears them."""

    stream_sid: str
    active: bool


@dataclass(frozen=True, slots=True)
class Ended:
    """The conversation is over, and why (`Call.ended_by`: "us", "transferred"): a kiosk
    shows a visitor handed over that help is coming before it starts over."""

    stream_sid: str
    by: str


InboundEvent = Connected | Start | Media | Dtmf | Mark | Stop | Typed | PersonWanted
OutboundEvent = OutMedia | OutMark | Clear | Caption | Hearing | Ended
