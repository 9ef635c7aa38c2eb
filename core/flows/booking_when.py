"""The day and time of a booking, as a slot: read what the visitor said, keep what is valid,
say what is not. Valid means on the office's calendar: not in the past, at most a year
ahead, on a day the office is open and within its hours that day.

The slots hold the local day (`day`, ISO date) and clock time (`at`, HH:MM) separately,
because visitors give them separately ("Tuesday." … "At two.").
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from core.dates.hours import OpeningHours
from core.dates.parse import parse_when
from core.flows.state import Conversation, ConversationSlots, Expecting
from core.flows.tools import FlowTools
from core.replies import Say
from core.replies.values import Day, Hours
from core.understanding.types import Interpretation

LEAD_TIME = timedelta(minutes=5)  # a booking for "now" is a check-in, not a booking
MAX_AHEAD = timedelta(days=366)


def remember_office(conv: Conversation, tools: FlowTools) -> None:
    """Keep the hours and time zone with the conversation, so that prompts (which have no
    tools) can say them and every turn judges the booking by the same rules."""
    conv.slots["office"] = {"hours": tools.office.opening_hours, "tz": tools.office.timezone}


def office_hours(conv: Conversation) -> OpeningHours:
    return OpeningHours.parse(conv.slots.get("office", {}).get("hours", "Mon-Fri 08:00-18:00"))


def zone(conv: Conversation) -> ZoneInfo:
    return ZoneInfo(conv.slots.get("office", {}).get("tz", "Europe/Tallinn"))


def day_of(conv: Conversation) -> date | None:
    value = conv.slots.get("day")
    return date.fromisoformat(value) if value else None


def time_of(conv: Conversation) -> time | None:
    value = conv.slots.get("at")
    return time.fromisoformat(value) if value else None


def moment(conv: Conversation) -> datetime | None:
    """The booked moment on the office's clock, once both halves are known."""
    day, at = day_of(conv), time_of(conv)
    if day is None or at is None:
        return None
    return datetime.combine(day, at, tzinfo=zone(conv))


def read_when(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say] | None:
    """Take the day and/or time from this turn. None: none was said. Otherwise what is
    wrong with it (empty when all of it was taken); what is wrong is not kept."""
    phrase = " ".join(dict.fromkeys(p for p in (it.slots.date, it.slots.time) if p))
    if not phrase:
        return None
    now = tools.now()
    said = parse_when(phrase, today=now.date(), bare_hour=conv.expecting is Expecting.TIME)
    if said.empty:
        return [Say("booking_which_day")] if said.vague else None
    day = said.day or day_of(conv)
    at = said.at or time_of(conv)
    keep_day, keep_time, problem = check(day, at, office_hours(conv), now)
    _store(conv.slots, "day", day.isoformat() if day and keep_day else None, said.day)
    _store(conv.slots, "at", at.strftime("%H:%M") if at and keep_time else None, said.at)
    return problem


def _store(
    slots: ConversationSlots, key: Literal["day", "at"], value: str | None, said: object
) -> None:
    if value is not None:
        slots[key] = value
    elif said is not None or key in slots:
        slots.pop(key, None)


def check(
    day: date | None, at: time | None, hours: OpeningHours, now: datetime
) -> tuple[bool, bool, list[Say]]:
    """(keep the day, keep the time, what to tell the visitor)."""
    if day is None:
        return False, True, []
    if day < now.date():
        return False, True, [Say("booking_past")]
    if day - now.date() > MAX_AHEAD:
        return False, True, [Say("booking_too_far")]
    if not hours.intervals(day.weekday()):
        return False, True, [Say("booking_closed_day", {"day": Day(day), "hours": Hours(hours)})]
    if at is None:
        return True, False, []
    when = datetime.combine(day, at, tzinfo=now.tzinfo)
    if when < now + LEAD_TIME:
        return True, False, [Say("booking_past")]
    if not hours.is_open(when):
        hours_that_day = Hours(hours, day.weekday())
        return (
            True,
            False,
            [Say("booking_outside_hours", {"day": Day(day), "hours": hours_that_day})],
        )
    return True, True, []
