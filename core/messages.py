"""The vocabulary every channel speaks with the agent.

A channel turns what arrives into an `Inbound`, hands it to the agent, and renders the
stream of `ReplyEvent`s back into its own medium. Nothing channel-specific crosses this
line except through `ChannelStyle`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Language = Literal["en", "et", "ru"]
LANGUAGES: tuple[Language, ...] = ("en", "et", "ru")


def as_language(value: str | None, default: Language = "en") -> Language:
    """A stored or submitted code as a Language, or the default when it is not one."""
    match value:
        case "en" | "et" | "ru":
            return value
    return default


Channel = Literal["web", "sms", "voice"]
CHANNELS: tuple[Channel, ...] = ("web", "sms", "voice")


@dataclass(frozen=True, slots=True)
class ChannelStyle:
    """How a channel wants its replies: the agent picks the written or spoken form.

    `variant` names the catalogue's own wording for this channel where it has one
    (`checked_in.sms` for `checked_in`): a text message pays per segment, so SMS has
    shorter phrasings of the long sentences. `push` names the notifier that carries a
    message sent later (the host's answer) to a visitor on this channel, for channels with
    no open stream to the visitor; web chat and voice read the session's events instead.
    """

    spoken: bool = False
    max_chars: int | None = None
    variant: str | None = None
    push: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """As a session remembers it (JSON), for what is sent to the visitor later. (Its
        fields are plain values: no deep copy, which `asdict` makes every turn.)"""
        return {name: getattr(self, name) for name in _STYLE_FIELDS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChannelStyle:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


_STYLE_FIELDS = tuple(f.name for f in fields(ChannelStyle))

# Each channel's style, defined once: the adapters pass theirs in with every turn, and
# `frontdesk chat` borrows the one of the channel it imitates.
WEB_STYLE = ChannelStyle()
SMS_STYLE = ChannelStyle(max_chars=320, variant="sms", push="sms")
VOICE_STYLE = ChannelStyle(spoken=True)
# A lobby kiosk is the voice channel on a tablet: spoken, with its own wording where a
# phone's would be untrue (nobody is "put through" to a desk they are standing at).
KIOSK_STYLE = ChannelStyle(spoken=True, variant="kiosk")
STYLES: dict[Channel, ChannelStyle] = {"web": WEB_STYLE, "sms": SMS_STYLE, "voice": VOICE_STYLE}


@dataclass(frozen=True, slots=True)
class Inbound:
    """One normalized message from a visitor, whatever channel it came through."""

    text: str
    channel: Channel
    session_key: str
    language: Language | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    # How the adapter keys its conversations. True: `session_key` is the id of a session it
    # opened before (`Agent.open_session`; the web chat's client holds the id), so an
    # unknown id is an error, never a new conversation. False: the key is the visitor's
    # address on the channel (a phone number, a call), and the conversation under it is
    # found again, or started when there is none or it went quiet.
    session_opened: bool = False


@dataclass(frozen=True, slots=True)
class Reply:
    """The contract's reply object."""

    reply: str
    language: Language
    state: str
    expecting: str | None
    done: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "reply": self.reply,
            "language": self.language,
            "state": self.state,
            "expecting": self.expecting,
            "done": self.done,
        }


# --- reply events -----------------------------------------------------------------------
# A turn yields zero or more Filler events (the agent is about to do something slow),
# then one Sentence per sentence of the reply, then exactly one Final. A barge-in drops
# everything not yet delivered; Final always survives because it carries the state.


@dataclass(frozen=True, slots=True)
class Filler:
    """Something to say while a slow tool runs ("One moment…"). Optional to render."""

    text: str
    language: Language


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the reply, already in the channel's style."""

    text: str
    language: Language


@dataclass(frozen=True, slots=True)
class Final:
    """The end of the turn: the whole reply object, after the turn was committed."""

    reply: Reply


ReplyEvent = Filler | Sentence | Final


async def final_reply(
    events: AsyncIterator[ReplyEvent], first: ReplyEvent | None = None
) -> Reply | None:
    """A turn's reply (its Final; `first`, an event already taken from `events`), None if it
    had none. The events are read to the end, which has come once Final is there: a turn's
    generator left suspended is closed later by the event loop, in a task of its own, woken
    with a thread-safe call (a system call), after every turn."""
    final = first.reply if isinstance(first, Final) else None
    async for event in events:
        if final is None and isinstance(event, Final):
            final = event.reply
    return final
