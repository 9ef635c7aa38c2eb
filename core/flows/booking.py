"""Booking a visit ahead: the host (found and confirmed by the check-in states), the day and
time, who the visitor is, what for and how to reach them; then a read-back, and only on
"yes" an *expected* visit with a code, the host told through the outbox.

The questions come in a fixed order, but whatever the visitor volunteers at any point
("Tom from Acme, next Tuesday at 2") is kept and not asked again. A correction at the
read-back ("no, Wednesday") is taken and the whole booking read back again.
"""

from __future__ import annotations

from core.flows import host as host_step
from core.flows.booking_prompts import ask_time, readback
from core.flows.booking_when import moment, read_when, remember_office
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools
from core.replies import Say
from core.replies.values import Code
from core.understanding.types import Intent, Interpretation

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias, as in turn.py


async def start(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    conv.slots["kind"] = "booking"
    remember_office(conv, tools)
    take_contact(conv, it)
    problems = read_when(conv, it, tools) or []
    opening = [Say("booking_start"), *problems]
    if it.slots.host:
        return [*opening, *await host_step.lookup(conv, it.slots.host, tools)]
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return [*opening, Say("booking_ask_host")]


async def next_step(
    conv: Conversation, tools: FlowTools, said: list[Say] | None = None
) -> list[Say]:
    """Ask for the first thing still missing, or read the booking back."""
    said = list(said or [])
    slots = conv.slots
    if not slots.get("day"):
        conv.goto(S.BOOK_WHEN, E.DATE)
        return [*said, Say("booking_ask_day")]
    if not slots.get("at"):
        conv.goto(S.BOOK_WHEN, E.TIME)
        return [*said, *ask_time(conv, again=bool(said))]
    for key, expecting, in_state in (
        ("visitor_name", E.VISITOR_NAME, S.BOOK_DETAILS),
        ("company", E.COMPANY, S.BOOK_DETAILS),
        ("purpose", E.PURPOSE, S.BOOK_DETAILS),
        ("contact", E.CONTACT, S.BOOK_DETAILS),
    ):
        if slots.get(key) is None or (key != "company" and not slots.get(key)):
            conv.goto(in_state, expecting)
            return [*said, *host_step.reprompt(conv)]
    conv.goto(S.BOOK_CONFIRM, E.CONFIRMATION)
    return [*said, readback(conv)]


def take_contact(conv: Conversation, it: Interpretation) -> bool:
    if it.slots.contact:
        conv.slots["contact"] = it.slots.contact[:320]
        return True
    return False


def _volunteered(conv: Conversation, it: Interpretation) -> bool:
    """Whether this turn told us anything about the visitor (absorbed by turn.py)."""
    contact = take_contact(conv, it)
    s = it.slots
    return contact or bool(s.visitor_name or s.purpose or s.company is not None)


async def on_when(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State book_when: the day, then the time of the visit being booked."""
    if it.intent is I.CANCEL_BOOKING:
        return abort(conv)
    problems = read_when(conv, it, tools)
    if problems is None and not _volunteered(conv, it):
        return host_step.failed(conv)
    conv.failures = 0
    return await next_step(conv, tools, problems)


async def on_details(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State book_details: name, company, purpose, contact — or a change of day and time."""
    if it.intent is I.CANCEL_BOOKING:
        return abort(conv)
    problems = read_when(conv, it, tools)
    got = _volunteered(conv, it)
    if conv.expecting is E.CONTACT and not conv.slots.get("contact") and problems is None:
        conv.failures += 1
        if conv.failures >= host_step.MAX_FAILURES:
            return host_step.failed(conv)
        return [Say("booking_bad_contact"), *host_step.reprompt(conv)]
    if problems is None and not got:
        return host_step.failed(conv)
    conv.failures = 0
    return await next_step(conv, tools, problems)


async def on_readback(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    """State book_confirm: "yes" books it; a correction is taken and read back again."""
    if it.intent is I.AFFIRM:
        return await _book(conv, tools)
    if it.intent is I.CANCEL_BOOKING:
        return abort(conv)
    problems = read_when(conv, it, tools)
    if problems is not None or _volunteered(conv, it):
        conv.failures = 0
        return await next_step(conv, tools, problems)
    if it.intent is I.DENY:
        conv.failures = 0
        return [Say("booking_change_what")]
    return host_step.failed(conv)


async def _book(conv: Conversation, tools: FlowTools) -> list[Say]:
    when = moment(conv)
    if when is None or when < tools.now():  # the read-back was left open past the time
        conv.slots.pop("at", None)
        return await next_step(conv, tools, [Say("booking_past")])
    tools.slow()
    conv.goto(S.NOTIFY_HOST)
    visit_id, code = await tools.book(conv, when)
    conv.slots.update({"visit_id": visit_id, "code": code})
    conv.goto(S.COMPLETE)
    host = conv.host
    assert host is not None  # notify_host is unreachable without a confirmed host
    return [Say("booking_done", {"code": Code(code), "host": host_step.host_name(host)})]


def abort(conv: Conversation) -> list[Say]:
    conv.goto(S.COMPLETE)
    return [Say("booking_aborted")]


host_step.hands_back_to("booking", next_step)
