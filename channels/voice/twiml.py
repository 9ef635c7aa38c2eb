"""The TwiML documents the phone line answers Twilio with, built with the `twilio` SDK.

- `connect_stream`: an incoming call is connected to our `/twilio/media` WebSocket
  (a bidirectional Media Stream), with the caller's number and the call's SID as custom
  parameters, so the call handler learns them from the stream's `start` message.
- `dial`: a live call is handed to a person; whoever answers first hears a one-line
  summary (the whisper URL), so nobody asks the caller twice.
- `say`: the whisper itself, and the message of a call the office places.
- `line_unavailable`: what a caller hears when the voice channel is not running.

The sentences come from the reply catalogue (`core/replies/calls.py`). The SDK (the
`twilio` extra) is imported when a document is built: only for a request whose signature
checked out, which needs Twilio's credentials, and with them the extra.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.messages import VOICE_STYLE, Language
from core.replies import Say, render

# The language Twilio's <Say> speaks in, per our language code.
SAY_LANGUAGE: dict[Language, str] = {"en": "en-US", "et": "et-EE", "ru": "ru-RU"}
MAX_SUMMARY_CHARS = 300


def one_line(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Collapse whitespace (a summary is spoken in one breath) and cap the length."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def spoken(key: str, language: Language, **params: object) -> str:
    return render(Say(key, params), language, VOICE_STYLE)


def connect_stream(stream_url: str, parameters: Mapping[str, str]) -> str:
    from twilio.twiml.voice_response import Connect, VoiceResponse

    response = VoiceResponse()
    connect = Connect()
    stream = connect.stream(url=stream_url)
    for name, value in parameters.items():
        stream.parameter(name=name, value=value)
    response.append(connect)
    return str(response)


def dial(
    to: str, *, caller_id: str | None, whisper_url: str | None, action_url: str | None = None
) -> str:
    """`<Dial callerId action><Number url=whisper>to</Number></Dial>`: the caller is put
    through; whoever answers first hears the whisper; `action` learns how the dial ended."""
    from twilio.twiml.voice_response import Dial, VoiceResponse

    response = VoiceResponse()
    attributes: dict[str, str] = {}
    if caller_id:
        attributes["caller_id"] = caller_id
    if action_url:
        attributes["action"] = action_url
        attributes["method"] = "POST"
    dial_verb = Dial(**attributes)
    if whisper_url:
        dial_verb.number(to, url=whisper_url, method="POST")
    else:
        dial_verb.number(to)
    response.append(dial_verb)
    return str(response)


ANSWERED = frozenset({"completed", "answered"})


def dial_result(dial_status: str, language: Language) -> str:
    """After a transfer's `<Dial>`: hang up when someone answered; otherwise tell the caller
    nobody could, instead of leaving them in silence."""
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    if dial_status not in ANSWERED:
        response.say(spoken("call_transfer_no_answer", language), language=SAY_LANGUAGE[language])
    response.hangup()
    return str(response)


def say(lines: Sequence[str], language: Language, *, pause_seconds: int = 0) -> str:
    """Each line in a `<Say>`, with a pause between them when asked."""
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    for i, line in enumerate(lines):
        if i and pause_seconds:
            response.pause(length=pause_seconds)
        response.say(line, language=SAY_LANGUAGE[language])
    return str(response)


def whisper(summary: str, language: Language) -> str:
    return say([spoken("call_whisper", language, summary=one_line(summary))], language)


def line_unavailable(language: Language, front_desk: str | None, caller_id: str | None) -> str:
    """The voice channel is down: say so, and put the caller through to the front desk
    when there is one to dial."""
    from twilio.twiml.voice_response import Dial, VoiceResponse

    response = VoiceResponse()
    if front_desk:
        response.say(
            spoken("call_line_unavailable_transfer", language), language=SAY_LANGUAGE[language]
        )
        dial_verb = Dial(caller_id=caller_id) if caller_id else Dial()
        dial_verb.number(front_desk)
        response.append(dial_verb)
    else:
        response.say(spoken("call_line_unavailable", language), language=SAY_LANGUAGE[language])
        response.hangup()
    return str(response)
