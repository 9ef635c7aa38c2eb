"""Twilio Media Streams on the wire: JSON text frames ⇄ the values in `stream_events`.

Twilio speaks JSON text frames over the `/twilio/media` WebSocket: `connected`, `start`,
`media`, `dtmf`, `mark` and `stop` from Twilio; `media`, `mark` and `clear` from us. Our
server parses what Twilio sends and encodes what it answers; the call simulator plays
Twilio's side with the same functions the other way round, so both ends agree on the
shape by construction.

Shapes follow Twilio's documentation: camelCase keys, `sequenceNumber`, `chunk` and
`timestamp` as decimal strings, `payload` as base64 μ-law (8 kHz, mono). In our values the
numbers are ints and the payload is the decoded bytes.

The hot path is `parse_inbound` of a `media` message (50 a second per call) and
`encode(OutMedia(...))` (10 a second while the receptionist talks: the player sends up to
100 ms a message), so this module uses only `json` and `base64` and checks just what a
malformed message could break.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Callable
from typing import Any

from channels.voice.media import MediaSocket
from channels.voice.stream_events import (
    Caption,
    Clear,
    Connected,
    Dtmf,
    Ended,
    Hearing,
    InboundEvent,
    Mark,
    Media,
    MediaFormat,
    OutboundEvent,
    OutMark,
    OutMedia,
    Start,
    Stop,
)


class StreamProtocolError(ValueError):
    """A Media Streams message that is not what Twilio's protocol says it should be."""


_TRACKS = frozenset({"inbound", "outbound"})
_DIGITS = frozenset("0123456789*#ABCD")


# --- reading ------------------------------------------------------------------------------


def _load(text: str | bytes) -> dict[str, Any]:
    try:
        message = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise StreamProtocolError(f"message is not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise StreamProtocolError("message is not a JSON object")
    return message


def _obj(parent: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise StreamProtocolError(f"{where}: '{key}' is missing or not an object")
    return value


def _str(parent: dict[str, Any], key: str, where: str) -> str:
    value = parent.get(key)
    if not isinstance(value, str) or not value:
        raise StreamProtocolError(f"{where}: '{key}' is missing or not a non-empty string")
    return value


def _int(parent: dict[str, Any], key: str, where: str) -> int:
    """Twilio sends counters as decimal strings; accept a plain integer as well."""
    value = parent.get(key)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise StreamProtocolError(f"{where}: '{key}' is missing or not a non-negative integer")


def _payload(parent: dict[str, Any], where: str) -> bytes:
    value = parent.get("payload")
    if not isinstance(value, str):
        raise StreamProtocolError(f"{where}: 'payload' is missing or not a string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise StreamProtocolError(f"{where}: 'payload' is not valid base64") from None


def _parse_media(message: dict[str, Any]) -> Media:
    media = _obj(message, "media", "media")
    track = media.get("track", "inbound")
    if track not in _TRACKS:
        raise StreamProtocolError(f"media: 'track' must be inbound or outbound, not {track!r}")
    return Media(
        stream_sid=_str(message, "streamSid", "media"),
        payload=_payload(media, "media"),
        track=track,
        chunk=_int(media, "chunk", "media"),
        timestamp=_int(media, "timestamp", "media"),
        sequence_number=_int(message, "sequenceNumber", "media"),
    )


def _parse_start(message: dict[str, Any]) -> Start:
    start = _obj(message, "start", "start")
    fmt = start.get("mediaFormat", {})
    if not isinstance(fmt, dict):
        raise StreamProtocolError("start: 'mediaFormat' is not an object")
    media_format = MediaFormat(
        encoding=fmt.get("encoding", "audio/x-mulaw"),
        sample_rate=_int(fmt, "sampleRate", "start.mediaFormat") if "sampleRate" in fmt else 8000,
        channels=_int(fmt, "channels", "start.mediaFormat") if "channels" in fmt else 1,
    )
    if not isinstance(media_format.encoding, str):
        raise StreamProtocolError("start.mediaFormat: 'encoding' is not a string")
    tracks = start.get("tracks", ["inbound"])
    if not isinstance(tracks, list) or not tracks or any(t not in _TRACKS for t in tracks):
        raise StreamProtocolError("start: 'tracks' must be a list of inbound/outbound")
    params = start.get("customParameters", {})
    if not isinstance(params, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in params.items()
    ):
        raise StreamProtocolError("start: 'customParameters' must map strings to strings")
    stream_sid = _str(message, "streamSid", "start")
    inner_sid = start.get("streamSid", stream_sid)
    if inner_sid != stream_sid:
        raise StreamProtocolError("start: 'streamSid' differs inside and outside 'start'")
    return Start(
        stream_sid=stream_sid,
        call_sid=_str(start, "callSid", "start"),
        account_sid=_str(start, "accountSid", "start"),
        custom_parameters=dict(params),
        media_format=media_format,
        tracks=tuple(tracks),
        sequence_number=_int(message, "sequenceNumber", "start"),
    )


def _parse_dtmf(message: dict[str, Any]) -> Dtmf:
    dtmf = _obj(message, "dtmf", "dtmf")
    digit = _str(dtmf, "digit", "dtmf")
    if digit not in _DIGITS:
        raise StreamProtocolError(f"dtmf: 'digit' must be one of 0-9 * # A-D, not {digit!r}")
    track = dtmf.get("track", "inbound_track")
    if not isinstance(track, str):
        raise StreamProtocolError("dtmf: 'track' is not a string")
    return Dtmf(
        stream_sid=_str(message, "streamSid", "dtmf"),
        digit=digit,
        track=track,
        sequence_number=_int(message, "sequenceNumber", "dtmf"),
    )


def _parse_mark(message: dict[str, Any]) -> Mark:
    return Mark(
        stream_sid=_str(message, "streamSid", "mark"),
        name=_str(_obj(message, "mark", "mark"), "name", "mark"),
        sequence_number=_int(message, "sequenceNumber", "mark"),
    )


def _parse_stop(message: dict[str, Any]) -> Stop:
    stop = _obj(message, "stop", "stop")
    return Stop(
        stream_sid=_str(message, "streamSid", "stop"),
        call_sid=_str(stop, "callSid", "stop"),
        account_sid=_str(stop, "accountSid", "stop"),
        sequence_number=_int(message, "sequenceNumber", "stop"),
    )


def _parse_connected(message: dict[str, Any]) -> Connected:
    return Connected(
        protocol=_str(message, "protocol", "connected"),
        version=_str(message, "version", "connected"),
    )


_INBOUND: dict[str, Callable[[dict[str, Any]], InboundEvent]] = {
    "media": _parse_media,
    "start": _parse_start,
    "dtmf": _parse_dtmf,
    "mark": _parse_mark,
    "stop": _parse_stop,
    "connected": _parse_connected,
}


# A `media` message exactly as Twilio writes it (its keys in its order, no spaces; our
# `encode` and the shared load generator write the same): read with one match instead of a
# JSON parse and six look-ups. Anything else, however valid, takes the full parse below.
# The payload is taken up to its closing quote: the strict base64 decode checks its
# alphabet anyway (in C, where the pattern's own character class cost a third of the match).
_MEDIA = re.compile(
    r'\{"event":"media","sequenceNumber":"([0-9]+)","media":\{"track":"(inbound|outbound)",'
    r'"chunk":"([0-9]+)","timestamp":"([0-9]+)","payload":"([^"]*)"\},'
    r'"streamSid":"([^"\\\x00-\x1f]+)"\}'
)


def _fast_media(text: str) -> Media | None:
    match = _MEDIA.fullmatch(text)
    if match is None:
        return None
    sequence, track, chunk, timestamp, payload, stream_sid = match.groups()
    try:
        audio = binascii.a2b_base64(payload, strict_mode=True)
    except binascii.Error:
        return None  # the full parse says what is wrong with it
    return Media(
        stream_sid=stream_sid,
        payload=audio,
        track=track,
        chunk=int(chunk),
        timestamp=int(timestamp),
        sequence_number=int(sequence),
    )


def parse_inbound(text: str | bytes) -> InboundEvent:
    """One message Twilio sent to our server → its value; `StreamProtocolError` if bad."""
    if isinstance(text, str) and (media := _fast_media(text)) is not None:
        return media
    message = _load(text)
    event = message.get("event")
    parser = _INBOUND.get(event) if isinstance(event, str) else None
    if parser is None:
        raise StreamProtocolError(f"unknown inbound event {event!r}")
    return parser(message)


def parse_outbound(text: str | bytes) -> OutboundEvent:
    """One message our server sent to Twilio → its value (the simulator's side)."""
    message = _load(text)
    event = message.get("event")
    if event == "media":
        return OutMedia(
            stream_sid=_str(message, "streamSid", "media"),
            payload=_payload(_obj(message, "media", "media"), "media"),
        )
    if event == "mark":
        return OutMark(
            stream_sid=_str(message, "streamSid", "mark"),
            name=_str(_obj(message, "mark", "mark"), "name", "mark"),
        )
    if event == "clear":
        return Clear(stream_sid=_str(message, "streamSid", "clear"))
    raise StreamProtocolError(f"unknown outbound event {event!r}")


# --- writing ------------------------------------------------------------------------------

_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.lru_cache(maxsize=1024)
def _sid(stream_sid: str) -> str:
    """A stream's id as a JSON string (a call's frames all carry the same one)."""
    return _dumps(stream_sid)


def encode(event: InboundEvent | OutboundEvent) -> str:
    """A value → the JSON text Twilio's protocol puts on the wire for it."""
    if isinstance(event, OutMedia):  # 10 a second while talking: base64 needs no escaping
        return (
            f'{{"event":"media","streamSid":{_sid(event.stream_sid)},'
            f'"media":{{"payload":"{_b64(event.payload)}"}}}}'
        )
    if isinstance(event, Media):
        return _dumps(
            {
                "event": "media",
                "sequenceNumber": str(event.sequence_number),
                "media": {
                    "track": event.track,
                    "chunk": str(event.chunk),
                    "timestamp": str(event.timestamp),
                    "payload": _b64(event.payload),
                },
                "streamSid": event.stream_sid,
            }
        )
    if isinstance(event, OutMark):
        return _dumps(
            {"event": "mark", "streamSid": event.stream_sid, "mark": {"name": event.name}}
        )
    if isinstance(event, Clear):
        return _dumps({"event": "clear", "streamSid": event.stream_sid})
    if isinstance(event, Connected):
        return _dumps({"event": "connected", "protocol": event.protocol, "version": event.version})
    if isinstance(event, Start):
        fmt = event.media_format
        return _dumps(
            {
                "event": "start",
                "sequenceNumber": str(event.sequence_number),
                "start": {
                    "accountSid": event.account_sid,
                    "streamSid": event.stream_sid,
                    "callSid": event.call_sid,
                    "tracks": list(event.tracks),
                    "mediaFormat": {
                        "encoding": fmt.encoding,
                        "sampleRate": fmt.sample_rate,
                        "channels": fmt.channels,
                    },
                    "customParameters": dict(event.custom_parameters),
                },
                "streamSid": event.stream_sid,
            }
        )
    if isinstance(event, Dtmf):
        return _dumps(
            {
                "event": "dtmf",
                "streamSid": event.stream_sid,
                "sequenceNumber": str(event.sequence_number),
                "dtmf": {"track": event.track, "digit": event.digit},
            }
        )
    if isinstance(event, Mark):
        return _dumps(
            {
                "event": "mark",
                "sequenceNumber": str(event.sequence_number),
                "streamSid": event.stream_sid,
                "mark": {"name": event.name},
            }
        )
    if isinstance(event, Stop):
        return _dumps(
            {
                "event": "stop",
                "sequenceNumber": str(event.sequence_number),
                "streamSid": event.stream_sid,
                "stop": {"accountSid": event.account_sid, "callSid": event.call_sid},
            }
        )
    raise TypeError(f"not a Media Streams event: {type(event).__name__}")


def encode_outbound(event: OutboundEvent) -> str | None:
    """What we send Twilio for `event`; None for what only a kiosk shows (captions, that
    it hears the visitor, why it ended)."""
    return None if isinstance(event, Caption | Hearing | Ended) else encode(event)


# --- the phone's transport ----------------------------------------------------------------


class TwilioTransport:
    """A Media Streams socket as a call's `LineTransport`: the JSON above, no captions."""

    def __init__(self, socket: MediaSocket) -> None:
        self.socket = socket

    async def receive(self) -> InboundEvent:
        return parse_inbound(await self.socket.receive_text())

    def encode(self, event: OutboundEvent) -> str | None:
        return encode_outbound(event)

    async def send(self, data: str | bytes) -> None:
        await self.socket.send_text(data if isinstance(data, str) else data.decode())

    async def close(self) -> None:
        await self.socket.close()
