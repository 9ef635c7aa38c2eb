"""What a phone call consumes, and what every call of the process shares.

- `CallControl`: the telephony provider's side of a call, outside the media stream
  (transfer, hang up, record); Twilio's REST API is `control.TwilioCallControl`.
- `ConversationAgent`: the agent as a call's conversation uses it; core's `Agent` is one.
- `CallSettings` and `CallDeps`: the settings and providers every call is handed.
- `Line`: what kind of line a call is on — the phone, or a lobby kiosk's microphone — for
  the few things the conversation does differently there (a keypad, hanging up).
- `LineClosed`: the socket is gone; whatever was being said or done stops there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.voice.player import DEFAULT_LEAD
from channels.voice.stt.base import SpeechToText
from channels.voice.tts.base import SpeechSynth
from channels.voice.turns import TurnConfig
from core.agent import Agent
from core.messages import KIOSK_STYLE, VOICE_STYLE, ChannelStyle, Inbound, Language, ReplyEvent


class CallControl(Protocol):
    """What a call needs from the telephony provider's REST API (Twilio's)."""

    async def transfer(
        self, call_sid: str, *, to: str, summary: str, language: Language
    ) -> None: ...

    async def hangup(self, call_sid: str) -> None: ...

    async def start_recording(self, call_sid: str) -> Any: ...


class ConversationAgent(Protocol):
    """The agent's turns and the session bookkeeping a spoken conversation adds to them."""

    def turn(self, inbound: Inbound, style: ChannelStyle) -> AsyncIterator[ReplyEvent]: ...

    async def set_language(self, session_id: str, language: Language) -> None: ...

    async def cut_short(self, session_id: str, heard: str) -> None:
        """Keep in the conversation only the part of the last reply the caller heard."""

    async def handover_summary(self, session_id: str, reason: str) -> str:
        """What the person taking over is told, so nobody asks the caller twice."""

    async def call_front_desk(
        self, session_id: str, reason: str, *, kiosk: str | None = None
    ) -> None:
        """Tell the front desk (the notifier) that a visitor at `kiosk` needs a person."""


@dataclass(frozen=True)
class CallSettings:
    record_calls: bool = False
    silence_seconds: float = 8.0
    default_language: Language = "en"
    turns: TurnConfig = field(default_factory=TurnConfig)
    lead: float = DEFAULT_LEAD  # seconds of audio sent ahead of playback


@dataclass(frozen=True)
class Line:
    """What kind of line a call is on. The phone's defaults; a kiosk has no keypad, greets
    a visitor standing in the lobby, and stays open after the check-in, so that the host's
    answer can still be said and shown, until the visitor leaves or the lobby is quiet.

    A hand-over puts a caller through to the front desk's number; a kiosk's visitor cannot
    be put through: the front desk is told (the notifier, as for the web chat) to come to
    the kiosk, the visitor is told so in the kiosk's wording (`style`), and the kiosk's
    conversation ends as handed over."""

    name: str = "phone"
    telephony: bool = True  # the provider's call control (transfer, hang up, record) applies
    style: ChannelStyle = VOICE_STYLE  # how the replies are worded (core/replies variants)
    silence_hands_over: bool = True  # a silent line goes to the front desk (else goodbye)
    keypad: bool = True  # the greeting offers languages by key
    hang_up_when_done: bool = True  # a finished conversation ends the call
    greeting: str = "voice_greeting"  # reply keys (core/replies)
    reprompt: str = "voice_reprompt"
    silence_goodbye: str = "voice_silence_goodbye"
    linger_silences: int = 0  # after the conversation is done: silences before it ends


PHONE = Line()
KIOSK = Line(
    name="kiosk",
    telephony=False,
    style=KIOSK_STYLE,
    silence_hands_over=False,  # an empty lobby needs nobody
    keypad=False,
    hang_up_when_done=False,
    greeting="kiosk_greeting",
    reprompt="kiosk_reprompt",
    silence_goodbye="kiosk_silence_goodbye",
    linger_silences=6,
)


@dataclass
class CallDeps:
    """What every call of the process shares."""

    agent: Agent
    stt: SpeechToText
    voices: Mapping[Language, SpeechSynth]
    control: CallControl | None = None
    settings: CallSettings = field(default_factory=CallSettings)
    ready: Callable[[], Awaitable[Any]] | None = None  # models loaded (before a first turn)


class LineClosed(Exception):
    """The socket is gone (the caller hung up, or we ended the call)."""
