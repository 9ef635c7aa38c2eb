"""A booked visitor arrives, on any channel: recognised by the code, or by their own name
among the expected visits — today's, or else theirs within a week either side (a visitor a
day early or late is told "I have you down for Tuesday at 14:00 with Priya Patel") — and
checked in against the booking, no second visit: the host it names was confirmed when it
was made, so the host is told at once that their booked visitor is here. A company alone
recognises nobody (anyone can say where a visitor works): the receptionist asks for the
name.

Wrong codes and names are limited (core/tools/booking_tools.py); past the limit the
receptionist checks none, right or wrong, and offers the front desk.

A visitor who cannot be found this way is not turned away: the conversation carries on as
an ordinary check-in ("Who are you here to see?"), keeping the name they gave.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.flows import host as host_step
from core.flows import manage
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools, TooManyTries
from core.flows.welcome import badge_wording
from core.replies import Say
from core.replies.values import When
from core.understanding.types import Interpretation

E = Expecting
S = State


async def start(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    conv.slots["kind"] = "arrival"
    if it.slots.code:
        return await by_code(conv, it.slots.code, tools)
    if conv.slots.get("visitor_name") or conv.slots.get("company"):
        return await by_name(conv, tools)
    conv.goto(S.FIND_BOOKING, E.CODE)
    return [Say("arrival_ask_code")]


async def recognise(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say] | None:
    """A visitor who names no host but says who they are — or only that they have a
    meeting — may be expected today. None when this is not such a visitor."""
    name, company = conv.slots.get("visitor_name"), conv.slots.get("company")
    if name or company:
        says = await _by_visitor(conv, tools)
        if says is not None:
            conv.slots["kind"] = "arrival"
        return says
    if it.slots.time or it.slots.date:  # "I have a 2 pm meeting, I forget the name"
        conv.slots["kind"] = "arrival"
        conv.goto(S.FIND_BOOKING, E.CODE)
        return [Say("arrival_ask_name")]
    return None


async def on_find(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State find_booking: the code (or, arriving, the name) of the booking."""
    if conv.kind in ("cancel", "move"):
        return await manage.on_find(conv, it, tools)
    if it.slots.code:
        return await by_code(conv, it.slots.code, tools)
    if it.slots.visitor_name or it.slots.company is not None:
        return await by_name(conv, tools)
    if it.slots.host:  # they know whom they are meeting after all
        conv.slots.pop("kind", None)
        return await host_step.lookup(conv, it.slots.host, tools)
    return host_step.failed(conv)


async def by_code(conv: Conversation, code: str, tools: FlowTools) -> list[Say]:
    try:
        booking = await tools.find_booking(code)
    except TooManyTries:
        return manage.too_many_tries(conv)
    if booking is None or booking["status"] not in ("expected", "checked_in", "cancelled"):
        return manage.not_found(conv, code)
    if booking["status"] == "cancelled":
        return _as_checkin(conv, [Say("booking_was_cancelled")])
    return await _arrive(conv, booking, tools)


async def by_name(conv: Conversation, tools: FlowTools) -> list[Say]:
    says = await _by_visitor(conv, tools)
    if says is not None:
        return says
    said = conv.slots.get("visitor_name") or conv.slots.get("company") or ""
    return _as_checkin(conv, [Say("name_not_expected", {"name": said})])


async def _by_visitor(conv: Conversation, tools: FlowTools) -> list[Say] | None:
    """The booking of the visitor who said their name (and maybe company), today's or
    within the window; a company with bookings today, said without a name, asks for it.
    None: not expected."""
    name, company = conv.slots.get("visitor_name"), conv.slots.get("company") or None
    if not name:
        if company and await tools.expected_from(company):
            conv.goto(S.FIND_BOOKING, E.VISITOR_NAME)
            return [Say("ask_name")]
        return None
    try:
        found = await tools.expected_around(name, company)
    except TooManyTries:
        return manage.too_many_tries(conv)
    if len(found) == 1:
        return await _arrive(conv, found[0], tools)
    if len(found) > 1:
        conv.goto(S.FIND_BOOKING, E.CODE)
        return [Say("several_expected")]
    return None


def _as_checkin(conv: Conversation, says: list[Say]) -> list[Say]:
    conv.slots.pop("kind", None)
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return says


async def _arrive(conv: Conversation, booking: dict[str, Any], tools: FlowTools) -> list[Say]:
    host = booking["host"]
    conv.slots.update(
        host=host,
        host_confirmed=True,  # confirmed by the visitor when the booking was made
        visitor_name=booking.get("visitor_name") or conv.slots.get("visitor_name"),
        company=booking.get("company") or conv.slots.get("company"),
        visit_id=booking["id"],
    )
    params = {"name": conv.slots.get("visitor_name") or "", "host": host_step.host_name(host)}
    if conv.state is not S.FIND_BOOKING:
        conv.goto(S.FIND_BOOKING)  # found: the step every arrival passes through
    if booking["status"] == "checked_in":
        conv.goto(S.COMPLETE)
        return [Say("already_checked_in", params)]
    tools.slow()
    conv.goto(S.NOTIFY_HOST)
    if not await tools.arrive(conv, booking["id"]):  # another session checked them in
        conv.goto(S.COMPLETE)
        return [Say("already_checked_in", params)]
    conv.goto(S.COMPLETE)
    booked = _booked_moment(booking, tools)
    if booked is not None and booked.date() != tools.now().date():
        return [Say(badge_wording("arrival_other_day", tools), {**params, "when": When(booked)})]
    return [Say(badge_wording("welcome_back", tools), params)]


def _booked_moment(booking: dict[str, Any], tools: FlowTools) -> datetime | None:
    at = booking.get("expected_at")
    return datetime.fromisoformat(at).astimezone(tools.office.zone) if at else None
