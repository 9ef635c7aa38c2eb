"""A booked visitor arrives, on any channel: recognised by the code, or by their own name
among the expected visits — today's, or else theirs within a week either side — and
checked in against the booking, no second visit: the host it names was confirmed when it
was made, so the host is told at once that their booked visitor is here.

A code is a secret; a name is not (anyone can say who is coming), nor is a company. So a
booking found by the visitor's name is neither checked in nor revealed until the visitor
also names its host: the receptionist asks "Who are you here to see?" — the very question
a visitor without a booking hears, so not even whether the name has a booking is told —
and only a host that matches checks that booking in ("I have you down for Tuesday at 14:00
with Priya Patel" comes after, never before). A wrong host is a wrong guess, limited like
a wrong code, and the conversation carries on as an ordinary check-in with the host the
visitor named. A company alone recognises nobody: the receptionist asks for the name, and
then for the host.

A code finds only a booking still expected: once checked in or cancelled its code answers
like one never made (and counts as a wrong guess), so "you're already checked in, Tom
Baker — Priya Patel knows" is said only to the conversation that checked Tom in.

Wrong codes, names and hosts are limited (core/tools/booking_tools.py); past the limit
the receptionist checks no code, right or wrong, and offers the front desk.

A visitor who cannot be found this way is not turned away: the conversation carries on as
an ordinary check-in ("Who are you here to see?"), keeping the name they gave.
"""

from __future__ import annotations

from datetime import datetime

from core.flows import host as host_step
from core.flows import manage
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools, TooManyTries
from core.flows.welcome import badge_wording
from core.replies import Say
from core.replies.values import When
from core.store.cards import BookingCard
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
    meeting — may be expected. None when there is nothing to ask but the host (a booking
    found by the name waits for the host to match, see `by_host`)."""
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
        says = await by_name(conv, tools)
        if it.slots.host and conv.expecting is E.HOST:  # and whom they meet, in one breath
            return await by_host(conv, it.slots.host, tools) or await host_step.lookup(
                conv, it.slots.host, tools
            )
        return says
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
    # Finished bookings are found only by the conversation that finished them (the tools).
    if booking["status"] == "cancelled":
        return _as_checkin(conv, [Say("booking_was_cancelled")])
    return await _arrive(conv, booking, tools)


async def by_name(conv: Conversation, tools: FlowTools) -> list[Say]:
    says = await _by_visitor(conv, tools)
    if says is not None:
        return says
    if name := conv.slots.get("visitor_name"):  # booked or not: the same question
        return _as_checkin(conv, [Say("arrival_ask_host", {"name": name})])
    return _as_checkin(conv, [Say("ask_host")])


async def _by_visitor(conv: Conversation, tools: FlowTools) -> list[Say] | None:
    """Note (unsaid) the bookings of the visitor who said their name (and maybe company),
    today's or within the window, for `by_host`; a company said without a name asks for
    it. None: ask for the host."""
    name, company = conv.slots.get("visitor_name"), conv.slots.get("company") or None
    if not name:
        if company:  # whether or not anyone from there is expected: that is not told either
            conv.goto(S.FIND_BOOKING, E.VISITOR_NAME)
            return [Say("ask_name")]
        return None
    try:
        found = await tools.expected_around(name, company)
    except TooManyTries:
        return manage.too_many_tries(conv)
    conv.slots["expected"] = {"name": name, "ids": [b["id"] for b in found]}
    return None


async def by_host(conv: Conversation, phrase: str, tools: FlowTools) -> list[Say] | None:
    """The visitor named a host after their name found bookings: the right host checks the
    booking in. None — a wrong host, an ambiguous one, the limit reached, or no booking
    noted for this name — carries on as an ordinary check-in, and says nothing about the
    booking. One answer per name found: a second guess needs the name said again."""
    expected = conv.slots.pop("expected", None)
    if not expected or not expected["ids"] or expected["name"] != conv.slots.get("visitor_name"):
        return None
    try:
        booking = await tools.booking_with_host(expected["ids"], phrase)
    except TooManyTries:
        return None  # told nothing: an ordinary check-in, as for anyone else
    if booking is None:
        return None
    conv.slots["kind"] = "arrival"
    return await _arrive(conv, booking, tools)


def _as_checkin(conv: Conversation, says: list[Say]) -> list[Say]:
    conv.slots.pop("kind", None)
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return says


async def _arrive(conv: Conversation, booking: BookingCard, tools: FlowTools) -> list[Say]:
    host = booking["host"]
    conv.slots.update(
        {
            "host": host,
            "host_confirmed": True,  # confirmed by the visitor when the booking was made
            "visit_id": booking["id"],
        }
    )
    # The booking's name and company over what was said (None: neither has one).
    if (name := booking.get("visitor_name") or conv.slots.get("visitor_name")) is not None:
        conv.slots["visitor_name"] = name
    if (company := booking.get("company") or conv.slots.get("company")) is not None:
        conv.slots["company"] = company
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


def _booked_moment(booking: BookingCard, tools: FlowTools) -> datetime | None:
    at = booking.get("expected_at")
    return datetime.fromisoformat(at).astimezone(tools.office.zone) if at else None
