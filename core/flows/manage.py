"""Cancelling or moving a booking. Only the code finds a booking to change — a name is not
enough to cancel someone's visit — and nothing changes before the visitor says yes to
the change read back to them. The host is told either way, through the outbox.
"""

from __future__ import annotations

from datetime import datetime

from core.flows import host as host_step
from core.flows.booking_prompts import ask_time, change_question
from core.flows.booking_when import day_of, moment, read_when, remember_office
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools, TooManyTries
from core.replies import Say
from core.replies.values import Code, When
from core.store.cards import BookingCard
from core.understanding.types import Intent, Interpretation

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias, as in turn.py


async def start(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    conv.slots["kind"] = "move" if it.intent is I.MOVE_BOOKING else "cancel"
    remember_office(conv, tools)
    problems = (read_when(conv, it, tools) or []) if conv.kind == "move" else []
    if it.slots.code:
        return [*problems, *await _found(conv, it.slots.code, tools)]
    conv.goto(S.FIND_BOOKING, E.CODE)
    return [*problems, Say("manage_ask_code")]


async def on_find(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State find_booking, changing: the code; a move may also say its new time first."""
    if it.slots.code:
        return await _found(conv, it.slots.code, tools)
    problems = read_when(conv, it, tools) if conv.kind == "move" else None
    if problems is not None:
        return [*problems, Say("manage_ask_code")]
    if it.slots.visitor_name:
        conv.failures += 1
        return [Say("manage_need_code")]
    return host_step.failed(conv)


def not_found(conv: Conversation, code: str) -> list[Say]:
    """No booking has this code (arriving or changing): ask again, then offer a person."""
    conv.goto(S.FIND_BOOKING, E.CODE)
    conv.failures += 1
    if conv.failures >= host_step.MAX_FAILURES:
        return host_step.failed(conv)
    return [Say("code_not_found", {"code": Code(code)})]


def too_many_tries(conv: Conversation) -> list[Say]:
    """No more codes or names are checked here for now: the visitor can still name their
    host, or have someone from the front desk help them."""
    conv.slots.pop("kind", None)
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return host_step.offer_human(conv, [Say("too_many_tries")])


async def _found(conv: Conversation, code: str, tools: FlowTools) -> list[Say]:
    try:
        booking = await tools.find_booking(code)
    except TooManyTries:
        return too_many_tries(conv)
    if booking is None:
        return not_found(conv, code)
    if not _changeable(booking, tools):
        conv.goto(S.COMPLETE)
        return [Say("booking_not_changeable")]
    conv.failures = 0
    conv.slots.update(
        {
            "booking": booking,
            "host": booking["host"],
            "host_confirmed": True,  # confirmed by the visitor when the booking was made
            "visit_id": booking["id"],
        }
    )
    if conv.kind == "cancel" or moment(conv) is not None:
        conv.goto(S.CONFIRM_CHANGE, E.CONFIRMATION)
        return [change_question(conv)]
    return _ask_new_when(conv)


def _changeable(booking: BookingCard, tools: FlowTools) -> bool:
    at = booking.get("expected_at")
    if booking["status"] != "expected" or not at:
        return False
    return datetime.fromisoformat(at) > tools.now()


def _ask_new_when(conv: Conversation, said: list[Say] | None = None) -> list[Say]:
    said = list(said or [])
    if day_of(conv) is None:
        conv.goto(S.MOVE_WHEN, E.DATE)
        return [*said, Say("move_ask_when")]
    conv.goto(S.MOVE_WHEN, E.TIME)
    return [*said, *ask_time(conv, again=bool(said))]


async def on_new_when(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State move_when: the new day and time."""
    problems = read_when(conv, it, tools)
    if problems is None:
        return host_step.failed(conv)
    conv.failures = 0
    if moment(conv) is None:
        return _ask_new_when(conv, problems)
    conv.goto(S.CONFIRM_CHANGE, E.CONFIRMATION)
    return [*problems, change_question(conv)]


async def on_confirm(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State confirm_change: yes changes it; a move may still take another time."""
    kind = conv.kind
    agreed = it.intent is I.AFFIRM or (kind == "cancel" and it.intent is I.CANCEL_BOOKING)
    if agreed:
        return await _apply(conv, tools)
    if kind == "move" and (it.slots.date or it.slots.time):
        return await on_new_when(conv, it, tools)
    if it.intent is I.DENY:
        conv.goto(S.COMPLETE)
        return [Say("nothing_changed")]
    return host_step.failed(conv)


async def _apply(conv: Conversation, tools: FlowTools) -> list[Say]:
    booking = conv.slots["booking"]
    host = host_step.host_name(booking["host"])
    tools.slow()
    conv.goto(S.NOTIFY_HOST)
    if conv.kind == "cancel":
        done = await tools.cancel_booking(conv, booking["id"])
        said = Say("booking_cancelled", {"host": host})
    else:
        new = moment(conv)
        assert new is not None  # confirm_change for a move is reached with both halves
        done = await tools.move_booking(conv, booking["id"], new)
        said = Say("booking_moved", {"host": host, "new": When(new)})
    conv.goto(S.COMPLETE)
    return [said] if done else [Say("booking_not_changeable")]
