"""A hand-over at the lobby kiosk: nobody can be put through to a desk the visitor stands
at, so the front desk is told — the same outbox row a web chat's hand-over queues, saying
which kiosk — the visitor hears and reads that someone is coming, in their language, and
the conversation ends handed over, counted once with its reason. Asked for in words, or
with the *Call a person* button (a caller's 0), even while a booking code is being typed.
Through the kiosk's real WebSocket, the database and /metrics over HTTP; the wording per
language on its own."""

from __future__ import annotations

import pytest

from channels.voice.conversation import PERSON_BUTTON
from channels.voice.stt.base import Transcript
from core.messages import KIOSK_STYLE, LANGUAGES, VOICE_STYLE, Language
from core.notifications.compose import staff_text
from core.replies import Say, render
from core.store.models import Notification
from tests.kiosk.kiosk_support import kiosk, session_row
from tests.voice.call_fixtures import options, providers, server, settings, stt, tts, twilio
from tests.voice.call_support import VoiceServer, voice_metrics
from tests.voice.speech_audio import espeak_ulaw
from tests.voice.standin_speech import InstantTts, ScriptedStt

__all__ = ["options", "providers", "server", "settings", "stt", "tts", "twilio"]
TOKEN = "metrics-test-token-123"
KIOSK = "Lobby, 1st floor"

# What a visitor handed over at the kiosk hears and reads: someone comes to them.
HANDED_OVER = {
    "en": "Of course. Someone from the front desk is on their way to you. Please wait here.",
    "et": "Muidugi. Keegi infolauast tuleb kohe teie juurde. Palun oodake siin.",
    "ru": "Конечно. Сейчас к вам подойдёт сотрудник ресепшена. Пожалуйста, подождите здесь.",
}
TROUBLE = {
    "en": "Someone from the front desk is on their way to you. Please wait here.",
    "et": "Keegi infolauast tuleb kohe teie juurde. Palun oodake siin.",
    "ru": "Сейчас к вам подойдёт сотрудник ресепшена. Пожалуйста, подождите здесь.",
}
STAFF = {
    "en": "A visitor at the kiosk “Lobby, 1st floor” needs help — please go to them.",
    "et": "Külaline kioski „Lobby, 1st floor“ juures vajab abi — palun minge tema juurde.",
    "ru": "Посетителю у киоска «Lobby, 1st floor» нужна помощь — пожалуйста, подойдите к нему.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kiosk_says_someone_is_coming_where_a_phone_is_put_through(
    language: Language,
) -> None:
    assert render(Say("transfer"), language, KIOSK_STYLE) == HANDED_OVER[language]
    assert render(Say("voice_transferring"), language, KIOSK_STYLE) == TROUBLE[language]
    phone = render(Say("voice_transferring"), language, VOICE_STYLE)
    assert phone != TROUBLE[language]  # "I'm putting you through…" stays the phone's
    # Sentences with no kiosk wording are the voice's own.
    greeting = render(Say("voice_sorry_technical"), language, KIOSK_STYLE)
    assert greeting == render(Say("voice_sorry_technical"), language, VOICE_STYLE)
    note = Notification(
        kind="front_desk",
        channel="console",
        payload={"summary": "language en; asked for a person", "channel": "voice", "kiosk": KIOSK},
    )
    assert staff_text(note, language, None).startswith(STAFF[language])


async def _metrics(server: VoiceServer) -> dict[str, float]:
    return await voice_metrics(server, TOKEN)


async def _front_desk_told(server: VoiceServer, session_id: str) -> Notification:
    [note] = [n for n in await server.rows(Notification) if n.kind == "front_desk"]
    assert note.session_id == session_id and note.payload["kiosk"] == KIOSK
    assert note.channel == server.runtime.agent.notifier  # as a web chat's hand-over
    return note  # type: ignore[no-any-return]


pytestmark = [
    pytest.mark.usefixtures("demo_directory"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
    pytest.mark.parametrize("options", [{"metrics_token": TOKEN}], indirect=True),
]


async def test_a_visitor_who_asks_for_a_person_is_told_someone_is_coming(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    stt.script = ["Can I speak to a person, please?"]
    async with kiosk(server, KIOSK) as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Can I speak to a person, please?"))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    await server.wait_calls_over()
    assert " ".join(line.captions()).endswith(HANDED_OVER["en"])  # shown sentence by sentence
    assert line.ended_by == "transferred"  # the page keeps the words up, then starts over
    assert line.hearing[:2] == [True, False]  # it showed that it heard the visitor
    row = await session_row(server)
    assert row.ended_at is not None and row.state == "transfer_human"
    note = await _front_desk_told(server, row.id)
    assert "asked for a person" in note.payload["summary"]
    assert await _metrics(server) == {"asked for a person": 1, "ended:handed_over": 1}


async def test_a_kiosk_whose_recogniser_fails_calls_the_front_desk_over(
    server: VoiceServer, stt: ScriptedStt, tts: InstantTts
) -> None:
    """The receptionist's own hand-over (a provider failed), in Estonian."""

    def broken(audio: bytes) -> Transcript:
        raise RuntimeError("the recogniser went away")

    stt.recognise = broken
    async with kiosk(server, KIOSK, language="et") as line:
        await line.wait_quiet()
        await line.say(espeak_ulaw("Tere, ma tulin Sarah juurde."))
        await line.wait_for(lambda: line.closed_by_server, within=15)
    await server.wait_calls_over()
    sorry = render(Say("voice_sorry_technical"), "et", KIOSK_STYLE)
    assert " ".join(line.captions()).endswith(f"{sorry} {TROUBLE['et']}")
    assert line.ended_by == "transferred"
    row = await session_row(server)
    assert row.ended_at is not None and row.state == "transfer_human"
    note = await _front_desk_told(server, row.id)
    assert "a technical problem on the call" in note.payload["summary"]
    assert await _metrics(server) == {
        "a technical problem on the call": 1,
        "ended:handed_over": 1,
    }


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_call_a_person_button_hands_over_as_a_callers_0_does(
    server: VoiceServer, tts: InstantTts, language: Language
) -> None:
    async with kiosk(server, KIOSK, language=language) as line:
        await line.wait_quiet()
        greeting = list(line.captions())
        await line.call_person()
        await line.call_person()  # a second tap while the first is answered: told once
        await line.wait_for(lambda: line.closed_by_server, within=15)
    await server.wait_calls_over()
    assert line.captions() == [*greeting, TROUBLE[language]]  # nothing else said
    assert line.ended_by == "transferred"
    row = await session_row(server)
    assert row.ended_at is not None and row.state == "transfer_human"
    note = await _front_desk_told(server, row.id)
    assert PERSON_BUTTON in note.payload["summary"]
    assert await _metrics(server) == {PERSON_BUTTON: 1, "ended:handed_over": 1}


async def test_the_button_hands_over_while_a_booking_code_is_typed(
    server: VoiceServer, tts: InstantTts
) -> None:
    """Where a caller's keys type the code, the button is still a person, never a 0."""
    async with kiosk(server, KIOSK) as line:
        await line.wait_quiet()
        await line.type("I have a booking")
        await line.wait_for(lambda: any("code" in c for c in line.captions()[1:]))
        await line.call_person()
        await line.wait_for(lambda: line.closed_by_server, within=15)
    await server.wait_calls_over()
    assert line.captions()[-1] == TROUBLE["en"] and line.ended_by == "transferred"
    row = await session_row(server)
    assert row.state == "transfer_human"
    await _front_desk_told(server, row.id)
    assert await _metrics(server) == {PERSON_BUTTON: 1, "ended:handed_over": 1}
