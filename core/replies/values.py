"""Values a sentence reads differently per language and style: a moment, a day, a booking
code, opening hours. `render` calls their `render(language, style)`; the flow passes them
as `Say` parameters and never formats a date itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from core import codes
from core.dates.hours import OpeningHours
from core.dates.say import say_day, say_hours, say_intervals, say_time, say_when
from core.messages import ChannelStyle, Language
from core.text.numbers import number_words


@dataclass(frozen=True, slots=True)
class When:
    moment: datetime  # in the office's time zone

    def render(self, language: Language, style: ChannelStyle) -> str:
        return say_when(self.moment, language, spoken=style.spoken)


@dataclass(frozen=True, slots=True)
class Day:
    day: date

    def render(self, language: Language, style: ChannelStyle) -> str:
        return say_day(self.day, language, spoken=style.spoken)


@dataclass(frozen=True, slots=True)
class Clock:
    at: time

    def render(self, language: Language, style: ChannelStyle) -> str:
        return say_time(self.at, language, spoken=style.spoken)


@dataclass(frozen=True, slots=True)
class Hours:
    """The opening hours, or with `weekday` only that day's."""

    hours: OpeningHours
    weekday: int | None = None

    def render(self, language: Language, style: ChannelStyle) -> str:
        if self.weekday is None:
            return say_hours(self.hours, language, spoken=style.spoken)
        return say_intervals(self.hours.intervals(self.weekday), language, style.spoken)


@dataclass(frozen=True, slots=True)
class Code:
    """A booking code: "482 913 5706" to read, "four eight two, nine one three, five seven
    zero six" to hear (core/codes.py)."""

    value: str

    def render(self, language: Language, style: ChannelStyle) -> str:
        groups = codes.groups(self.value)
        if not style.spoken:
            return " ".join(groups)
        return ", ".join(
            " ".join(number_words(int(c), language) if c.isdigit() else c for c in g)
            for g in groups
        )
