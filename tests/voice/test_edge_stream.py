"""The Media Streams codec against messages in the shape Twilio documents them."""

from __future__ import annotations

import base64
import json
import time

import pytest

from channels.voice.codec import FRAME_BYTES, ulaw_to_pcm16
from channels.voice.stream_events import (
    Clear,
    Connected,
    Dtmf,
    Mark,
    Media,
    MediaFormat,
    OutMark,
    OutMedia,
    Start,
    Stop,
)
from channels.voice.twilio_stream import StreamProtocolError, encode, parse_inbound, parse_outbound

STREAM = "MZ18ad3ab5a668481ce02b83e7395059f0"
CALL = "CA6d5a3b2c1e0f4a5b6c7d8e9f0a1b2c3d"
ACCOUNT = "AC25e16e9a716a4a1786a7c83f58e30482"

# 20 ms of a 440 Hz tone as Twilio sends it: 160 μ-law bytes, base64.
FRAME_B64 = (
    "/7mrpKCgpKq36DssJSAgIyo2XL2tpaGgo6m01D8tJiEgIigyTsKupqGgoqiwykYvJyIgIicvRsqwqKKgoaauwk4y"
    "KCIgISYtP9S0qaOgoaWtvVw2KiMgICUsO+i3qqSgoKSruf85KyQgICQqN2i7rKWgoKOqttw9LSUhICMpNFS/raah"
    "oKKoss5CLiYhICIoMErGr6eioKKnr8ZKMCgiIA=="
)

CONNECTED = '{"event": "connected", "protocol": "Call", "version": "1.0.0"}'
START = json.dumps(
    {
        "event": "start",
        "sequenceNumber": "1",
        "start": {
            "accountSid": ACCOUNT,
            "streamSid": STREAM,
            "callSid": CALL,
            "tracks": ["inbound"],
            "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
            "customParameters": {"from": "+3725551234", "call_sid": CALL},
        },
        "streamSid": STREAM,
    }
)
MEDIA = json.dumps(
    {
        "event": "media",
        "sequenceNumber": "3",
        "media": {"track": "inbound", "chunk": "1", "timestamp": "5", "payload": FRAME_B64},
        "streamSid": STREAM,
    }
)
DTMF = json.dumps(
    {
        "event": "dtmf",
        "streamSid": STREAM,
        "sequenceNumber": "5",
        "dtmf": {"track": "inbound_track", "digit": "1"},
    }
)
MARK = json.dumps(
    {"event": "mark", "sequenceNumber": "4", "streamSid": STREAM, "mark": {"name": "reply-1"}}
)
STOP = json.dumps(
    {
        "event": "stop",
        "sequenceNumber": "5",
        "streamSid": STREAM,
        "stop": {"accountSid": ACCOUNT, "callSid": CALL},
    }
)
OUT_MEDIA = json.dumps({"event": "media", "streamSid": STREAM, "media": {"payload": FRAME_B64}})
OUT_MARK = json.dumps({"event": "mark", "streamSid": STREAM, "mark": {"name": "reply-1"}})
CLEAR = json.dumps({"event": "clear", "streamSid": STREAM})


def test_connected() -> None:
    assert parse_inbound(CONNECTED) == Connected(protocol="Call", version="1.0.0")


def test_start() -> None:
    start = parse_inbound(START)
    assert start == Start(
        stream_sid=STREAM,
        call_sid=CALL,
        account_sid=ACCOUNT,
        custom_parameters={"from": "+3725551234", "call_sid": CALL},
        media_format=MediaFormat(encoding="audio/x-mulaw", sample_rate=8000, channels=1),
        tracks=("inbound",),
        sequence_number=1,
    )


def test_media_carries_a_real_frame() -> None:
    media = parse_inbound(MEDIA)
    assert isinstance(media, Media)
    assert (media.stream_sid, media.track, media.chunk, media.timestamp) == (
        STREAM,
        "inbound",
        1,
        5,
    )
    assert media.sequence_number == 3
    assert len(media.payload) == FRAME_BYTES
    samples = ulaw_to_pcm16(media.payload)
    assert 7000 < int(abs(samples).max()) < 9000  # the tone's amplitude survives


def test_dtmf_mark_stop() -> None:
    assert parse_inbound(DTMF) == Dtmf(STREAM, "1", "inbound_track", 5)
    assert parse_inbound(MARK) == Mark(STREAM, "reply-1", 4)
    assert parse_inbound(STOP) == Stop(STREAM, CALL, ACCOUNT, 5)


def test_outbound_messages() -> None:
    media = parse_outbound(OUT_MEDIA)
    assert media == OutMedia(STREAM, base64.b64decode(FRAME_B64))
    assert parse_outbound(OUT_MARK) == OutMark(STREAM, "reply-1")
    assert parse_outbound(CLEAR) == Clear(STREAM)


@pytest.mark.parametrize("text", [CONNECTED, START, MEDIA, DTMF, MARK, STOP])
def test_inbound_encodes_to_the_documented_json(text: str) -> None:
    event = parse_inbound(text)
    assert json.loads(encode(event)) == json.loads(text)
    assert parse_inbound(encode(event)) == event


@pytest.mark.parametrize("text", [OUT_MEDIA, OUT_MARK, CLEAR])
def test_outbound_encodes_to_the_documented_json(text: str) -> None:
    event = parse_outbound(text)
    assert json.loads(encode(event)) == json.loads(text)
    assert parse_outbound(encode(event)) == event


def test_counters_are_strings_on_the_wire() -> None:
    wire = json.loads(
        encode(Media(STREAM, b"\xff" * 160, chunk=7, timestamp=140, sequence_number=9))
    )
    assert wire["sequenceNumber"] == "9"
    assert wire["media"]["chunk"] == "7"
    assert wire["media"]["timestamp"] == "140"


def test_defaults_build_a_valid_start() -> None:
    start = Start(STREAM, CALL, ACCOUNT)
    wire = json.loads(encode(start))
    assert wire["start"]["mediaFormat"] == {
        "encoding": "audio/x-mulaw",
        "sampleRate": 8000,
        "channels": 1,
    }
    assert wire["start"]["tracks"] == ["inbound"]
    assert parse_inbound(encode(start)) == start


def test_unicode_names_survive() -> None:
    start = Start(STREAM, CALL, ACCOUNT, custom_parameters={"name": "Михаил Õun"})
    assert parse_inbound(encode(start)) == start


def _with(text: str, path: tuple[str, ...], value: object) -> str:
    message = json.loads(text)
    target = message
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(message)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"event": "hello"}', "unknown inbound event 'hello'"),
        ('{"protocol": "Call"}', "unknown inbound event None"),
        (_with(MEDIA, ("streamSid",), ...), "'streamSid'"),
        (_with(MEDIA, ("media", "payload"), "%%%not base64"), "'payload' is not valid base64"),
        (_with(MEDIA, ("media", "payload"), 12), "'payload' is missing"),
        (_with(MEDIA, ("media", "chunk"), "one"), "'chunk'"),
        (_with(MEDIA, ("media", "timestamp"), -5), "'timestamp'"),
        (_with(MEDIA, ("media", "track"), "sideways"), "'track'"),
        (_with(MEDIA, ("sequenceNumber",), ...), "'sequenceNumber'"),
        (_with(MEDIA, ("media",), "x"), "'media' is missing or not an object"),
        (_with(START, ("start", "callSid"), ...), "'callSid'"),
        (_with(START, ("start", "tracks"), "inbound"), "'tracks'"),
        (_with(START, ("start", "customParameters"), {"a": 1}), "'customParameters'"),
        (_with(START, ("start", "streamSid"), "MZother"), "differs"),
        (_with(DTMF, ("dtmf", "digit"), "x"), "'digit'"),
        (_with(MARK, ("mark", "name"), ""), "'name'"),
        (_with(STOP, ("stop",), ...), "'stop'"),
    ],
)
def test_bad_inbound_names_the_problem(text: str, problem: str) -> None:
    with pytest.raises(StreamProtocolError, match=problem.replace("(", r"\(")) as info:
        parse_inbound(text)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (START, "unknown outbound event 'start'"),
        ('{"event": "clear"}', "'streamSid'"),
        (_with(OUT_MEDIA, ("media", "payload"), "@@"), "base64"),
        (_with(OUT_MARK, ("mark",), {}), "'name'"),
    ],
)
def test_bad_outbound_names_the_problem(text: str, problem: str) -> None:
    with pytest.raises(StreamProtocolError, match=problem):
        parse_outbound(text)


def test_encode_rejects_other_objects() -> None:
    with pytest.raises(TypeError):
        encode(object())  # type: ignore[arg-type]


def test_hot_path_is_cheap() -> None:
    """100 calls × 50 frames/s: parsing media and encoding replies must take a few % of a core."""
    frame = base64.b64decode(FRAME_B64)
    out = OutMedia(STREAM, frame)
    n = 5000  # one second of 100 calls
    began = time.perf_counter()
    for _ in range(n):
        parse_inbound(MEDIA)
        encode(out)
    elapsed = time.perf_counter() - began
    assert elapsed < 0.5, f"{n} media parse+encode took {elapsed:.3f}s"


def _full_parse(text: str) -> object:
    """What the JSON parse makes of `text` (the fast path's reference)."""
    from channels.voice import twilio_stream

    message = twilio_stream._load(text)
    return twilio_stream._INBOUND[message["event"]](message)


def _media(sid: str = STREAM, payload: str = FRAME_B64, track: str = "inbound") -> str:
    quoted = json.dumps(sid, ensure_ascii=False)
    return (
        f'{{"event":"media","sequenceNumber":"4","media":{{"track":"{track}","chunk":"3",'
        f'"timestamp":"40","payload":"{payload}"}},"streamSid":{quoted}}}'
    )


@pytest.mark.parametrize(
    "text",
    [
        _media(),
        _media(track="outbound"),
        _media(payload=""),
        _media(sid="MZ ünïcode «x»"),
        encode(Media(STREAM, bytes(range(256)), chunk=7, timestamp=140, sequence_number=8)),
    ],
)
def test_media_in_twilio_shape_reads_as_the_json_parse_does(text: str) -> None:
    """A `media` message in Twilio's exact shape skips the JSON parse: same value."""
    assert parse_inbound(text) == _full_parse(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (_media(payload="not base64!"), "payload"),
        (_media(payload="QUJD="), "payload"),  # bad padding: strict, as the full parse
        (_media(payload="QU\\/D"), None),  # an escaped slash: JSON says it is base64
        (_media(payload='QU\\"D'), "payload"),  # an escaped quote: not base64
        (_media(payload="QUJD\\u0041"), None),  # an escaped letter: JSON reads "QUJDA"…
        (_media(sid='MZ\\"quoted'), None),  # an escape in the id: the full parse reads it
        (_media(track="both"), "track"),
        (_media().replace('"4"', '"٤"'), None),  # a digit that is not 0-9: the full parse decides
    ],
)
def test_media_off_the_fast_path_is_judged_by_the_json_parse(
    text: str, problem: str | None
) -> None:
    try:
        expected: object = _full_parse(text)
    except StreamProtocolError as exc:
        expected = exc
    if isinstance(expected, StreamProtocolError):
        with pytest.raises(StreamProtocolError, match=problem):
            parse_inbound(text)
    else:
        assert parse_inbound(text) == expected
