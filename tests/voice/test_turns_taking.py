"""Turn-taking, fed synthetic VAD sequences: 20 ms frames of (probability, loudness)."""

from __future__ import annotations

import pytest

from channels.voice.turns import Kind, TurnConfig, TurnEvent, TurnTaker, is_backchannel

LOUD = -20.0  # a caller close to the phone
QUIET_VOICE = -45.0  # chatter across the lobby


def run(
    frames: list[tuple[float, float]],
    *,
    talking: bool = False,
    taker: TurnTaker | None = None,
    start: int = 0,
) -> list[tuple[int, TurnEvent]]:
    taker = taker or TurnTaker()
    out: list[tuple[int, TurnEvent]] = []
    for i, (prob, dbfs) in enumerate(frames, start):
        out.extend((i, e) for e in taker.step(i * 0.02, prob, dbfs, talking=talking))
    return out


def speech(ms: float, dbfs: float = LOUD, prob: float = 0.9) -> list[tuple[float, float]]:
    return [(prob, dbfs)] * int(ms // 20)


def silence(ms: float) -> list[tuple[float, float]]:
    return [(0.02, -70.0)] * int(ms // 20)


def kinds(events: list[tuple[int, TurnEvent]]) -> list[Kind]:
    return [e.kind for _, e in events]


def test_an_utterance_starts_after_a_few_voiced_frames_and_ends_after_the_silence() -> None:
    events = run(silence(200) + speech(1000) + silence(1000))
    assert kinds(events) == [Kind.SPEECH_START, Kind.TURN_END]
    (start_frame, start), (end_frame, end) = events
    assert start.onset == pytest.approx(10 * 0.02)  # the first voiced frame
    assert start_frame == 10 + 4  # 100 ms of voice
    assert end_frame == 10 + 50 + 31  # 640 ms of quiet after the last voiced frame
    assert end.voiced_ms == pytest.approx(1000)
    assert not end.overlapped


def test_short_pauses_are_waited_through() -> None:
    frames = speech(600) + silence(400) + speech(400) + silence(500) + speech(300) + silence(700)
    assert kinds(run(frames)) == [Kind.SPEECH_START, Kind.TURN_END]


def test_the_end_of_turn_silence_is_configurable() -> None:
    taker = TurnTaker(TurnConfig(end_silence_ms=300))
    events = run(speech(600) + silence(400) + speech(400) + silence(400), taker=taker)
    assert kinds(events) == [Kind.SPEECH_START, Kind.TURN_END, Kind.SPEECH_START, Kind.TURN_END]


def test_a_blip_is_noise_not_speech() -> None:
    assert kinds(run(silence(100) + speech(60) + silence(500))) == [Kind.NOISE]


def test_hysteresis_keeps_a_wavering_utterance_going() -> None:
    wavering = [(0.9, LOUD), (0.4, LOUD)] * 30  # 0.4 would not start one, but keeps it
    assert kinds(run(wavering + silence(700))) == [Kind.SPEECH_START, Kind.TURN_END]


def test_steady_noise_below_the_threshold_is_nothing() -> None:
    assert run([(0.2, -30.0)] * 500) == []


def test_loud_sustained_speech_barges_in_quickly() -> None:
    events = run(silence(100) + speech(800) + silence(700), talking=True)
    assert kinds(events) == [Kind.SPEECH_START, Kind.BARGE_IN, Kind.TURN_END]
    frame, barge = events[1]
    assert (frame - 5) * 20 + 20 == 180  # decided after 180 ms of loud voice
    assert barge.overlapped and events[2][1].overlapped


def test_no_barge_in_while_the_receptionist_is_quiet() -> None:
    assert Kind.BARGE_IN not in kinds(run(speech(800) + silence(700)))


def test_a_cough_does_not_barge_in() -> None:
    cough = speech(120, dbfs=-10.0, prob=0.7)
    events = run(silence(100) + cough + silence(700), talking=True)
    assert Kind.BARGE_IN not in kinds(events)
    assert kinds(events) == [Kind.SPEECH_START, Kind.NOISE]  # too little voice for a turn


def test_quiet_voices_in_the_lobby_do_not_barge_in() -> None:
    events = run(speech(2000, dbfs=QUIET_VOICE) + silence(700), talking=True)
    assert Kind.BARGE_IN not in kinds(events)
    assert kinds(events) == [Kind.SPEECH_START, Kind.TURN_END]  # still heard, as overlap


def test_choppy_loud_sounds_do_not_add_up_to_a_barge_in() -> None:
    knocks = (speech(60, dbfs=-12.0) + silence(120)) * 10
    taker = TurnTaker(TurnConfig(keep_threshold=0.5))
    assert Kind.BARGE_IN not in kinds(run(knocks, talking=True, taker=taker))


def test_a_short_gap_does_not_restart_the_barge_in_count() -> None:
    frames = speech(100) + silence(40) + speech(100) + silence(700)
    events = run(frames, talking=True)
    assert Kind.BARGE_IN in kinds(events)


def test_one_barge_in_per_utterance() -> None:
    events = run(speech(2000) + silence(700), talking=True)
    assert kinds(events).count(Kind.BARGE_IN) == 1


def test_a_short_overlapping_utterance_ends_as_an_overlapped_turn() -> None:
    taker = TurnTaker(TurnConfig(barge_in_ms=400))
    events = run(speech(300) + silence(700), talking=True, taker=taker)
    assert kinds(events) == [Kind.SPEECH_START, Kind.TURN_END]
    assert events[-1][1].overlapped


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mhm.", "en"),
        ("OK", "en"),
        ("Okay, okay.", "en"),
        ("uh-huh", "en"),
        ("Jah.", "et"),
        ("Ahaa", "et"),
        ("Ага", "ru"),
        ("Да-да", "ru"),
        ("угу", "ru"),
        ("ok", "ru"),  # English listener noises count in every language
        ("", "en"),  # nothing recognised: nothing to answer
        ("ага", None),
    ],
)
def test_backchannels(text: str, language: str | None) -> None:
    assert is_backchannel(text, language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chen!", "en"),
        ("Sarah Miller", "en"),
        ("ok but I wanted Sarah", "en"),
        ("No", "en"),
        ("Mari Tamm", "et"),
        ("Иван", "ru"),
        ("jah", "en"),  # Estonian "yes" is not an English listener noise
    ],
)
def test_not_backchannels(text: str, language: str | None) -> None:
    assert not is_backchannel(text, language)  # type: ignore[arg-type]
