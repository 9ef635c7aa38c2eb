"""The caller's side of a call: every frame through the VAD and the turn-taker, and on to
the recogniser while the caller speaks.

`hear` runs in the call's reader, frame by frame as they arrive, so a barge-in is decided
within a frame of the evidence. Recognition runs in its own task (`recognise`): fed in
order, finalized when the turn-taker says the caller's turn is over, its transcript handed
to the conversation as an `Utterance`; a slow recogniser never holds up the line. The
200 ms before the first voiced frame go to the recogniser too, so a soft first syllable
is not lost to the VAD's threshold.
"""

from __future__ import annotations

import asyncio
import collections
from dataclasses import dataclass
from typing import Any

from channels.voice.call_jobs import Job, Trouble, Utterance
from channels.voice.codec import rms_dbfs, to_float, ulaw_to_pcm16
from channels.voice.stt.base import SttStream
from channels.voice.turns import Kind, Phase, TurnConfig, TurnEvent, TurnTaker
from channels.voice.vad import VadStream

PREROLL_FRAMES = 10  # 200 ms before the first voiced frame go to the recogniser too


@dataclass(frozen=True)
class Finalize:
    """For the recogniser: the caller's turn is over."""

    event: TurnEvent


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

    @property
    def active(self) -> bool:
        """The caller is speaking, or what they said is still on its way to a transcript."""
        return self._recognising or self.turns.phase is not Phase.QUIET or not self._audio.empty()

    def hear(self, ulaw: bytes, at: float, *, talking: bool) -> list[TurnEvent]:
        """One 20 ms frame that arrived `at`, while the receptionist is `talking` or not;
        the turn-taker's events for it (the caller acts on a barge-in)."""
        pcm = ulaw_to_pcm16(ulaw)
        probability = self.vad.feed_pcm(to_float(pcm))
        before = self.turns.phase
        events = self.turns.step(at, probability, rms_dbfs(pcm), talking=talking)
        listening = self.turns.phase is not Phase.QUIET or bool(events)
        if before is Phase.QUIET and listening:
            for frame in self._preroll:
                self._audio.put_nowait(frame)
            self._preroll.clear()
        if listening:
            self._audio.put_nowait(ulaw)
        else:
            self._preroll.append(ulaw)
        for event in events:
            if event.kind is Kind.TURN_END:
                self._audio.put_nowait(Finalize(event))
            elif event.kind is Kind.NOISE:
                self._audio.put_nowait(DISCARD)
        return events

    async def recognise(self, stt: SttStream) -> None:
        """Feed `stt` what `hear` passed on; each finished turn becomes an `Utterance`, a
        recogniser's failure a `Trouble` (the conversation apologises and hands over)."""
        try:
            while True:
                item = await self._audio.get()
                if isinstance(item, bytes):
                    await stt.send(item)
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
