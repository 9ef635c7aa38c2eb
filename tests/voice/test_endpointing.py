"""The end-of-turn policy: what was asked and what was heard so far → the quiet that ends
the turn (channels/voice/endpointing.py)."""

from __future__ import annotations

import pytest

from channels.voice.endpointing import (
    COMPLETE_MS,
    UNFINISHED_MS,
    Pending,
    Verdict,
    end_silence_ms,
    judge,
    known_names,
)
from channels.voice.turns import Kind, TurnConfig, TurnTaker
from core.messages import Language

CHOICE = Pending(
    "choice",
    "I found two people named Sarah: Sarah Chen in Engineering and Sarah Miller in Sales. "
    "Which one do you mean?",
)
CONFIRM = Pending("confirmation", "Tom Baker from Acme, to see Sarah Chen. Is that right?")
NAME = Pending("visitor_name", "May I have your name?")
HOST = Pending("host", "Who are you here to see?")
CODE = Pending("code", "What is your booking code?")
OPEN = Pending()


@pytest.mark.parametrize(
    ("text", "pending", "language"),
    [
        ("I'm here to see", HOST, "en"),
        ("I'm here to see the", OPEN, None),
        ("My name is", NAME, "en"),
        ("Yes, and", CONFIRM, "en"),
        ("It's for a meeting with", OPEN, "en"),
        ("Um", OPEN, "en"),
        ("Mul on kohtumine", HOST, "et"),
        ("Ma tulin ja", OPEN, "et"),
        ("Minu nimi on", NAME, "et"),
        ("Я к", HOST, "ru"),
        ("Меня зовут", NAME, "ru"),
        ("У меня встреча с", OPEN, "ru"),
        ("Я пришёл на", OPEN, None),  # language not known yet: every language's words
        ("I'm here to see…", OPEN, "en"),
        ("my code is", CODE, "en"),
        # fewer digits than a code: a breath between its groups, typed or said in words
        ("482 913", CODE, "en"),
        ("four eight two, nine one three", CODE, "en"),
        ("neli kaheksa kaks", CODE, "et"),
        ("четыреста восемьдесят два", CODE, "ru"),
    ],
)
def test_unfinished_words_wait_longer(text: str, pending: Pending, language: str | None) -> None:
    assert judge(text, pending, language) is Verdict.UNFINISHED  # type: ignore[arg-type]
    ms = end_silence_ms(text, pending, language, usual_ms=640)  # type: ignore[arg-type]
    assert ms == UNFINISHED_MS


@pytest.mark.parametrize(
    ("text", "pending", "language"),
    [
        ("Yes.", CONFIRM, "en"),
        ("yes please", CONFIRM, "en"),
        ("No", CONFIRM, "en"),
        ("Jah.", CONFIRM, "et"),
        ("Ei.", CONFIRM, "et"),
        ("Да", CONFIRM, "ru"),
        ("Нет, нет", CONFIRM, "ru"),
        ("Chen", CHOICE, "en"),
        ("Sarah Miller, please", CHOICE, "en"),
        ("the first one", CHOICE, "en"),
        ("Teine", CHOICE, "et"),
        ("Tom Baker.", NAME, "en"),
        ("Sarah Chen", HOST, "en"),
        ("Мария Иванова", NAME, "ru"),
        ("482 913 5706", CODE, "en"),
        ("four eight two nine one three five seven zero six", CODE, "en"),
        ("neli kaheksa kaks üheksa üks kolm viis seitse null kuus", CODE, "et"),
        ("четыреста восемьдесят два, девятьсот тринадцать, пятьдесят семь ноль шесть", CODE, "ru"),
        ("K7P 2Q", CODE, "en"),
    ],
)
def test_a_complete_answer_ends_soon(text: str, pending: Pending, language: str | None) -> None:
    assert judge(text, pending, language) is Verdict.COMPLETE  # type: ignore[arg-type]
    assert end_silence_ms(text, pending, language, usual_ms=640) == COMPLETE_MS  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("Yes, but actually I wanted something else", CONFIRM),  # more than a yes
        ("Hi, I'm here to see Sarah", OPEN),  # a first name alone: the family name may follow
        ("I want to see you all", OPEN),  # no name after the visiting word
        ("Hi, I'm here to see Sarah Chen, please", OPEN),  # more than the name after it
        ("My name is Tom Baker", OPEN),  # an introduction, with the visit likely to follow
        ("Hi, I'm here to see Sarah Chen about the contract", HOST),  # too long for a name
        ("not sure which", CHOICE),  # "Which" opens the question's sentence: not offered
        ("I found it", CHOICE),
        ("thank you", CODE),
        ("Tom 42", NAME),
        ("", CONFIRM),
    ],
)
def test_anything_else_keeps_the_usual_quiet(text: str, pending: Pending) -> None:
    assert judge(text, pending, "en") is Verdict.OPEN
    assert end_silence_ms(text, pending, "en", usual_ms=640) == 640


def test_nothing_recognised_keeps_the_usual_quiet() -> None:
    assert end_silence_ms(None, CONFIRM, "en", usual_ms=640) == 640
    # …and the policy never makes a turn-taker set to a short wait wait less than it
    assert end_silence_ms("yes", CONFIRM, "en", usual_ms=200) == 200
    assert end_silence_ms("I'm here to see", HOST, "en", usual_ms=1200) == 1200


def _utterance(taker: TurnTaker, voiced_frames: int, t0: float = 0.0) -> float:
    t = t0
    for _ in range(voiced_frames):
        taker.step(t, 0.9, -20.0, talking=False)
        t += 0.02
    return t


def _quiet_until_end(taker: TurnTaker, t: float, limit_frames: int = 200) -> float:
    """Quiet frames until the turn ends; the quiet (ms) it took."""
    for n in range(1, limit_frames):
        events = taker.step(t, 0.0, -70.0, talking=False)
        t += 0.02
        if any(e.kind is Kind.TURN_END for e in events):
            return n * 20.0
    raise AssertionError("the turn never ended")


def test_the_turn_taker_ends_the_utterance_after_the_quiet_it_was_told() -> None:
    taker = TurnTaker(TurnConfig())
    t = _utterance(taker, 20)
    taker.end_after(250, taker.onset)
    assert _quiet_until_end(taker, t) == 260  # the first frame at or past 250 ms of quiet
    # the next utterance starts again from the usual quiet
    t = _utterance(taker, 20, t0=10.0)
    assert _quiet_until_end(taker, t) == 640


def test_a_verdict_for_an_utterance_that_is_over_changes_nothing() -> None:
    taker = TurnTaker(TurnConfig())
    t = _utterance(taker, 20)
    onset = taker.onset
    _quiet_until_end(taker, t)
    t = _utterance(taker, 20, t0=10.0)
    taker.end_after(900, onset)  # late news about the earlier utterance
    assert _quiet_until_end(taker, t) == 640


def test_a_longer_wait_set_mid_pause_carries_a_400_ms_pause() -> None:
    taker = TurnTaker(TurnConfig())
    t = _utterance(taker, 20)
    taker.end_after(UNFINISHED_MS, taker.onset)
    for _ in range(20):  # 400 ms of quiet
        assert not taker.step(t, 0.0, -70.0, talking=False)
        t += 0.02
    t = _utterance(taker, 10, t0=t)
    assert taker.phase.value == "speech"


@pytest.mark.parametrize(
    ("text", "language"),
    [("mhm", "en"), ("ok", "en"), ("jah", "et"), ("okei", "et"), ("ага", "ru"), ("угу", "ru")],
)
def test_a_backchannel_over_the_receptionist_ends_soon(text: str, language: str) -> None:
    # whatever was asked: it is not an answer, and the receptionist waits to carry on
    assert judge(text, HOST, language, overlapped=True) is Verdict.COMPLETE  # type: ignore[arg-type]
    # not over the receptionist, it is judged as an answer to the question: not a code
    assert judge(text, CODE, language) is Verdict.OPEN  # type: ignore[arg-type]


def test_only_a_question_with_a_short_answer_is_worth_a_local_recognition() -> None:
    from channels.voice.endpointing import awaits_short_answer

    assert all(awaits_short_answer(p) for p in (CHOICE, CONFIRM, NAME, HOST, CODE))
    # the greeting: a local recogniser would recognise its long answers at every pause
    assert not awaits_short_answer(OPEN)
    assert not awaits_short_answer(Pending("purpose", "What is the visit about?"))


@pytest.mark.parametrize(
    ("text", "pending", "language"),
    [
        ("I came", HOST, "en"),
        ("Ma tulin", HOST, "et"),
        ("Ma tulin", HOST, None),
        ("Я пришёл", NAME, "ru"),
        ("Мы от", HOST, "ru"),
    ],
)
def test_a_subject_and_a_verb_are_no_name_yet(
    text: str, pending: Pending, language: Language | None
) -> None:
    """After "Whom are you here to see?", "Ma tulin…" (I came…) has no name in it yet:
    it keeps at least the usual quiet, never the short wait of a complete answer."""
    assert judge(text, pending, language) is not Verdict.COMPLETE
    assert end_silence_ms(text, pending, language, usual_ms=640) >= 640


@pytest.mark.parametrize(
    ("text", "language"),
    [("Mina olen Mari", "et"), ("I'm Tom Baker", "en"), ("Я Иван Петров", "ru")],
)
def test_a_subject_a_verb_and_a_name_are_a_whole_answer(text: str, language: Language) -> None:
    assert judge(text, NAME, language) is Verdict.COMPLETE


@pytest.mark.parametrize(
    ("text", "pending", "language"),
    [
        ("Hi, I'm here to see Sarah Chen", OPEN, "en"),
        ("Hi, I'm here to see Sarah Chen.", OPEN, None),
        ("I have an appointment with Priya Patel", OPEN, "en"),
        ("Hi, I'm here to see Sarah Chen", HOST, "en"),
        ("Tere, mul on kohtumine Jüri Tammega", OPEN, "et"),
        ("Mina olen Mari Kask ja tulin Jüri Tamme juurde", OPEN, "et"),
        ("Tulin Jüri Tamme juurde.", OPEN, None),
        ("Здравствуйте, я к Ивану Петрову", OPEN, "ru"),
        ("Я пришёл к Ивану Петрову", HOST, "ru"),
        ("У меня встреча с Иваном Петровым", OPEN, "ru"),
        # a word of naming, when the caller's name was asked
        ("My name is Tom Baker", NAME, "en"),
        ("Minu nimi on Mari Kask", NAME, "et"),
        ("Меня зовут Анна Смирнова", NAME, "ru"),
    ],
)
def test_a_visiting_word_that_got_its_full_name_ends_soon(
    text: str, pending: Pending, language: Language | None
) -> None:
    """ "… to see Sarah Chen": the name the visiting word wanted has come, whole."""
    assert judge(text, pending, language) is Verdict.COMPLETE
    assert end_silence_ms(text, pending, language, usual_ms=640) == COMPLETE_MS


@pytest.mark.parametrize(
    ("text", "language", "verdict"),
    [
        # a copula's object is the visitor: an introduction, the visit still to come
        ("Mina olen Mari Kask", "et", Verdict.OPEN),
        ("I'm Tom Baker", "en", Verdict.OPEN),
        ("Я Анна Смирнова", "ru", Verdict.OPEN),
        ("Tere! Mina olen Mari Kask ettevõttest Telia,", "et", Verdict.UNFINISHED),
        # a first name alone: the family name may follow a breath
        ("I'm here to see Sarah", "en", Verdict.OPEN),
        ("Mul on kohtumine Jüriga", "et", Verdict.OPEN),
        ("Tulin Jüri juurde", "et", Verdict.OPEN),
        ("Я к Ивану", "ru", Verdict.OPEN),
        # the visiting word still wants its name
        ("I'm here to see", "en", Verdict.UNFINISHED),
        ("Mul on kohtumine", "et", Verdict.UNFINISHED),
        ("Я к", "ru", Verdict.UNFINISHED),
        # the name not ending what was said, or no name at all
        ("I'm here to see Sarah Chen about the contract", "en", Verdict.OPEN),
        ("I need to see the Sales Team Lead Today Please", "en", Verdict.OPEN),
        ("Tulin Jüri Tamme", "et", Verdict.OPEN),  # "… juurde" is still to come
        ("Hi, I'm Sarah Chen", "en", Verdict.OPEN),
    ],
)
def test_no_full_name_after_a_visiting_word_keeps_at_least_the_usual_quiet(
    text: str, language: Language, verdict: Verdict
) -> None:
    assert judge(text, OPEN, language) is verdict
    assert end_silence_ms(text, OPEN, language, usual_ms=640) >= 640


def test_a_name_the_directory_knows_is_whole_however_it_is_written() -> None:
    """A recogniser that writes names in small letters: the directory's names say which
    words make a full name (with a case ending: "jüri tammega" for Jüri Tamm)."""
    names = known_names(["Sarah Chen", "Jüri Tamm", "Sarah", "Priya Patel"])
    assert names == {"sarah chen", "jüri tamm", "priya patel"}  # a first name alone is not
    assert judge("i'm here to see sarah chen", OPEN, "en", names=names) is Verdict.COMPLETE
    assert judge("mul on kohtumine jüri tammega", OPEN, "et", names=names) is Verdict.COMPLETE
    assert judge("i'm here to see sarah chen", OPEN, "en") is Verdict.OPEN
    assert judge("i'm here to see tom baker", OPEN, "en", names=names) is Verdict.OPEN
