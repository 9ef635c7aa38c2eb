"""One turn of the conversation: global rules first, then the handler for the current state.

Global rules hold in every state: a person asked for is fetched, goodbye ends, a question
gets an answer before the receptionist returns to what it was asking, and two turns in a
row without progress offer a human.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from core.flows import acts, arrival, booking, checkin, manage, progress
from core.flows import host as host_step
from core.flows.host import Handler, host_chosen, lookup, reprompt
from core.flows.state import BOOKING_STATES, Conversation, ConversationSlots, Expecting, State
from core.flows.tools import FlowTools
from core.replies import Say
from core.understanding.types import Intent, Interpretation, Slots

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias for a long enum used on every line below

_ENDED = frozenset({S.COMPLETE, S.TRANSFER_HUMAN})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value: str, limit: int = 200) -> str:
    return _CONTROL.sub(" ", value).strip()[:limit]


def absorb(conv: Conversation, slots: Slots) -> bool:
    """Keep whatever the visitor told us about themselves, whenever they said it; whether
    anything new was learned. A finished conversation keeps nothing more: its visit is
    written, and what follows belongs to the next visitor (see `_finished`)."""
    said: ConversationSlots = {}  # only what was said (`Said` keys)
    if conv.state in _ENDED:
        return False
    if slots.visitor_name:
        said["visitor_name"] = _clean(slots.visitor_name)
    if slots.company is not None:
        said["company"] = _clean(slots.company)
    if slots.purpose:
        said["purpose"] = _clean(slots.purpose, 500)
    if slots.party_size and 1 <= slots.party_size <= 50:
        said["party_size"] = slots.party_size
    learned = any(conv.slots.get(key) != value for key, value in said.items())
    conv.slots.update(said)
    return learned


async def advance(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    # What the visitor says counts as progress when it answers a question the receptionist
    # asked (a refused date is still a new answer), not after the conversation is over.
    answering = conv.expecting is not None and conv.state not in _ENDED
    before = _given(conv)
    it = await acts.correction(conv, it, tools)
    says = await _advance(conv, it, tools)
    after = _given(conv)
    # What a later "sorry, I meant…" corrects: the slot the visitor filled most recently.
    changed = [key for key in _GIVEN if after[key] is not None and after[key] != before[key]]
    if changed:
        conv.slots["last_given"] = changed[0]
    if it.question and it.intent is not I.QUESTION:
        answer = tools.answer(it.question)
        if answer:
            says = [Say("knowledge", {"text": answer}), *says]
    return progress.guard(conv, says, it.slots if answering else Slots())


_GIVEN = ("visitor_name", "company", "host")  # a name said with a company is the likelier slip


def _given(conv: Conversation) -> dict[str, Any]:
    host = conv.host
    return {
        "visitor_name": conv.slots.get("visitor_name"),
        "company": conv.slots.get("company"),
        "host": host["id"] if host else None,  # a "yes" to it is not the visitor naming one
    }


async def _advance(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    learned = absorb(conv, it.slots)
    if it.intent is I.HUMAN:
        return await _transfer(conv, tools, "asked for a person")
    offer = conv.slots.get("offer")
    if offer and conv.expecting is E.CONFIRMATION:
        if it.intent is I.AFFIRM:
            return await _transfer(conv, tools, "accepted the offer of a person")
        conv.slots.pop("offer")
        interrupted = offer["expecting"]
        conv.expecting = E(interrupted) if interrupted else None
        if it.intent is I.DENY:
            conv.failures = 0
            return [Say("human_declined"), *reprompt(conv)]
    if it.intent is I.GOODBYE:
        key = "you_are_welcome" if conv.state is S.COMPLETE else "goodbye"
        conv.goto(S.COMPLETE)
        return [Say(key)]
    if (switched := acts.switch(conv, it)) is not None:
        return switched
    if it.intent is I.QUESTION:
        answer = tools.answer(it.question or "")
        said = Say("knowledge", {"text": answer}) if answer else Say("cant_answer")
        return [said, *reprompt(conv)]
    if it.intent in _BOOKING_STARTS and conv.state not in BOOKING_STATES:
        return await _start_booking_flow(conv, it, tools)
    if (settled := acts.aside(conv, it, learned=learned)) is not None:
        return settled
    handler = HANDLERS[conv.state]
    return await handler(conv, it, tools)


_BOOKING_STARTS = {
    I.PREREGISTER: booking.start,
    I.ARRIVAL: arrival.start,
    I.CANCEL_BOOKING: manage.start,
    I.MOVE_BOOKING: manage.start,
}


# What one flow settled that the next must not inherit.
_PER_FLOW: tuple[
    Literal["kind", "host", "host_confirmed", "candidates", "rejected", "booking"], ...
] = ("kind", "host", "host_confirmed", "candidates", "rejected", "booking")


async def _start_booking_flow(
    conv: Conversation, it: Interpretation, tools: FlowTools
) -> list[Say]:
    """A booking, an arrival with a booking, or a change, said outside those flows: it
    starts afresh (after a finished conversation, as the next visitor's)."""
    if conv.state in (S.COMPLETE, S.TRANSFER_HUMAN):
        conv.restart()
        absorb(conv, it.slots)
    for key in _PER_FLOW:
        conv.slots.pop(key, None)
    conv.failures = 0
    says = await _BOOKING_STARTS[it.intent](conv, it, tools)
    if it.greeted and says and says[0].key != "arrival_ask_code":  # that one says welcome
        says = [Say("hello"), *says]
    return says


async def _transfer(conv: Conversation, tools: FlowTools, reason: str) -> list[Say]:
    conv.slots.pop("offer", None)
    await tools.call_front_desk(conv, reason)
    conv.goto(S.TRANSFER_HUMAN)
    return [Say("transfer")]


# --- state handlers ---------------------------------------------------------------------


async def _greeting(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    says = await _identify_host(conv, it, tools)
    first = [Say("hello")] if it.greeted and says and says[0].key != "welcome" else []
    return [*first, *says]


async def _identify_host(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    if it.intent is I.DELIVERY:
        return await checkin.start_delivery(conv, it, tools)
    if it.slots.host:
        if (booked := await arrival.by_host(conv, it.slots.host, tools)) is not None:
            return booked
        return await lookup(conv, it.slots.host, tools)
    if conv.is_delivery and it.slots.department:
        return await checkin.start_delivery(conv, it, tools)
    if it.intent is I.GREETING and conv.state is S.GREETING:
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return [Say("welcome")]
    if it.intent in (I.CHECK_IN, I.PROVIDE) and not conv.is_delivery:
        # No host named, but who they are (or that they have a meeting): maybe expected.
        expected = await arrival.recognise(conv, it, tools)
        if expected is not None:
            return expected
    if it.intent in (I.CHECK_IN, I.PROVIDE, I.GREETING, I.AFFIRM):
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return reprompt(conv)
    if conv.state is S.GREETING:
        conv.goto(S.IDENTIFY_HOST, E.HOST)
    return host_step.failed(conv)


async def _collect_info(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    host = conv.host
    if it.intent is I.DENY and it.slots.host and host:
        # "Sorry, I meant …" after the host was settled: another host only if the
        # directory has one by that name; else the host they confirmed stands.
        found = await tools.lookup(it.slots.host)
        if not any(c.id != host["id"] for c in found.candidates):
            return [Say("not_found", {"query": it.slots.host}), *reprompt(conv)]
        conv.reject(host["id"])
        return await lookup(conv, it.slots.host, tools)
    if it.intent is I.DENY and it.slots.choice_other and host:
        others = [c for c in conv.candidates if c["id"] != host["id"]]
        if len(others) == 1:
            conv.reject(host["id"])
            return await host_chosen(conv, others[0], tools)
    wanted = conv.expecting
    got = (wanted is E.VISITOR_NAME and it.slots.visitor_name) or (
        wanted is E.COMPANY and it.slots.company is not None
    )
    if got or _has_everything(conv):
        conv.failures = 0
        return await host_step.confirmed(conv, tools)
    return host_step.failed(conv)


def _has_everything(conv: Conversation) -> bool:
    return bool(conv.slots.get("visitor_name")) and conv.slots.get("company") is not None


async def _finished(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    if it.intent in (I.CHECK_IN, I.DELIVERY) and (it.slots.host or it.slots.department):
        conv.restart()  # the next visitor at the same kiosk
        absorb(conv, it.slots)
        return await _greeting(conv, it, tools)
    if conv.state is S.TRANSFER_HUMAN:
        return [Say("transfer")]
    if it.intent is I.AFFIRM:  # "thanks!", "ok"
        return [Say("you_are_welcome")]
    host = conv.host
    if host and conv.kind in (None, "arrival") and conv.slots.get("visit_id"):
        return [Say("all_set", {"host": host_step.host_name(host)})]
    return [Say("you_are_welcome")]


HANDLERS: dict[State, Handler] = {
    S.GREETING: _greeting,
    S.IDENTIFY_HOST: _identify_host,
    S.DISAMBIGUATE: host_step.on_choice,
    S.CONFIRM_HOST: host_step.on_confirmation,
    S.COLLECT_VISITOR_INFO: _collect_info,
    S.NOTIFY_HOST: _finished,
    S.COMPLETE: _finished,
    S.TRANSFER_HUMAN: _finished,
    S.BOOK_WHEN: booking.on_when,
    S.BOOK_DETAILS: booking.on_details,
    S.BOOK_CONFIRM: booking.on_readback,
    S.FIND_BOOKING: arrival.on_find,
    S.CONFIRM_CHANGE: manage.on_confirm,
    S.MOVE_WHEN: manage.on_new_when,
}
