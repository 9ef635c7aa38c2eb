"""The receptionist talking on one call.

A `Speech` is one stretch of talk: sentences queued as they arrive, each synthesised with
its language's voice and played (frames, then a mark) one after another. The call's
`Speaker` starts them and keeps the last one, to know after a barge-in which sentences
the caller heard (their marks came back) and which they did not (to say again after a
mere "mhm"); it also stops the receptionist mid-word when the caller cuts in.

A sentence cut in the middle is split where it was cut (`split_heard`): the share of its
audio that played, less `RESUME_MARGIN` (what played while the caller talked over it is
not counted as heard), read as the same share of its characters; the word there and
every word after it are unheard, and a resumed speech starts with that word.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from channels.voice.player import MARK_GRACE, Player
from channels.voice.tts.base import SpeechSynth
from core.messages import Language

_ids = itertools.count(1)
END_WAIT = 5.0  # how long to wait for the caller to hear a last sentence before hanging up
RESUME_MARGIN = 0.3  # seconds before the cut that count as unheard (talked over, a word begun)


@dataclass(frozen=True, slots=True)
class Spoken:
    mark: str
    text: str
    language: Language
    reply: bool  # a sentence of the agent's reply (kept in the conversation), not a filler


def split_heard(text: str, share: float) -> tuple[str, str]:
    """`text` cut when `share` of its audio had played: (the words heard, the rest — from
    the word that was playing). Speech is taken as even over the characters."""
    at = share * len(text)
    for word in re.finditer(r"\S+", text):
        if word.end() > at:
            return text[: word.start()].strip(), text[word.start() :].strip()
    return text.strip(), ""


def voice_for(voices: Mapping[Language, SpeechSynth], language: Language) -> SpeechSynth:
    """The synthesiser for `language`; any one that lists it, else the first there is."""
    if language in voices:
        return voices[language]
    for synth in voices.values():
        if language in synth.languages:
            return synth
    return next(iter(voices.values()))


@dataclass
class Speech:
    player: Player
    voices: Mapping[Language, SpeechSynth]
    heard_before: list[str] = field(default_factory=list)  # reply text heard earlier (resumed)
    sentences: list[Spoken] = field(default_factory=list)
    cut: bool = False  # the caller cut in (or the call stopped it)
    settled: bool = False  # what was heard has been recorded, or the speech was resumed
    _queue: asyncio.Queue[Spoken | None] = field(default_factory=asyncio.Queue)
    _task: asyncio.Task[None] | None = None
    _id: int = field(default_factory=lambda: next(_ids))

    def __post_init__(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"speech-{self._id}")

    def say(self, text: str, language: Language, *, reply: bool = False) -> None:
        spoken = Spoken(f"s{self._id}.{len(self.sentences) + 1}", text, language, reply)
        self.sentences.append(spoken)
        if not self.cut:
            self._queue.put_nowait(spoken)

    def close(self) -> None:
        """No more sentences: `done()` returns once the last one went out."""
        self._queue.put_nowait(None)

    async def _run(self) -> None:
        while (spoken := await self._queue.get()) is not None:
            synth = voice_for(self.voices, spoken.language)
            audio = synth.stream(spoken.text, spoken.language)
            await self.player.play(audio, spoken.mark, spoken.text)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def done(self) -> None:
        """Wait until everything said went out to the line; a synthesiser's error raises."""
        if self._task is not None:
            await asyncio.wait({self._task})  # our own cancellation still propagates
            if not self._task.cancelled() and (error := self._task.exception()) is not None:
                raise error

    async def stop(self) -> None:
        """Stop producing audio now (the line itself is cleared by the player)."""
        self.cut = True
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    def heard(self) -> list[Spoken]:
        played = set(self.player.heard)
        return [s for s in self.sentences if s.mark in played]

    def _cut_share(self, spoken: Spoken) -> float | None:
        """How much of `spoken` the caller heard, if the line was cleared in its middle."""
        share = self.player.partly_heard.get(spoken.mark)
        if share is None:
            return None
        seconds = self.player.partly_seconds.get(spoken.mark, 0.0)
        margin = RESUME_MARGIN / seconds if seconds > 0 else 1.0
        return max(0.0, share - margin)

    def unheard_reply(self) -> list[Spoken]:
        """The reply's sentences the caller did not hear; one cut in its middle from the
        word that was playing (`split_heard`)."""
        played = set(self.player.heard)
        unheard = []
        for spoken in self.sentences:
            if not spoken.reply or spoken.mark in played:
                continue
            share = self._cut_share(spoken)
            if share is not None and (rest := split_heard(spoken.text, share)[1]):
                spoken = replace(spoken, text=rest)
            unheard.append(spoken)
        return unheard

    def heard_reply(self) -> list[str]:
        """The reply's text the caller heard: whole sentences, and the words of one cut."""
        played = set(self.player.heard)
        heard = list(self.heard_before)
        for spoken in self.sentences:
            if not spoken.reply:
                continue
            if spoken.mark in played:
                heard.append(spoken.text)
            elif (share := self._cut_share(spoken)) is not None and (
                head := split_heard(spoken.text, share)[0]
            ):
                heard.append(head)
        return heard

    def heard_reply_text(self) -> str:
        return " ".join(self.heard_reply())

    @property
    def has_reply(self) -> bool:
        return any(s.reply for s in self.sentences) or bool(self.heard_before)


class Speaker:
    """One call's voice: every `Speech` goes out on the call's player, the last is kept."""

    def __init__(self, player: Player, voices: Mapping[Language, SpeechSynth]) -> None:
        self.player = player
        self.voices = voices
        self.last: Speech | None = None

    def start(self, heard_before: list[str] | None = None) -> Speech:
        """A new stretch of talk (`heard_before`: reply text of a cut one it resumes)."""
        self.last = Speech(self.player, self.voices, heard_before=heard_before or [])
        return self.last

    async def say(self, text: str, language: Language, *, wait: bool = False) -> None:
        """One sentence, out on the line; with `wait`, until the caller has heard it."""
        speech = self.start()
        speech.say(text, language)
        speech.close()
        await speech.done()
        if wait:
            await self.heard(speech)

    async def heard(self, speech: Speech) -> bool:
        """Wait until the caller heard all of `speech`; False if they cut it."""
        await speech.done()
        await self.player.drained(within=self.player.ahead() + MARK_GRACE + END_WAIT)
        return not speech.cut

    @property
    def talking(self) -> bool:
        """Is the caller hearing the receptionist now?"""
        return self.player.talking

    @property
    def busy(self) -> bool:
        """Talking, or still producing what is to be said."""
        return self.player.talking or (self.last is not None and self.last.running)

    async def stop(self) -> bool:
        """Stop the receptionist now (synthesis and the line); False if it was quiet."""
        if not self.busy:
            return False
        if self.last is not None:
            await self.last.stop()
        await self.player.clear()
        return True

    async def close(self) -> None:
        """Stop producing audio: the call is over (the line goes with it)."""
        if self.last is not None:
            await self.last.stop()
