"""Days, times and opening hours as the receptionist says them, written and spoken.

Written: "Tuesday 17 March at 14:00", "teisipäeval, 17. märtsil kell 14.00", "во вторник,
17 марта, в 14:00". Spoken (no digits): "Tuesday the seventeenth of March at two in the
afternoon", "teisipäeval, seitsmeteistkümnendal märtsil kell neliteist", "во вторник,
семнадцатого марта, в четырнадцать часов". Estonian and Russian need the case forms of
weekdays and months that a date takes; they are tabled here (numbers: `core.text.numbers`).
"""

from __future__ import annotations

from datetime import date, datetime, time

from num2words import num2words

from core.dates.hours import Interval, OpeningHours
from core.messages import Language
from core.text.numbers import (
    et_genitive,
    et_ordinal_adessive,
    number_words,
    ru_genitive,
    ru_ordinal_genitive,
    ru_plural,
)

EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ET_DAY_STEMS = ("esmaspäev", "teisipäev", "kolmapäev", "neljapäev", "reede", "laupäev", "pühapäev")
ET_MONTHS_ON = [
    "jaanuaril",
    "veebruaril",
    "märtsil",
    "aprillil",
    "mail",
    "juunil",
    "juulil",
    "augustil",
    "septembril",
    "oktoobril",
    "novembril",
    "detsembril",
]
RU_DAYS_ON = (
    "в понедельник",
    "во вторник",
    "в среду",
    "в четверг",
    "в пятницу",
    "в субботу",
    "в воскресенье",
)
RU_DAYS_FROM = (
    "понедельника",
    "вторника",
    "среды",
    "четверга",
    "пятницы",
    "субботы",
    "воскресенья",
)
RU_DAYS_TO = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")
RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]

# --- a clock time -----------------------------------------------------------------------


def say_time(t: time, language: Language, *, spoken: bool) -> str:
    """The time alone, without "at"/"kell"/"в"."""
    if not spoken:
        sep = "." if language == "et" else ":"
        return f"{t.hour}{sep}{t.minute:02d}"
    if language == "en":
        return _en_spoken_time(t)
    hour = number_words(t.hour, language)
    if t.minute:
        minutes = number_words(t.minute, language)
        zero = {"et": "null", "ru": "ноль"}[language]
        return f"{hour} {zero} {minutes}" if t.minute < 10 else f"{hour} {minutes}"
    if language == "ru":
        return f"{hour} {ru_plural(t.hour, 'час', 'часа', 'часов')}"
    return hour


def _en_spoken_time(t: time) -> str:
    if (t.hour, t.minute) == (12, 0):
        return "noon"
    if (t.hour, t.minute) == (0, 0):
        return "midnight"
    hour = number_words(t.hour % 12 or 12, "en")
    minutes = ""
    if t.minute:
        minutes = " " + ("oh " if t.minute < 10 else "") + number_words(t.minute, "en")
    part = "in the morning" if t.hour < 12 else "in the afternoon" if t.hour < 17 else "at night"
    if 17 <= t.hour < 22:
        part = "in the evening"
    return f"{hour}{minutes} {part}"


# --- a day, and a day with a time -------------------------------------------------------


def say_day(d: date, language: Language, *, spoken: bool, today: date | None = None) -> str:
    weekday, month = d.weekday(), d.month - 1
    year = f" {d.year}" if today and d.year != today.year and not spoken else ""
    if language == "en":
        if spoken:
            ordinal = num2words(d.day, to="ordinal")
            return f"{EN_DAYS[weekday]} the {ordinal} of {EN_MONTHS[month]}"
        return f"{EN_DAYS[weekday]} {d.day} {EN_MONTHS[month]}{year}"
    if language == "et":
        day = et_ordinal_adessive(d.day) if spoken else f"{d.day}."
        return f"{_et_day(weekday, 'l', 'al')}, {day} {ET_MONTHS_ON[month]}{year}"
    day = ru_ordinal_genitive(d.day) if spoken else str(d.day)
    return f"{RU_DAYS_ON[weekday]}, {day} {RU_MONTHS[month]}{year}"


def _et_day(weekday: int, after_vowel: str, after_consonant: str) -> str:
    """A weekday in an Estonian case: "reedel"/"teisipäeval", "reedest"/"esmaspäevast"."""
    stem = ET_DAY_STEMS[weekday]
    return stem + (after_vowel if stem.endswith("e") else after_consonant)


def say_when(
    moment: datetime, language: Language, *, spoken: bool, today: date | None = None
) -> str:
    """A local date and time: "Tuesday 17 March at 14:00" and its two siblings."""
    day = say_day(moment.date(), language, spoken=spoken, today=today)
    clock = say_time(moment.time(), language, spoken=spoken)
    return {"en": f"{day} at {clock}", "et": f"{day} kell {clock}", "ru": f"{day}, в {clock}"}[
        language
    ]


# --- opening hours ----------------------------------------------------------------------


def say_hours(hours: OpeningHours, language: Language, *, spoken: bool) -> str:
    """ "Monday to Friday, 8:00–18:00", "esmaspäevast reedeni kell 8.00–18.00", …"""
    parts = [
        f"{_days(first, last, language)} {say_intervals(intervals, language, spoken)}"
        for first, last, intervals in hours.groups()
    ]
    joiner = {"en": " and ", "et": " ning ", "ru": ", а "}[language] if spoken else "; "
    return joiner.join(parts)


def _days(first: int, last: int, language: Language) -> str:
    if language == "en":
        return EN_DAYS[first] + ("," if first == last else f" to {EN_DAYS[last]},")
    if language == "et":
        if first == last:
            return _et_day(first, "l", "al")
        return f"{_et_day(first, 'st', 'ast')} {_et_day(last, 'ni', 'ani')}"
    if first == last:
        return RU_DAYS_ON[first]
    return f"с {RU_DAYS_FROM[first]} по {RU_DAYS_TO[last]}"


def say_intervals(intervals: tuple[Interval, ...], language: Language, spoken: bool) -> str:
    """The hours of one day: "8:00–18:00", "kella kaheksast kaheksateistkümneni"."""
    said = [_interval(a, b, language, spoken) for a, b in intervals]
    return {"en": " and ", "et": " ja ", "ru": " и "}[language].join(said)


def _interval(start: time, end: time, language: Language, spoken: bool) -> str:
    if not spoken:
        a, b = say_time(start, language, spoken=False), say_time(end, language, spoken=False)
        if language == "ru":
            return f"с {a} до {b}"
        return f"{'kell ' if language == 'et' else ''}{a}–{b}"
    if language == "en":
        return f"from {_en_spoken_time(start)} to {_en_spoken_time(end)}"
    if language == "et":
        return f"kella {_et_case(start, 'st')} {_et_case(end, 'ni')}"
    return f"с {_ru_case(start)} до {_ru_case(end)}"


def _et_case(t: time, ending: str) -> str:
    """Only the last number of a time inflects: "kaheksast", "kaheksa kolmekümnest"."""
    if t.minute:
        return f"{number_words(t.hour, 'et')} {et_genitive(t.minute)}{ending}"
    return et_genitive(t.hour) + ending


def _ru_case(t: time) -> str:
    if t.minute:
        return f"{ru_genitive(t.hour)} {ru_genitive(t.minute)}"
    return ru_genitive(t.hour)
