"""The questions of the booking flows, asked first or again (`checkin.reprompt` defers here
for a booking, an arrival by code and a change)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.flows.booking_when import day_of, moment, office_hours, zone
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import person_ref
from core.replies import Say
from core.replies.values import Day, Hours, When
from core.store.cards import FormerHost

E = Expecting
S = State
_NOBODY: FormerHost = {"id": None, "name": ""}  # no host yet: named as nobody
BOOKING_KINDS = frozenset({"booking", "arrival", "cancel", "move"})


def reprompt(conv: Conversation) -> list[Say] | None:
    """The pending question of a booking flow; None when it is not one (check-in asks)."""
    kind = conv.kind
    if kind not in BOOKING_KINDS or conv.slots.get("offer"):
        return None
    match conv.expecting:
        case E.HOST if kind == "booking":
            return [Say("booking_ask_host")]
        case E.DATE if kind == "move":
            return [Say("move_ask_when")]
        case E.DATE:
            return [Say("booking_ask_day")]
        case E.TIME:
            return ask_time(conv)
        case E.PURPOSE:
            return [Say("booking_ask_purpose")]
        case E.CONTACT:
            return [Say("booking_ask_contact")]
        case E.CODE if kind == "arrival":
            return [Say("arrival_ask_code")]
        case E.CODE:
            return [Say("manage_ask_code")]
        case E.CONFIRMATION if conv.state is S.BOOK_CONFIRM:
            return [readback(conv)]
        case E.CONFIRMATION if conv.state is S.CONFIRM_CHANGE:
            return [change_question(conv)]
    return None


def ask_time(conv: Conversation, *, again: bool = False) -> list[Say]:
    day = day_of(conv)
    if again or day is None:
        return [Say("booking_ask_time_again")]
    hours = Hours(office_hours(conv), day.weekday())
    return [Say("booking_ask_time", {"day": Day(day), "hours": hours})]


def readback(conv: Conversation) -> Say:
    slots = conv.slots
    visitor: Any = slots.get("visitor_name", "")
    if slots.get("company"):
        visitor = Say("visitor_with_company", {"name": visitor, "company": slots["company"]})
    host = conv.host or _NOBODY
    return Say(
        "booking_readback",
        {
            "visitor": visitor,
            "host": person_ref(host).display_name(conv.language),
            "when": When(moment(conv) or datetime.now(zone(conv))),
            "purpose": slots.get("purpose", ""),
            "contact": slots.get("contact", ""),
        },
    )


def change_question(conv: Conversation) -> Say:
    booking = conv.slots.get("booking")
    host = person_ref(booking.get("host") or _NOBODY if booking else _NOBODY).display_name(
        conv.language
    )
    old = booked_moment(conv)
    if conv.kind == "cancel":
        return Say("cancel_confirm", {"host": host, "when": old})
    new = moment(conv)
    return Say("move_confirm", {"host": host, "old": old, "new": When(new) if new else old})


def booked_moment(conv: Conversation) -> When:
    """When the booking being changed is, on the office's clock."""
    booking = conv.slots.get("booking")
    at = booking.get("expected_at") if booking else None
    found = datetime.fromisoformat(at) if at else datetime.now(zone(conv))
    return When(found.astimezone(zone(conv)))
