"""What the receptionist does on a call, apart from the audio: the conversation policy.

The media loop (`call.Call`) turns the line into jobs — an utterance recognised, a key
pressed, a silence, a provider that failed, a message sent to the caller later — and hands
them here one at a time. This decides what is said and done: the greeting (after the
recording notice, when calls are recorded) with the keypad's language offer; the agent's
turn, spoken as it streams, then a transfer or a hang-up when the conversation ends there;
carrying on after a mere "mhm", and keeping only what was heard of a reply the caller cut;
1/2/3 for a language and 0 for a person (a kiosk's *Call a person* button is its 0, even
while a code is typed) — except while a booking code is asked for, when
the keys type it (`#` ends it, `*` starts again, the tenth digit sends it by itself, and a
silence sends what was typed); a reprompt on the first silence and a handover
or a goodbye on the second; an apology and a handover when a provider fails. It speaks
through a `Speaker` and acts through `CallControl`; it never touches a frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from channels.voice.call_jobs import (
    Announcement,
    Job,
    Keypad,
    PersonAsked,
    Silence,
    Trouble,
    Utterance,
)
from channels.voice.call_seams import PHONE, CallControl, ConversationAgent, Line, LineClosed
from channels.voice.endpointing import Pending
from channels.voice.metrics import CallMetrics
from channels.voice.speaking import Speaker, Speech
from channels.voice.stt.base import SttStream
from channels.voice.turns import is_backchannel
from core import codes
from core.messages import LANGUAGES, Filler, Final, Inbound, Language, Sentence
from core.replies import Say, render

log = logging.getLogger(__name__)

KEYPAD_LANGUAGES: dict[str, Language] = {"1": "en", "2": "et", "3": "ru"}
TRANSFER_KEY = "0"
PRESSED_0 = "the caller pressed 0"  # the hand-over's reason (the front desk's, the metrics')
PERSON_BUTTON = "the visitor tapped Call a person"  # a kiosk's button, its 0


CODE_KEYS = frozenset("0123456789*#")


def heeds(digit: str, expecting: str | None = None) -> bool:
    """Does the conversation act on this key, with `expecting` pending? (The others
    neither interrupt nor count.)"""
    if expecting == "code":
        return digit in CODE_KEYS
    return digit == TRANSFER_KEY or digit in KEYPAD_LANGUAGES


@dataclass(eq=False)
class Conversation:
    """One call's conversation. The loop calls `greet()` once, then `handle(job)` for each
    job in turn; both deal with a provider's failure themselves (an apology, a handover)
    and raise only `LineClosed`. When the conversation ends the call (a transfer, a
    hang-up), it says so through `end`."""

    call_sid: str
    session_id: str | None  # None: the session could not be opened (a `Trouble` follows)
    caller: str | None
    language: Language
    agent: ConversationAgent
    speaker: Speaker
    stt: SttStream | None
    control: CallControl | None
    front_desk: Callable[[], Awaitable[str | None]]  # the number to put callers through to
    end: Callable[[str], None]  # the call is over: "us" (hung up) or "transferred"
    spawn: Callable[[Awaitable[Any], str], None]  # run alongside, cancelled with the call
    record: bool = False  # record the call, once the caller was told
    ready: Callable[[], Awaitable[Any]] | None = None  # models loaded (before a first turn)
    metrics: CallMetrics = field(default_factory=CallMetrics)
    stt_locked: bool = False  # the recogniser keeps to one language from now on
    # Told what the receptionist now waits for, after each reply (the listener's endpointing)
    expect: Callable[[Pending, Language | None], None] | None = None
    line: Line = PHONE  # a phone, or a kiosk (no keypad, stays open after the check-in)
    meta: Mapping[str, str] = field(default_factory=dict)  # the caller's number, the kiosk
    silences: int = 0
    finished: bool = False  # the agent said the conversation is over (a kiosk lingers)
    expecting: str | None = None  # what the receptionist last asked for (the agent's reply)
    typed: str = ""  # a booking code's digits typed so far
    transfer_reason: str | None = None  # why the caller was put through (the metrics' label)
    _first_utterance: bool = True

    async def greet(self) -> None:
        await self._guarded(self._greet())

    async def handle(self, job: Job) -> None:
        await self._guarded(self._handle(job))

    async def _guarded(self, work: Awaitable[None]) -> None:
        try:
            await work
        except (LineClosed, asyncio.CancelledError):
            raise
        except Exception as exc:
            await self._trouble(exc)

    async def _handle(self, job: Job) -> None:
        match job:
            case Utterance():
                await self._on_utterance(job)
            case Keypad(digit=digit) if self.expecting == "code":
                await self._settle_cut()
                await self._code_key(digit)
            case Keypad(digit="0"):
                await self._person_asked(PRESSED_0)
            case PersonAsked(reason=reason):
                await self._person_asked(reason)
            case Keypad(digit=digit):
                await self._settle_cut()
                await self._switch_language(KEYPAD_LANGUAGES[digit])
            case Silence():
                await self._on_silence()
            case Trouble(error=error):
                raise error
            case Announcement(text=text, language=language):
                self.silences = 0  # the host answered: give the visitor time to read it
                await self.speaker.say(text, language)

    async def _person_asked(self, reason: str) -> None:
        """A person asked for without words (a caller's 0, a kiosk's button): put through,
        or at a kiosk the front desk told to come, as when they ask in words."""
        await self._settle_cut()
        if self.transfer_reason is not None:
            return  # handed over already (a second tap while the first one is said)
        await self._transfer(reason, "voice_transferring", fallback=True)

    async def _greet(self) -> None:
        speech = self.speaker.start()
        recording = self.record and self.control is not None
        if recording:
            speech.say(self._text("voice_recording_notice"), self.language)
            notice = speech.sentences[-1].mark
        speech.say(self._text(self.line.greeting), self.language)
        for other in LANGUAGES if self.line.keypad else ():  # each language in its own voice
            if other != self.language:
                speech.say(self._text("voice_keypad_choice", other), other)
        speech.close()
        if recording:
            self.spawn(self._record_after(notice), "recording")
        await speech.done()

    async def _record_after(self, mark: str) -> None:
        """Start recording once the caller heard that they will be recorded."""
        assert self.control is not None
        while mark not in self.speaker.player.heard:
            if self.speaker.last is not None and self.speaker.last.cut:
                break  # they talked over the notice: it played up to there at least
            await asyncio.sleep(0.05)
        try:
            await self.control.start_recording(self.call_sid)
        except Exception:
            log.exception("call %s: could not start recording", self.call_sid)

    # --- the caller said something ---------------------------------------------------------

    async def _on_utterance(self, job: Utterance) -> None:
        text = job.transcript.text.strip()
        speech = self.speaker.last
        interrupted = speech is not None and speech.cut and not speech.settled
        if (job.event.overlapped and is_backchannel(text, self.language)) or not text:
            # "mhm" while the receptionist talks is not a turn, and noise said nothing: if
            # it stopped the receptionist, carry on with the sentence it was cut in.
            if interrupted and speech is not None:
                await self._resume(speech)
            return
        if speech is not None and not speech.cut and self.speaker.busy:
            await self.speaker.stop()  # a short answer said over the receptionist
        await self._settle_cut()
        self.silences = 0
        if self._first_utterance and not self.stt_locked and job.transcript.language:
            assert self.session_id is not None
            await self.agent.set_language(self.session_id, job.transcript.language)
        self._first_utterance = False
        self.metrics.end_of_turn(job.event.at)
        self.typed = ""  # they said it instead
        await self._turn(text)

    async def _settle_cut(self) -> None:
        """Record in the conversation only what the caller heard of a reply they cut."""
        speech = self.speaker.last
        if speech is None or not speech.cut or speech.settled:
            return
        speech.settled = True
        if speech.has_reply and self.session_id is not None:
            await self.agent.cut_short(self.session_id, speech.heard_reply_text())

    async def _resume(self, cut: Speech) -> None:
        cut.settled = True
        rest = cut.unheard_reply()
        if not rest:
            return
        speech = self.speaker.start(heard_before=cut.heard_reply())
        for spoken in rest:
            speech.say(spoken.text, spoken.language, reply=True)
        speech.close()
        await speech.done()

    async def _turn(self, text: str) -> None:
        assert self.session_id is not None
        # The call opened its session: a turn names it by id, so the agent reads it, locked,
        # with what else the turn needs in one statement (by the call's key it would take
        # the conversation's lock and look the session up, two round trips more).
        inbound = Inbound(
            text, channel="voice", session_key=self.session_id, meta=self.meta, session_opened=True
        )
        if self.ready is not None:
            await self.ready()
        speech = self.speaker.start()
        final = None
        events = self.agent.turn(inbound, self.line.style)
        try:
            async for event in events:
                match event:
                    case Filler(text=filler, language=language):
                        speech.say(filler, language)
                    case Sentence(text=sentence, language=language):
                        speech.say(sentence, language, reply=True)
                    case Final(reply=reply):
                        final = reply
                        self.expecting = reply.expecting  # keys typed over the reply count
        finally:
            # Cancelled (the caller hung up), the turn still commits: the generator's
            # cleanup waits for it rather than the garbage collector.
            close = getattr(events, "aclose", None)
            if close is not None:
                await close()
        speech.close()
        await speech.done()
        if final is None:
            return
        self.language = final.language
        if self.expect is not None:
            self.expect(Pending(final.expecting, final.reply), final.language)
        await self._lock_language(final.language)
        if speech.cut:
            return  # they cut in: their next words are the next turn
        if final.state == "transfer_human":
            # The flow told the front desk already (the notifier) and said so.
            if await self.speaker.heard(speech) and not await self._transfer(
                "the caller asked for a person", None, told=True
            ):
                await self._hang_up()
        elif final.done:
            self.finished = True
            if self.line.hang_up_when_done and await self.speaker.heard(speech):
                await self._hang_up()

    async def _lock_language(self, language: Language) -> None:
        if not self.stt_locked and self.stt is not None:
            await self.stt.set_language(language)
            self.stt_locked = True

    # --- keys, silence, trouble ------------------------------------------------------------

    async def _switch_language(self, language: Language) -> None:
        assert self.session_id is not None
        self.language = language
        await self.agent.set_language(self.session_id, language)
        if self.stt is not None:
            await self.stt.set_language(language)
            self.stt_locked = True
        self._first_utterance = False
        await self._say("voice_language_switched")

    async def _code_key(self, key: str) -> None:
        """A key pressed while a booking code is asked for: the code's digits are sent as
        the caller's turn on `#`, on the code's last digit, or (`_on_silence`) when they
        stop typing — an older, shorter code needs no `#`."""
        self.silences = 0
        if key == "*":
            self.typed = ""
        elif key != "#":
            self.typed += key
        if self.typed and (key == "#" or len(self.typed) >= codes.LENGTH):
            typed, self.typed = self.typed, ""
            await self._turn(typed)

    async def _on_silence(self) -> None:
        if self.typed:
            typed, self.typed = self.typed, ""
            await self._turn(typed)
            return
        self.silences += 1
        if self.finished:  # a kiosk after the check-in: ends quietly once the lobby is
            if self.silences >= self.line.linger_silences:
                self.end("us")
            return
        if self.silences == 1:
            await self._say(self.line.reprompt)
            return
        if self.line.silence_hands_over and await self._transfer(
            "the caller was silent", "voice_silence_transfer"
        ):
            return
        await self._say(self.line.silence_goodbye, wait=True)
        await self._hang_up()

    async def _trouble(self, error: BaseException) -> None:
        """A provider failed: apologise and hand over, never leave a silent line."""
        log.error("call %s: %s: %s", self.call_sid, type(error).__name__, error)
        with contextlib.suppress(Exception):
            await self.speaker.stop()
        with contextlib.suppress(Exception):
            await self._say("voice_sorry_technical")
        try:
            if await self._transfer("a technical problem on the call", "voice_transferring"):
                return
        except LineClosed:
            raise
        except Exception as exc:
            log.error("call %s: no transfer after trouble: %s", self.call_sid, exc)
        with contextlib.suppress(Exception):
            await self._say("voice_call_again", wait=True)
        await self._hang_up()

    # --- actions ---------------------------------------------------------------------------

    async def _transfer(
        self, reason: str, say: str | None, *, fallback: bool = False, told: bool = False
    ) -> bool:
        """Put the caller through to the front desk; False when that is not possible (then
        with `fallback` the caller is told so). On a line with no telephony (a kiosk) the
        front desk is told to come instead (unless the flow has `told` it already)."""
        if not self.line.telephony:
            return await self._summon(reason, say, fallback=fallback, told=told)
        control = self.control
        number = await self.front_desk() if control is not None else None
        if control is None or not number:
            if fallback:
                await self._say("voice_no_transfer")
            return False
        if say:
            await self._say_before_handover(say)
        summary = reason
        if self.session_id is not None:
            summary = await self.agent.handover_summary(self.session_id, reason)
        try:
            await control.transfer(
                self.call_sid, to=number, summary=summary, language=self.language
            )
        except Exception as exc:
            log.error("call %s: transfer failed: %s", self.call_sid, exc)
            if fallback:
                await self._say("voice_no_transfer")
            return False
        log.info("call %s transferred to the front desk", self.call_sid)
        self.transfer_reason = reason
        self.end("transferred")
        return True

    async def _say_before_handover(self, say: str) -> None:
        """Say `say` to the end before the caller is handed over; a broken voice neither
        stops a transfer nor undoes a hand-over (only a closed line ends it)."""
        try:
            await self._say(say, wait=True)
        except LineClosed:
            raise
        except Exception as exc:
            log.error("call %s: could not say %s: %s", self.call_sid, say, exc)

    async def _summon(self, reason: str, say: str | None, *, fallback: bool, told: bool) -> bool:
        """A hand-over where the visitor stands: the front desk is told to come to them,
        they are told so, and the conversation ends handed over (the kiosk shows it and
        starts over for the next visitor a little later)."""
        if not told:
            try:
                if self.session_id is None:
                    raise RuntimeError("no session to hand over")
                await self.agent.call_front_desk(
                    self.session_id, reason, kiosk=self.meta.get("kiosk")
                )
            except Exception as exc:
                log.error("call %s: the front desk could not be told: %s", self.call_sid, exc)
                if fallback:
                    await self._say("voice_no_transfer")
                return False
        if say:
            await self._say_before_handover(say)
        log.info("call %s handed over: the front desk is on its way", self.call_sid)
        self.transfer_reason = reason
        self.end("transferred")
        return True

    async def _hang_up(self) -> None:
        if self.control is not None:
            try:
                await self.control.hangup(self.call_sid)
            except Exception as exc:
                log.warning("call %s: hang-up failed: %s", self.call_sid, exc)
        self.end("us")

    async def _say(self, key: str, *, wait: bool = False) -> None:
        await self.speaker.say(self._text(key), self.language, wait=wait)

    def _text(self, key: str, language: Language | None = None) -> str:
        return render(Say(key), language or self.language, self.line.style)
