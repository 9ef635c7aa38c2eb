"""The caller's side of a call: every frame through the VAD and the turn-taker, and on to
the recogniser while the caller speaks.

`hear` runs in the call's reader, frame by frame as they arrive, so a barge-in is decided
within a frame of the evidence (a window's probability comes a loop iteration later, from
a model run shared with the other calls: vad.py). Recognition runs in its own task
(`recognise`): fed in order, finalized when the turn-taker says the caller's turn is over,
its transcript handed to the conversation as an `Utterance`; a slow recogniser never holds
up the line. The 200 ms before the first voiced frame go to the recogniser too, so a soft
first syllable is not lost to the VAD's threshold.

When the caller pauses, the recogniser is asked what was said so far (`SttStream.interim`)
and the turn-taker told how much quiet now ends the turn (endpointing.py: the words
against the question pending). A streaming recogniser is asked after `PAUSE_FRAMES` of
quiet and again every `REPEEK_FRAMES`, as its interim results catch up. A local one costs
a recognition per question, so it is asked once per pause and only after
`LOCAL_PAUSE_FRAMES` (160 ms: a pause, not the dip between two words); the quiet frames of
a pause are held back from it until the caller speaks again, so that a turn ending in that
pause is the very audio it already recognised (it reuses that). The price: a pause the
caller talks on after costs one recognition that is thrown away.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from dataclasses import dataclass
from typing import Any

from channels.voice.call_jobs import Job, Trouble, Utterance
from channels.voice.codec import power, power_dbfs, ulaw_to_float
from channels.voice.endpointing import Pending, awaits_short_answer, end_silence_ms
from channels.voice.stt.base import SttStream
from channels.voice.turns import FRAME_MS, Kind, Phase, TurnConfig, TurnEvent, TurnTaker
from channels.voice.vad import VadStream
from core.messages import Language

log = logging.getLogger(__name__)

PREROLL_FRAMES = 10  # 200 ms before the first voiced frame go to the recogniser too
PAUSE_FRAMES = 2  # quiet frames that make a pause worth asking a streaming recogniser …
LOCAL_PAUSE_FRAMES = 8  # … and a local one, whose answer costs a recognition: not a dip
REPEEK_FRAMES = 3  # a streaming recogniser is asked again this often during a pause
LOCAL_PEEK_MAX_MS = 2000.0  # voiced audio beyond which a local one is not asked: no short answer


@dataclass(frozen=True)
class Finalize:
    """For the recogniser: the caller's turn is over."""

    event: TurnEvent


@dataclass(frozen=True)
class Peek:
    """For the recogniser: the utterance that began at `onset` pauses; what was said?"""

    onset: float


DISCARD = object()  # for the recogniser: that was noise, forget it


class Listener:
    """One call's ear. `hear` each inbound frame; run `recognise` as a task."""

    def __init__(self, config: TurnConfig, jobs: asyncio.Queue[Job]) -> None:
        self.vad = VadStream()
        self.turns = TurnTaker(config)
        self._jobs = jobs
        self._audio: asyncio.Queue[Any] = asyncio.Queue()
        self._preroll: collections.deque[bytes] = collections.deque(maxlen=PREROLL_FRAMES)
        self._recognising = False  # a finished utterance is being recognised
        self._held: list[bytes] = []  # a pause's quiet frames, not yet given to a local recogniser
        self.interim_live = False  # the recogniser's interim results are free (set by `recognise`)
        self.pending = Pending()  # what the receptionist last asked
        self.language: Language | None = None  # the conversation's language
        self.names: frozenset[str] = frozenset()  # the directory's full names (`known_names`)

    def expect(self, pending: Pending, language: Language | None) -> None:
        """The receptionist asked this (the conversation says so after each reply)."""
        self.pending = pending
        self.language = language

    @property
    def active(self) -> bool:
        """The caller is speaking, or what they said is still on its way to a transcript."""
        return self._recognising or self.turns.phase is not Phase.QUIET or not self._audio.empty()

    async def hear(self, ulaw: bytes, at: float, *, talking: bool) -> list[TurnEvent]:
        """One 20 ms frame that arrived `at`, while the receptionist is `talking` or not;
        the turn-taker's events for it (the caller acts on a barge-in). A frame that
        completes a window waits for it to be scored with the other calls' (vad.py)."""
        samples = ulaw_to_float(ulaw)
        mean_square = power(samples)
        scoring = self.vad.push(samples, mean_square)
        probability = self.vad.probability if scoring is None else await scoring
        before = self.turns.phase
        events = self.turns.step(at, probability, power_dbfs(mean_square), talking=talking)
        if not events and self.turns.phase is Phase.QUIET:  # most frames: nobody speaks
            self._preroll.append(ulaw)
            return events
        listening = True
        if before is Phase.QUIET and listening:
            for frame in self._preroll:
                self._audio.put_nowait(frame)
            self._preroll.clear()
        quiet = self.turns.quiet_ms
        ended = any(e.kind in (Kind.TURN_END, Kind.NOISE) for e in events)
        if not listening:
            self._preroll.append(ulaw)
        elif ended:
            self._held.clear()  # the pause was the end: its quiet is not part of the turn
        elif quiet > 0 and not self.interim_live:
            self._held.append(ulaw)
        else:
            for frame in self._held:
                self._audio.put_nowait(frame)
            self._held.clear()
            self._audio.put_nowait(ulaw)
        for event in events:
            if event.kind is Kind.TURN_END:
                self._audio.put_nowait(Finalize(event))
            elif event.kind is Kind.NOISE:
                self._audio.put_nowait(DISCARD)
        if self.turns.phase is Phase.SPEECH and self._peek_due(round(quiet / FRAME_MS)):
            self._audio.put_nowait(Peek(self.turns.onset))
        return events

    def _peek_due(self, quiet_frames: int) -> bool:
        if not self.interim_live:
            return (
                quiet_frames == LOCAL_PAUSE_FRAMES
                and self.turns.voiced_ms <= LOCAL_PEEK_MAX_MS
                and awaits_short_answer(self.pending)
            )
        return quiet_frames >= PAUSE_FRAMES and (quiet_frames - PAUSE_FRAMES) % REPEEK_FRAMES == 0

    async def recognise(self, stt: SttStream) -> None:
        """Feed `stt` what `hear` passed on; each finished turn becomes an `Utterance`, a
        recogniser's failure a `Trouble` (the conversation apologises and hands over)."""
        self.interim_live = stt.interim_live
        try:
            while True:
                item = await self._audio.get()
                if isinstance(item, bytes):
                    await stt.send(item)
                elif isinstance(item, Peek):
                    await self._peek(stt, item.onset)
                elif isinstance(item, Finalize):
                    self._recognising = True  # the caller spoke: not a silence
                    try:
                        transcript = await stt.finalize()
                    finally:
                        self._recognising = False
                    self._jobs.put_nowait(Utterance(transcript, item.event))
                elif item is DISCARD:
                    stt.discard()
        except Exception as exc:
            self._jobs.put_nowait(Trouble(exc))

    async def _peek(self, stt: SttStream, onset: float) -> None:
        """Tell the turn-taker how much quiet ends this utterance, by its words so far."""
        if self.turns.phase is Phase.QUIET or self.turns.onset != onset:
            return  # that utterance is over already
        try:
            text = await stt.interim()
        except Exception as exc:  # a hint only: a broken recogniser shows at `finalize`
            log.warning("interim recognition failed: %s", exc)
            return
        usual = self.turns.config.end_silence_ms
        ms = end_silence_ms(
            text,
            self.pending,
            self.language,
            usual_ms=usual,
            overlapped=self.turns.overlapped,
            names=self.names,
        )
        self.turns.end_after(ms, onset)
