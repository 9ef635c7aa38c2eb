"""Opening hours: when visitors may be booked, and what the receptionist says when asked.

Written the way an office manager would type them: `Mon-Fri 08:00-18:00; Sat 10:00-14:00`
(days Mon…Sun, ranges or single days, several intervals per day separated by commas). The
text form is what is stored (the office settings) and shown in the admin UI; `parse`
refuses anything it cannot read with a message that says what is wrong.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import datetime, time

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_INDEX = {name.casefold(): i for i, name in enumerate(DAY_NAMES)}
_TIME = r"(\d{1,2})[:.](\d{2})"
_INTERVAL = re.compile(rf"^{_TIME}\s*[-–]\s*{_TIME}$")
_DAYS = re.compile(r"^([A-Za-z]{3})(?:\s*[-–]\s*([A-Za-z]{3}))?$")

Interval = tuple[time, time]


class HoursError(ValueError):
    """Opening hours that cannot be read; `code` and `values` let a UI say why in its own
    language."""

    def __init__(self, message: str, code: str, **values: str) -> None:
        super().__init__(message)
        self.code, self.values = code, values


@dataclass(frozen=True, slots=True)
class OpeningHours:
    days: tuple[tuple[Interval, ...], ...]  # seven entries, Monday first

    @classmethod
    def parse(cls, text: str) -> OpeningHours:
        days: list[list[Interval]] = [[] for _ in range(7)]
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        if not parts:
            raise HoursError("opening hours are empty (write e.g. 'Mon-Fri 08:00-18:00')", "empty")
        for part in parts:
            head, _, ranges = part.partition(" ")
            for index in _day_range(head.strip()):
                for interval in _intervals(ranges, part):
                    days[index].append(interval)
        for intervals in days:
            intervals.sort()
            for (_, end), (start, _) in itertools.pairwise(intervals):
                if start < end:
                    raise HoursError(
                        f"opening hours overlap in {text.strip()!r}", "overlap", text=text.strip()
                    )
        return cls(tuple(tuple(d) for d in days))

    def intervals(self, weekday: int) -> tuple[Interval, ...]:
        return self.days[weekday]

    def is_open(self, moment: datetime) -> bool:
        """Whether a visit may start at this local time (opening ≤ t < closing)."""
        clock = moment.time().replace(tzinfo=None)
        return any(start <= clock < end for start, end in self.days[moment.weekday()])

    def open_days(self) -> list[int]:
        return [i for i, intervals in enumerate(self.days) if intervals]

    def __str__(self) -> str:
        """The canonical text, consecutive days with equal hours grouped: 'Mon-Fri …'."""
        out: list[str] = []
        for first, last, intervals in self.groups():
            span = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}-{DAY_NAMES[last]}"
            out.append(f"{span} " + ", ".join(f"{_hm(a)}-{_hm(b)}" for a, b in intervals))
        return "; ".join(out)

    def groups(self) -> list[tuple[int, int, tuple[Interval, ...]]]:
        """Runs of consecutive open days with the same hours: (first, last, intervals)."""
        runs: list[tuple[int, int, tuple[Interval, ...]]] = []
        for day, intervals in enumerate(self.days):
            if not intervals:
                continue
            if runs and runs[-1][1] == day - 1 and runs[-1][2] == intervals:
                runs[-1] = (runs[-1][0], day, intervals)
            else:
                runs.append((day, day, intervals))
        return runs


def _hm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _day_range(head: str) -> list[int]:
    m = _DAYS.match(head)
    if m is None:
        raise HoursError(
            f"'{head}' is not a day or a range of days (Mon, Tue-Fri …)", "days", part=head
        )
    first = _DAY_INDEX.get(m[1].casefold())
    last = _DAY_INDEX.get((m[2] or m[1]).casefold())
    if first is None or last is None or last < first:
        raise HoursError(
            f"'{head}' is not a day or a range of days (Mon, Tue-Fri …)", "days", part=head
        )
    return list(range(first, last + 1))


def _intervals(text: str, part: str) -> list[Interval]:
    found: list[Interval] = []
    for chunk in text.split(","):
        m = _INTERVAL.match(chunk.strip())
        if m is None:
            raise HoursError(
                f"'{part}' needs hours like 08:00-18:00 after the days", "no_hours", part=part
            )
        try:
            start = time(int(m[1]), int(m[2]))
            end = time(23, 59, 59) if (m[3], m[4]) == ("24", "00") else time(int(m[3]), int(m[4]))
        except ValueError:
            raise HoursError(
                f"'{chunk.strip()}' is not a valid time range", "range", part=chunk.strip()
            ) from None
        if end <= start:
            raise HoursError(
                f"'{chunk.strip()}' closes before it opens", "backwards", part=chunk.strip()
            )
        found.append((start, end))
    return found
