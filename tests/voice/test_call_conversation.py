"""The call's conversation policy on its own: jobs in, what the receptionist says and
what it does to the call out — no socket, no VAD, no real time.

The receptionist's voice is the instant stand-in and the line a `Player` whose marks
Twilio echoes at once (the caller heard each sentence as soon as it went out) unless the
test says the caller stopped hearing; the agent and Twilio's call control are small fakes
that record what they were asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pytest

from channels.voice.call_jobs import Keypad, Silence, Trouble, Utterance
from channels.voice.call_seams import KIOSK, PHONE
from channels.voice.conversation import Conversation
from channels.voice.player import Player
from channels.voice.speaking import Speaker
from channels.voice.stream_events import OutMark
from channels.voice.stt.base import Transcript
from channels.voice.tts.base import SpeechSynth
from channels.voice.turns import Kind, TurnEvent
from channels.voice.twilio_stream import parse_outbound
from core.messages import (
    KIOSK_STYLE,
    LANGUAGES,
    VOICE_STYLE,
    ChannelStyle,
    Final,
    Inbound,
    Language,
    Reply,
    Sentence,
)
from core.replies import Say, render
from tests.voice.standin_speech import InstantTts, ScriptedStream

CALL_SID = "CA" + "1" * 32
FRONT_DESK = "+3725550000"


def spoken(key: str, language: Language = "en") -> str:
    return render(Say(key), language, VOICE_STYLE)


class Line:
    """Twilio's end of the player: every mark is echoed at once, until `hears` runs out."""

    def __init__(self) -> None:
        self.player = Player(self.send, "MZ" + "1" * 32)
        self.hears: int | None = None  # marks the caller still hears (None: all of them)

    async def send(self, text: str | bytes) -> None:
        event = parse_outbound(text)
        if isinstance(event, OutMark) and (self.hears is None or self.hears > 0):
            if self.hears is not None:
                self.hears -= 1
            self.player.echoed(event.name)


@dataclass
class Agent:
    """The agent's side of a spoken conversation: each turn answers the next scripted reply."""

    replies: list[list[Any]] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)  # what each turn was asked
    languages: list[Language] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    summoned: list[tuple[str, str | None]] = field(default_factory=list)  # (reason, kiosk)

    async def turn(self, inbound: Inbound, style: ChannelStyle) -> AsyncIterator[Any]:
        self.heard.append(inbound.text)
        for event in self.replies.pop(0):
            yield event

    async def set_language(self, session_id: str, language: Language) -> None:
        self.languages.append(language)

    async def cut_short(self, session_id: str, heard: str) -> None:
        self.cut.append(heard)

    async def handover_summary(self, session_id: str, reason: str) -> str:
        return f"summary: {reason}"

    async def call_front_desk(
        self, session_id: str, reason: str, *, kiosk: str | None = None
    ) -> None:
        self.summoned.append((reason, kiosk))


@dataclass
class Control:
    """Twilio's REST side of the call."""

    fails: bool = False
    transfers: list[tuple[str, str]] = field(default_factory=list)
    hangups: int = 0
    recordings: int = 0

    async def transfer(self, call_sid: str, *, to: str, summary: str, language: Language) -> None:
        if self.fails:
            raise RuntimeError("Twilio answered 500")
        self.transfers.append((to, summary))

    async def hangup(self, call_sid: str) -> None:
        self.hangups += 1

    async def start_recording(self, call_sid: str) -> None:
        self.recordings += 1


@dataclass
class Harness:
    conversation: Conversation
    line: Line
    tts: InstantTts
    agent: Agent
    control: Control
    stt: ScriptedStream
    ended: list[str]

    def said(self) -> list[str]:
        return [text for text, _ in self.tts.said]


def harness(
    *,
    control: bool = True,
    front_desk: str | None = FRONT_DESK,
    record: bool = False,
    kiosk: str | None = None,
) -> Harness:
    line, tts, agent, fake_control = Line(), InstantTts(ms_per_char=1), Agent(), Control()
    stt = ScriptedStream([], None, "en", ())
    ended: list[str] = []

    async def desk() -> str | None:
        return front_desk

    conversation = Conversation(
        call_sid=CALL_SID,
        session_id="session-1",
        caller="+14155550123",
        language="en",
        agent=agent,
        speaker=Speaker(line.player, dict.fromkeys(LANGUAGES, cast(SpeechSynth, tts))),
        stt=stt,
        control=fake_control if control else None,
        front_desk=desk,
        end=ended.append,
        spawn=lambda work, name: pytest.fail(f"nothing runs alongside here: {name}"),
        record=record,
        line=KIOSK if kiosk else PHONE,
        meta={"kiosk": kiosk} if kiosk else {"from": "+14155550123"},
    )
    return Harness(conversation, line, tts, agent, fake_control, stt, ended)


def utterance(text: str, *, overlapped: bool = False) -> Utterance:
    event = TurnEvent(Kind.TURN_END, at=1.0, onset=0.5, overlapped=overlapped)
    return Utterance(Transcript(text, "en"), event)


def reply(*sentences: str, state: str = "identify_host", done: bool = False) -> list[Any]:
    text = " ".join(sentences)
    final = Final(Reply(text, "en", state, None, done))
    return [*(Sentence(s, "en") for s in sentences), final]


async def handle(h: Harness, jobs: Sequence[Any]) -> None:
    for job in jobs:
        await h.conversation.handle(job)


async def test_the_greeting_tells_of_the_recording_first_and_records_once_it_was_heard() -> None:
    h = harness(record=True)
    h.line.hears = 0  # nothing has played yet
    alongside: list[asyncio.Future[Any]] = []
    h.conversation.spawn = lambda work, name: alongside.append(asyncio.ensure_future(work))
    await h.conversation.greet()
    assert h.tts.said == [
        (spoken("voice_recording_notice"), "en"),
        (spoken("voice_greeting"), "en"),
        (spoken("voice_keypad_choice", "et"), "et"),  # the keypad offer, in its own voice
        (spoken("voice_keypad_choice", "ru"), "ru"),
    ]
    await asyncio.sleep(0.1)
    assert h.control.recordings == 0  # not before the caller heard they will be recorded
    greeting = h.conversation.speaker.last
    assert greeting is not None
    h.line.player.echoed(greeting.sentences[0].mark)
    await asyncio.wait_for(asyncio.gather(*alongside), 5)
    assert h.control.recordings == 1


async def test_a_first_silence_reprompts_and_a_second_puts_the_caller_through() -> None:
    h = harness()
    await h.conversation.handle(Silence())
    assert h.said() == [spoken("voice_reprompt")] and h.ended == []
    await h.conversation.handle(Silence())
    assert h.said()[1:] == [spoken("voice_silence_transfer")]
    assert h.control.transfers == [(FRONT_DESK, "summary: the caller was silent")]
    assert h.ended == ["transferred"]


async def test_with_no_front_desk_a_second_silence_says_goodbye_and_hangs_up() -> None:
    h = harness(front_desk=None)
    await handle(h, [Silence(), Silence()])
    assert h.said() == [spoken("voice_reprompt"), spoken("voice_silence_goodbye")]
    assert h.control.transfers == [] and h.control.hangups == 1
    assert h.ended == ["us"]


async def test_speaking_between_silences_starts_the_count_again() -> None:
    h = harness()
    h.agent.replies = [reply("Who are you here to see?")]
    await handle(h, [Silence(), utterance("hello"), Silence()])
    assert h.said().count(spoken("voice_reprompt")) == 2 and h.ended == []


async def test_keypad_2_switches_to_estonian_for_the_agent_and_the_recogniser() -> None:
    h = harness()
    await h.conversation.handle(Keypad("2"))
    assert h.agent.languages == ["et"] and h.stt.language == "et"
    assert h.conversation.stt_locked and h.conversation.language == "et"
    assert h.tts.said == [(spoken("voice_language_switched", "et"), "et")]


async def test_while_a_code_is_asked_for_the_keys_type_it_and_switch_nothing() -> None:
    h = harness()
    asked = "Welcome! What's your booking code?"
    h.agent.replies = [
        [Sentence(asked, "en"), Final(Reply(asked, "en", "find_booking", "code", False))],
        reply("Welcome back!", state="complete", done=True),
    ]
    await handle(h, [utterance("I have a booking")])
    assert h.conversation.expecting == "code"
    await handle(h, [Keypad(k) for k in "20*4829135706"])  # * starts again
    assert h.agent.heard == ["I have a booking", "4829135706"]
    assert h.agent.languages == ["en"]  # the recogniser's, on the first words: no key's
    assert h.conversation.language == "en" and h.control.transfers == []


async def test_keypad_0_without_call_control_says_it_cannot_put_you_through() -> None:
    h = harness(control=False)
    await h.conversation.handle(Keypad("0"))
    assert h.said() == [spoken("voice_no_transfer")] and h.ended == []


async def test_a_failing_provider_is_apologised_for_and_handed_over() -> None:
    h = harness()
    await h.conversation.handle(Trouble(RuntimeError("the recogniser went away")))
    assert h.said() == [spoken("voice_sorry_technical"), spoken("voice_transferring")]
    assert h.control.transfers == [(FRONT_DESK, "summary: a technical problem on the call")]
    assert h.ended == ["transferred"]


async def test_when_the_handover_fails_too_the_caller_is_asked_to_call_again() -> None:
    h = harness()
    h.control.fails = True
    await h.conversation.handle(Trouble(RuntimeError("the recogniser went away")))
    assert h.said()[-1] == spoken("voice_call_again")
    assert h.control.hangups == 1 and h.ended == ["us"]


async def test_a_kiosk_in_trouble_calls_the_front_desk_over_and_says_so() -> None:
    """A kiosk cannot put anyone through: the front desk is told to come to that kiosk,
    and the visitor hears the kiosk's wording, not the phone's."""
    h = harness(control=False, kiosk="Lobby")
    await h.conversation.handle(Trouble(RuntimeError("the recogniser went away")))
    kiosk_words = render(Say("voice_transferring"), "en", KIOSK_STYLE)
    assert kiosk_words == "Someone from the front desk is on their way to you. Please wait here."
    assert h.said() == [spoken("voice_sorry_technical"), kiosk_words]
    assert h.agent.summoned == [("a technical problem on the call", "Lobby")]
    assert h.control.transfers == [] and h.ended == ["transferred"]
    assert h.conversation.transfer_reason == "a technical problem on the call"


async def test_a_kiosk_visitor_who_asks_for_a_person_waits_for_them() -> None:
    """The flow told the front desk itself: the kiosk ends handed over, without telling it
    twice; a silent lobby, though, needs nobody."""
    h = harness(control=False, kiosk="Lobby")
    said = render(Say("transfer"), "en", KIOSK_STYLE)
    h.agent.replies = [reply(said, state="transfer_human", done=True)]
    await h.conversation.handle(utterance("a person, please"))
    assert h.said() == [said] and h.agent.summoned == [] and h.ended == ["transferred"]
    assert h.conversation.transfer_reason == "the caller asked for a person"

    quiet = harness(control=False, kiosk="Lobby")
    await handle(quiet, [Silence(), Silence()])
    assert quiet.agent.summoned == [] and quiet.ended == ["us"]
    assert quiet.said()[-1] == render(Say("kiosk_silence_goodbye"), "en", KIOSK_STYLE)


async def test_a_reply_that_ends_the_conversation_hangs_up_once_heard() -> None:
    h = harness()
    h.agent.replies = [reply("Priya is on her way. Goodbye!", state="complete", done=True)]
    await h.conversation.handle(utterance("yes"))
    assert h.agent.heard == ["yes"] and h.said() == ["Priya is on her way. Goodbye!"]
    assert h.control.hangups == 1 and h.ended == ["us"]


async def test_asking_for_a_person_is_put_through_after_the_reply() -> None:
    h = harness()
    h.agent.replies = [reply("One moment, please.", state="transfer_human")]
    await h.conversation.handle(utterance("a person, please"))
    assert h.control.transfers == [(FRONT_DESK, "summary: the caller asked for a person")]
    assert h.control.hangups == 0 and h.ended == ["transferred"]


async def test_a_listener_noise_after_a_cut_resumes_what_was_not_heard() -> None:
    h = harness()
    h.agent.replies = [reply("I found two people.", "Which one do you mean?")]
    h.line.hears = 1  # the caller hears the first sentence, then cuts in
    await h.conversation.handle(utterance("I'm here to see Sarah"))
    assert await h.conversation.speaker.stop()  # the loop's barge-in
    h.line.hears = None
    await h.conversation.handle(utterance("mhm", overlapped=True))
    assert h.said() == ["I found two people.", "Which one do you mean?", "Which one do you mean?"]
    assert h.agent.heard == ["I'm here to see Sarah"] and h.agent.cut == []


async def test_only_what_was_heard_of_a_cut_reply_is_kept() -> None:
    h = harness()
    h.agent.replies = [reply("I found two people.", "Which one do you mean?"), reply("Thanks.")]
    h.line.hears = 1
    await h.conversation.handle(utterance("I'm here to see Sarah"))
    assert await h.conversation.speaker.stop()
    h.line.hears = None
    await h.conversation.handle(utterance("Sarah Chen"))
    assert h.agent.cut == ["I found two people."]
    assert h.agent.heard == ["I'm here to see Sarah", "Sarah Chen"]
