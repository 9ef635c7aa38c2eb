"""One turn of the conversation: global rules first, then the handler for the current state.

Global rules hold in every state: a person asked for is fetched, goodbye ends, a question
gets an answer before the receptionist returns to what it was asking, and two turns in a
row without progress offer a human.
"""

from __future__ import annotations

import re
from typing import Any

from core.flows import acts, arrival, booking, checkin, manage
from core.flows.checkin import Handler, after_host_confirmed, host_chosen, lookup, reprompt
from core.flows.state import BOOKING_STATES, Conversation, Expecting, State
from core.flows.tools import FlowTools
from core.replies import Say
from core.understanding.types import Intent, Interpretation, Slots

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias for a long enum used on every line below

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value: str, limit: int = 200) -> str:
    return _CONTROL.sub(" ", value).strip()[:limit]


def absorb(conv: Conversation, slots: Slots) -> bool:
    """Keep whatever the visitor told us about themselves, whenever they said it; whether
    anything new was learned."""
    said: dict[str, Any] = {}
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
    says = await _advance(conv, it, tools)
    if it.question and it.intent is not I.QUESTION:
        answer = tools.answer(it.question)
        if answer:
            says = [Say("knowledge", {"text": answer}), *says]
    return says


async def _advance(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    learned = absorb(conv, it.slots)
    if it.intent is I.HUMAN:
        return await _transfer(conv, tools, "asked for a person")
    offer = conv.slots.get("offer")
    if offer and conv.expecting is E.CONFIRMATION:
        if it.intent is I.AFFIRM:
            return await _transfer(conv, tools, "accepted the offer of a person")
        conv.slots.pop("offer")
        conv.expecting = E(offer["expecting"]) if offer.get("expecting") else None
        if it.intent is I.DENY:
            conv.failures = 0
            return [Say("human_declined"), *reprompt(conv)]
    if it.intent is I.GOODBYE:
        key = "you_are_welcome" if conv.state is S.COMPLETE else "goodbye"
        conv.goto(S.COMPLETE)
        return [Say(key)]
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


async def _start_booking_flow(
    conv: Conversation, it: Interpretation, tools: FlowTools
) -> list[Say]:
    """A booking, an arrival with a booking, or a change, said outside those flows: it
    starts afresh (after a finished conversation, as the next visitor's)."""
    if conv.state in (S.COMPLETE, S.TRANSFER_HUMAN):
        conv.restart()
        absorb(conv, it.slots)
    for key in ("kind", "host", "host_confirmed", "candidates", "rejected", "booking"):
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
    return checkin.failed(conv)


async def _disambiguate(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    candidates = conv.candidates
    index = it.slots.choice_index
    if index is not None and 0 <= index < len(candidates):
        return await host_chosen(conv, candidates[index], tools)
    if it.intent is I.DENY and not it.slots.host:
        for person in candidates:
            conv.reject(person["id"])
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return [Say("ask_host_again")]
    phrase = it.slots.host or it.slots.department
    if phrase:
        matches = await tools.match_among(phrase, [c["id"] for c in candidates])
        by_id = {c["id"]: c for c in candidates}
        picked = [by_id[m.id] for m in matches if m.id in by_id]
        if len(picked) == 1:
            return await host_chosen(conv, picked[0], tools)
        if len(picked) > 1:
            if len(picked) < len(candidates):  # narrowed down: progress
                conv.failures = 0
            conv.slots["candidates"] = picked
            return reprompt(conv)
        if it.slots.host:
            return await lookup(conv, it.slots.host, tools)
    return checkin.failed(conv)


async def _confirm_host(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    host = conv.host
    if host is None:  # cannot happen through goto, but a hand-edited row must not crash
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return reprompt(conv)
    if it.intent is I.AFFIRM or (it.intent is I.CHOOSE and it.slots.choice_index == 0):
        conv.slots["host_confirmed"] = True
        conv.failures = 0
        return await after_host_confirmed(conv, tools)
    if it.intent is I.DENY:
        others = [c for c in conv.candidates if c["id"] != host["id"]]
        conv.reject(host["id"])
        if it.slots.host:
            return await lookup(conv, it.slots.host, tools)
        if it.slots.choice_other and len(others) == 1:
            return await host_chosen(conv, others[0], tools)
        if others:
            conv.goto(S.DISAMBIGUATE, E.CHOICE)
            return reprompt(conv)
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return [Say("ask_host_again")]
    if it.slots.host:
        return await lookup(conv, it.slots.host, tools)
    return checkin.failed(conv)


async def _collect_info(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    host = conv.host
    if it.intent is I.DENY and it.slots.host and host:
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
        return await after_host_confirmed(conv, tools)
    return checkin.failed(conv)


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
    host: dict[str, Any] | None = conv.host
    if host and conv.kind in (None, "arrival") and conv.slots.get("visit_id"):
        return [Say("all_set", {"host": checkin.host_name(host)})]
    return [Say("you_are_welcome")]


HANDLERS: dict[State, Handler] = {
    S.GREETING: _greeting,
    S.IDENTIFY_HOST: _identify_host,
    S.DISAMBIGUATE: _disambiguate,
    S.CONFIRM_HOST: _confirm_host,
    S.COLLECT_VISITOR_INFO: _collect_info,
    S.NOTIFY_HOST: _finished,
    S.COMPLETE: _finished,
    S.TRANSFER_HUMAN: _finished,
    S.BOOK_WHEN: booking.on_when,
    S.BOOK_DETAILS: booking.on_details,
    S.BOOK_CONFIRM: booking.on_readback,
    S.FIND_BOOKING: arrival.on_find,
    S.CONFIRM_CHANGE: manage.on_confirm,
}
