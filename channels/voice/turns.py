"""Turn-taking on the phone: when the caller starts, when they are done, when they cut in.

A small pure state machine, fed one 20 ms frame at a time with the frame's arrival time,
the VAD's speech probability and the frame's loudness, and told whether the receptionist
is talking. It answers events; the call acts on them (feed the recogniser, finalize it,
stop talking). Nothing here touches audio, time or I/O, so it is tested with synthetic
probability sequences.

- **Start**: a few voiced frames (`start_ms`) make an utterance; a shorter voiced blip
  followed by quiet is `Noise` (a click, a door, a cough).
- **End of turn**: `end_silence_ms` of quiet after speech; shorter pauses (a breath, "um")
  are waited through. A "turn" with too little voiced audio in it is `Noise`. The listener
  may change the quiet that ends the utterance in progress (`end_after`) once it knows what
  was said so far (endpointing.py: a complete answer ends sooner, unfinished words later);
  a new utterance starts again from `end_silence_ms`.
- **Barge-in**: while the receptionist talks, the caller's speech must be loud
  (`barge_in_dbfs`: lobby chatter and a far-away voice are quieter) and sustained
  (`barge_in_ms` of loud voiced audio with no long gap): a cough is too short. The decision
  comes `barge_in_ms` after the first voiced frame, and the call stops talking at once.
- **Backchannels** ("mhm", "ok", "jah", "ага") are not a turn: once the utterance is
  recognised, `is_backchannel` tells the call to drop it and carry on with what the
  receptionist was saying. Only an utterance that began while the receptionist talked can
  be one; the same "ok" said after a question is an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from core.messages import Language

FRAME_MS = 20.0


@dataclass(frozen=True, slots=True)
class TurnConfig:
    speech_threshold: float = 0.5  # VAD probability at which a frame counts as voiced …
    keep_threshold: float = 0.35  # … and below which an ongoing utterance counts as quiet
    start_ms: float = 100.0  # voiced audio that makes an utterance
    onset_gap_ms: float = 100.0  # quiet that abandons an utterance not yet started
    min_turn_ms: float = 160.0  # voiced audio a turn needs, else it was noise
    end_silence_ms: float = 640.0  # quiet that ends the caller's turn
    barge_in_ms: float = 180.0  # loud voiced audio that interrupts the receptionist
    barge_in_gap_ms: float = 80.0  # a longer gap starts the barge-in count again
    barge_in_dbfs: float = -36.0  # how loud (frame RMS) the caller's speech must be


class Kind(StrEnum):
    SPEECH_START = "speech_start"  # the caller began an utterance (onset = its first frame)
    NOISE = "noise"  # what looked like an utterance was not one: forget its audio
    TURN_END = "turn_end"  # the caller finished: recognise and answer
    BARGE_IN = "barge_in"  # the caller cuts in: stop talking now


@dataclass(frozen=True, slots=True)
class TurnEvent:
    kind: Kind
    at: float  # the time of the frame that decided it
    onset: float  # the first voiced frame of the utterance
    voiced_ms: float = 0.0
    overlapped: bool = False  # the utterance began while the receptionist was talking


class Phase(StrEnum):
    QUIET = "quiet"
    ONSET = "onset"  # voiced frames, not yet enough to be an utterance
    SPEECH = "speech"  # an utterance, possibly in a pause


@dataclass
class TurnTaker:
    """One call's turn-taking. `step` once per incoming frame."""

    config: TurnConfig = field(default_factory=TurnConfig)
    phase: Phase = Phase.QUIET
    _onset: float = 0.0
    _voiced_ms: float = 0.0
    _quiet_ms: float = 0.0
    _loud_ms: float = 0.0
    _loud_gap_ms: float = 0.0
    _overlapped: bool = False
    _barged: bool = False
    _end_ms: float | None = None  # this utterance's own end-of-turn quiet (`end_after`)

    def step(self, at: float, probability: float, dbfs: float, *, talking: bool) -> list[TurnEvent]:
        cfg = self.config
        threshold = cfg.speech_threshold if self.phase is Phase.QUIET else cfg.keep_threshold
        voiced = probability >= threshold
        events: list[TurnEvent] = []
        if self.phase is Phase.QUIET:
            if not voiced:
                return events
            self._begin(at, talking)
        elif voiced:
            self._voiced_ms += FRAME_MS
            self._quiet_ms = 0.0
        else:
            self._quiet_ms += FRAME_MS
        self._count_loud(voiced and dbfs >= cfg.barge_in_dbfs)

        if self.phase is Phase.ONSET:
            if self._quiet_ms >= cfg.onset_gap_ms:
                events.append(self._event(Kind.NOISE, at))
                self._reset()
                return events
            if self._voiced_ms >= cfg.start_ms:
                self.phase = Phase.SPEECH
                events.append(self._event(Kind.SPEECH_START, at))
        if talking and not self._barged and self._loud_ms >= cfg.barge_in_ms:
            self._barged = True
            self._overlapped = True
            events.append(self._event(Kind.BARGE_IN, at))
        if self.phase is Phase.SPEECH and self._quiet_ms >= self.end_silence_ms:
            kind = Kind.TURN_END if self._voiced_ms >= cfg.min_turn_ms else Kind.NOISE
            events.append(self._event(kind, at))
            self._reset()
        return events

    @property
    def barged(self) -> bool:
        """The utterance in progress already interrupted the receptionist."""
        return self._barged

    @property
    def onset(self) -> float:
        """The first voiced frame of the utterance in progress."""
        return self._onset

    @property
    def overlapped(self) -> bool:
        """The utterance in progress began while the receptionist talked."""
        return self._overlapped

    @property
    def voiced_ms(self) -> float:
        """Voiced audio in the utterance in progress so far."""
        return self._voiced_ms

    @property
    def quiet_ms(self) -> float:
        """How long the utterance in progress has been quiet (0 while the caller speaks)."""
        return self._quiet_ms

    @property
    def end_silence_ms(self) -> float:
        """The quiet that ends the utterance in progress."""
        return self.config.end_silence_ms if self._end_ms is None else self._end_ms

    def end_after(self, ms: float, onset: float) -> None:
        """End the utterance that began at `onset` after `ms` of quiet (from the next
        frame on; a pause already that long ends it then). Ignored if it is over."""
        if self.phase is not Phase.QUIET and onset == self._onset:
            self._end_ms = ms

    def _begin(self, at: float, talking: bool) -> None:
        self.phase = Phase.ONSET
        self._onset = at
        self._voiced_ms = FRAME_MS
        self._quiet_ms = 0.0
        self._loud_ms = 0.0
        self._loud_gap_ms = 0.0
        self._overlapped = talking
        self._barged = False
        self._end_ms = None

    def _count_loud(self, loud: bool) -> None:
        if loud:
            self._loud_ms += FRAME_MS
            self._loud_gap_ms = 0.0
            return
        self._loud_gap_ms += FRAME_MS
        if self._loud_gap_ms > self.config.barge_in_gap_ms:
            self._loud_ms = 0.0

    def _event(self, kind: Kind, at: float) -> TurnEvent:
        return TurnEvent(kind, at, self._onset, self._voiced_ms, self._overlapped)

    def _reset(self) -> None:
        self.phase = Phase.QUIET
        self._voiced_ms = self._quiet_ms = self._loud_ms = self._loud_gap_ms = 0.0
        self._overlapped = self._barged = False
        self._end_ms = None


# --- backchannels -----------------------------------------------------------------------
# Sounds and words a listener makes to say "go on", per language. English ones are heard in
# every language (callers mix "ok" into anything).


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


BACKCHANNELS: dict[Language, frozenset[str]] = {
    "en": _words(
        "mhm mm mmm hm hmm uh-huh uhhuh uh huh ok okay alright right yeah yep yup sure "
        "aha ah oh i see got it cool"
    ),
    "et": _words("jah jaa jah-jah mhm mhmh ahaa aha selge okei hästi nojah just"),
    "ru": _words("ага угу ну да так понятно хорошо ясно ладно окей ок ясненько мгм"),
}
MAX_BACKCHANNEL_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def is_backchannel(text: str, language: Language | None) -> bool:
    """A few words, all of them listener noises ("mhm", "ok ok", "да-да") — or nothing."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) > MAX_BACKCHANNEL_WORDS:
        return False
    known = BACKCHANNELS["en"] | (BACKCHANNELS[language] if language else frozenset())
    if language is None:
        known = known.union(*BACKCHANNELS.values())
    return all(w in known or _repeated(w, known) for w in words)


def _repeated(word: str, known: frozenset[str]) -> bool:
    """ "да-да", "ok-ok": a listener noise said twice in one token."""
    parts = word.split("-")
    return len(parts) > 1 and all(p in known for p in parts)
