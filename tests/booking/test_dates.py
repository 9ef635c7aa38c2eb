"""The rule layer for dates and times: what visitors say → a day and a clock time."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from core.dates.hours import HoursError, OpeningHours
from core.dates.parse import parse_when
from core.messages import VOICE_STYLE, WEB_STYLE
from core.replies.values import Code, Hours, When

TODAY = date(2026, 3, 12)  # a Thursday


@pytest.mark.parametrize(
    ("said", "day", "at"),
    [
        # the issue's own examples, where dateparser alone fails
        ("homme kell 14", date(2026, 3, 13), time(14)),
        ("järgmisel esmaspäeval", date(2026, 3, 16), None),
        ("ülehomme", date(2026, 3, 14), None),
        ("завтра в два часа дня", date(2026, 3, 13), time(14)),
        ("в пятницу в 9", date(2026, 3, 13), time(9)),
        ("next Tuesday at 2pm", date(2026, 3, 17), time(14)),
        ("Tulen homme kell 14 Jüri Tamme juurde", date(2026, 3, 13), time(14)),
        ("Хочу прийти к Ивану Петрову в пятницу в 10 утра", date(2026, 3, 13), time(10)),
        # relative days and weekdays
        ("today at 5pm", TODAY, time(17)),
        ("tomorrow morning at 9:30", date(2026, 3, 13), time(9, 30)),
        ("the day after tomorrow at 10", date(2026, 3, 14), time(10)),
        ("послезавтра в 11", date(2026, 3, 14), time(11)),
        ("Thursday", date(2026, 3, 19), None),  # today is Thursday: the next one
        ("this Friday", date(2026, 3, 13), None),
        ("sel reedel kell 11", date(2026, 3, 13), time(11)),
        ("в следующий вторник в 15:00", date(2026, 3, 17), time(15)),
        ("kolmapäeval kell üksteist", date(2026, 3, 18), time(11)),
        ("в среду", date(2026, 3, 18), None),
        ("in two weeks", date(2026, 3, 26), None),
        ("kahe nädala pärast", date(2026, 3, 26), None),
        ("через неделю", date(2026, 3, 19), None),
        # absolute days in every case form
        ("15. märtsil kell 10", date(2026, 3, 15), time(10)),
        ("15 марта в 10:00", date(2026, 3, 15), time(10)),
        ("March 15 at 10am", date(2026, 3, 15), time(10)),
        ("the 20th of April", date(2026, 4, 20), None),
        ("1. mail", date(2026, 5, 1), None),
        ("9 мая", date(2026, 5, 9), None),
        ("14.03", date(2026, 3, 14), None),
        ("12/04", date(2026, 4, 12), None),
        ("2026-04-01 9:00", date(2026, 4, 1), time(9)),
        ("10 March", date(2027, 3, 10), None),
        ("1 January 2020", date(2020, 1, 1), None),
        ("March 3, 2027 at 9", date(2027, 3, 3), time(9)),
        (
            "5. aprillil 2026 kell 9",
            date(2026, 4, 5),
            time(9),
        ),  # already past this year: next year's
        # clock times: hours, number words, halves and quarters, parts of the day
        ("14:30", None, time(14, 30)),
        ("14.30", None, time(14, 30)),
        ("kell 10.15", None, time(10, 15)),
        ("at 2", None, time(14)),  # an office visit at "2" is in the afternoon
        ("at 8", None, time(8)),
        ("at 12", None, time(12)),
        ("at ten", None, time(10)),
        ("ten o'clock", None, time(10)),
        ("at 3 in the afternoon", None, time(15)),
        ("9 in the evening", None, time(21)),
        ("10 hommikul", None, time(10)),
        ("at noon", None, time(12)),
        ("half past two", None, time(14, 30)),
        ("quarter to three", None, time(14, 45)),
        ("kell kaks", None, time(14)),
        ("kell pool kolm", None, time(14, 30)),
        ("в два часа", None, time(14)),
        ("в час дня", None, time(13)),
        ("в 9 вечера", None, time(21)),
        ("полтретьего", None, time(14, 30)),
        ("в половине третьего", None, time(14, 30)),
        ("в пол третьего", None, time(14, 30)),
        ("без четверти три", None, time(14, 45)),
        # nothing to read
        ("Tom Baker", None, None),
        ("hello there", None, None),
    ],
)
def test_what_visitors_say(said: str, day: date | None, at: time | None) -> None:
    found = parse_when(said, today=TODAY)
    assert (found.day, found.at) == (day, at)


@pytest.mark.parametrize("said", ["next week", "järgmisel nädalal", "на следующей неделе"])
def test_a_week_without_a_day_is_vague(said: str) -> None:
    found = parse_when(said, today=TODAY)
    assert found.vague and found.day is None


@pytest.mark.parametrize(("said", "at"), [("2", time(14)), ("14", time(14)), ("kaks", time(14))])
def test_a_bare_number_is_an_hour_only_when_a_time_was_asked(said: str, at: time) -> None:
    assert parse_when(said, today=TODAY, bare_hour=True).at == at
    assert parse_when(said, today=TODAY).at is None


def test_opening_hours_parse_check_and_print() -> None:
    hours = OpeningHours.parse("mon-fri 08:00-12:00, 13:00-18:00; Sat 10:00-14:00")
    assert str(hours) == "Mon-Fri 08:00-12:00, 13:00-18:00; Sat 10:00-14:00"
    assert hours.is_open(datetime(2026, 3, 12, 8, 0))
    assert not hours.is_open(datetime(2026, 3, 12, 12, 30))  # lunch
    assert not hours.is_open(datetime(2026, 3, 12, 18, 0))  # closing time
    assert not hours.is_open(datetime(2026, 3, 15, 11, 0))  # Sunday
    for bad, reason in [
        ("", "empty"),
        ("Mon-Fri", "needs hours"),
        ("Mon-Fri 18:00-08:00", "closes before it opens"),
        ("Xyz 08:00-10:00", "not a day"),
        ("Mon 08:00-12:00; Mon 11:00-13:00", "overlap"),
        ("Mon 25:00-26:00", "not a valid time"),
    ]:
        with pytest.raises(HoursError, match=reason):
            OpeningHours.parse(bad)


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        (
            "en",
            "Tuesday 17 March at 14:00",
            "Tuesday the seventeenth of March at two in the afternoon",
        ),
        (
            "et",
            "teisipäeval, 17. märtsil kell 14.00",
            "teisipäeval, seitsmeteistkümnendal märtsil kell neliteist",
        ),
        (
            "ru",
            "во вторник, 17 марта, в 14:00",
            "во вторник, семнадцатого марта, в четырнадцать часов",
        ),
    ],
)
def test_a_moment_read_and_heard(language: str, written: str, spoken: str) -> None:
    when = When(datetime(2026, 3, 17, 14, 0))
    assert when.render(language, WEB_STYLE) == written  # type: ignore[arg-type]
    assert when.render(language, VOICE_STYLE) == spoken  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        (
            "en",
            "Monday to Friday, 8:00–18:00",
            "Monday to Friday, from eight in the morning to six in the evening",
        ),
        (
            "et",
            "esmaspäevast reedeni kell 8.00–18.00",
            "esmaspäevast reedeni kella kaheksast kaheksateistkümneni",
        ),
        (
            "ru",
            "с понедельника по пятницу с 8:00 до 18:00",
            "с понедельника по пятницу с восьми до восемнадцати",
        ),
    ],
)
def test_opening_hours_read_and_heard(language: str, written: str, spoken: str) -> None:
    hours = Hours(OpeningHours.parse("Mon-Fri 08:00-18:00"))
    assert hours.render(language, WEB_STYLE) == written  # type: ignore[arg-type]
    assert hours.render(language, VOICE_STYLE) == spoken  # type: ignore[arg-type]


def test_codes_are_grouped_to_read_and_spelled_to_hear() -> None:
    assert Code("482913").render("en", WEB_STYLE) == "482 913"
    assert Code("482913").render("en", VOICE_STYLE) == "four eight two, nine one three"
    assert Code("482913").render("ru", VOICE_STYLE) == "четыре восемь два, девять один три"
