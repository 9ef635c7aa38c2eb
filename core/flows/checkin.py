"""The check-in flow: find the host, confirm them, learn who the visitor is, check them in.

Handlers take the conversation, what the visitor said (as interpreted) and the tools, and
return what to say. They change state only through `Conversation.goto`. Deliveries share
the host-finding states (the recipient is found and confirmed the same way) and end
without a badge or visitor details.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from core.directory.types import MatchStatus
from core.flows import booking_prompts
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools, person_ref
from core.replies import PersonRef, Say
from core.understanding.types import Interpretation

E = Expecting
S = State
MAX_LISTED = 4  # more candidates than this are not read out: ask for a surname instead
MAX_FAILURES = 2  # this many turns in a row without progress → offer a human

Handler = Callable[[Conversation, Interpretation, FlowTools], Awaitable[list[Say]]]


_ref = person_ref


# --- prompts ----------------------------------------------------------------------------


def reprompt(conv: Conversation) -> list[Say]:
    """The question the receptionist is waiting on, asked again."""
    if (booking_question := booking_prompts.reprompt(conv)) is not None:
        return booking_question
    host = conv.host
    match conv.expecting:
        case E.CHOICE:
            return [Say("choose_again", {"options": [_ref(c) for c in conv.candidates]})]
        case E.CONFIRMATION if conv.slots.get("offer"):
            return [Say("offer_human_again")]
        case E.CONFIRMATION if host:
            return [Say("confirm_again", {"who": _ref(host)})]
        case E.VISITOR_NAME:
            return [Say("ask_name")]
        case E.COMPANY:
            return [Say("ask_company", {"name": conv.slots.get("visitor_name", "")})]
        case E.HOST if conv.is_delivery:
            return [Say("delivery_ask_recipient")]
        case E.HOST:
            return [Say("ask_host")]
    return []


def failed(conv: Conversation) -> list[Say]:
    """A turn that made no progress; the second in a row offers a human."""
    conv.failures += 1
    if conv.failures >= MAX_FAILURES:
        return offer_human(conv, [Say("offer_human")])
    return [Say("didnt_understand"), *reprompt(conv)]


def offer_human(conv: Conversation, says: list[Say]) -> list[Say]:
    conv.slots["offer"] = {"kind": "human", "expecting": conv.expecting}
    conv.expecting = E.CONFIRMATION
    return says


# --- finding the host -------------------------------------------------------------------


async def lookup(conv: Conversation, query: str, tools: FlowTools) -> list[Say]:
    tools.slow()
    conv.slots["query"] = query
    resolution = await tools.lookup(query)
    rejected = set(conv.rejected)
    people = [c for c in resolution.candidates if c.id not in rejected]
    status = resolution.status
    if status is MatchStatus.MULTIPLE and len(people) == 1:
        status = MatchStatus.FOUND
    if not people and status is not MatchStatus.NOT_FOUND:
        status = MatchStatus.NOT_FOUND

    if status is MatchStatus.NOT_FOUND:
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        conv.failures += 1
        if conv.failures >= MAX_FAILURES:
            not_found = Say("not_found", {"query": query})
            return offer_human(conv, [not_found, Say("offer_human_again")])
        return [Say("not_found", {"query": query})]

    found = [await tools.person(c.id) for c in people[: MAX_LISTED + 1]]
    found_people = [p for p in found if p is not None]
    # Finding someone is progress only the first time: a visitor going round between the
    # same offer and a failed answer must still reach a person (failed() counts on).
    offered = sorted(p["id"] for p in found_people)
    if conv.slots.get("offered") != offered:
        conv.failures = 0
    conv.slots["offered"] = offered
    if status is MatchStatus.INACTIVE:
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return offer_human(conv, [Say("inactive", {"who": _ref(found_people[0])})])
    if status is MatchStatus.FOUND:
        conv.slots["host"] = found_people[0]
        conv.slots["host_confirmed"] = False
        conv.goto(S.CONFIRM_HOST, E.CONFIRMATION)
        return [Say("confirm_host", {"who": _ref(found_people[0])})]
    if len(found_people) > MAX_LISTED:
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return [Say("too_many", {"query": query})]
    conv.slots["candidates"] = found_people
    conv.goto(S.DISAMBIGUATE, E.CHOICE)
    options = [_ref(p) for p in found_people]
    return [Say("disambiguate", {"count": len(options), "options": options})]


async def host_chosen(conv: Conversation, person: dict[str, Any], tools: FlowTools) -> list[Say]:
    """The visitor picked this person themselves: that is their confirmation."""
    conv.slots["host"] = person
    conv.slots["host_confirmed"] = True
    conv.failures = 0
    return [Say("host_noted", {"who": _ref(person)}), *await after_host_confirmed(conv, tools)]


async def after_host_confirmed(conv: Conversation, tools: FlowTools) -> list[Say]:
    if conv.is_delivery:
        return await _finish_delivery(conv, tools)
    if conv.kind == "booking":
        from core.flows import booking  # imported here: the booking flow builds on this one

        return await booking.next_step(conv, tools)
    if not conv.slots.get("visitor_name"):
        conv.goto(S.COLLECT_VISITOR_INFO, E.VISITOR_NAME)
        return [Say("ask_name")]
    if conv.slots.get("company") is None:
        conv.goto(S.COLLECT_VISITOR_INFO, E.COMPANY)
        return [Say("ask_company", {"name": conv.slots["visitor_name"]})]
    return await _check_in(conv, tools)


async def _check_in(conv: Conversation, tools: FlowTools) -> list[Say]:
    tools.slow()
    conv.goto(S.NOTIFY_HOST)
    conv.slots["visit_id"] = await tools.check_in(conv)
    conv.goto(S.COMPLETE)
    host = conv.host
    assert host is not None  # notify_host is unreachable without a confirmed host
    party = int(conv.slots.get("party_size") or 1)
    params = {"name": conv.slots["visitor_name"], "host": host_name(host)}
    if party > 1:
        return [Say(badge_wording("checked_in_group", tools), {**params, "count": party})]
    return [Say(badge_wording("checked_in", tools), params)]


def badge_wording(key: str, tools: FlowTools) -> str:
    """The welcome says the badge is printing only when a printer prints it; otherwise it
    sends the visitor to the front desk for it (the `_collect` wording)."""
    return key if tools.badges_printed else f"{key}_collect"


def host_name(person: dict[str, Any]) -> PersonRef:
    """The host named in a sentence: by name only, in the visitor's script (see PersonRef)."""
    return _ref(person).name_only()


# --- deliveries -------------------------------------------------------------------------


async def start_delivery(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    conv.slots["kind"] = "delivery"
    if it.slots.host:
        return await lookup(conv, it.slots.host, tools)
    if it.slots.department:
        conv.slots["department"] = it.slots.department
        return await _finish_delivery(conv, tools)
    conv.goto(S.IDENTIFY_HOST, E.HOST)
    return [Say("delivery_ask_recipient")]


async def _finish_delivery(conv: Conversation, tools: FlowTools) -> list[Say]:
    tools.slow()
    if conv.host and conv.slots.get("host_confirmed"):
        conv.goto(S.NOTIFY_HOST)
        recipient: Any = host_name(conv.host)
    elif conv.slots.get("department"):
        recipient = Say("recipient_department", {"department": conv.slots["department"]})
    else:
        recipient = Say("recipient_front_desk")
    conv.slots["visit_id"] = await tools.record_delivery(conv)
    conv.goto(S.COMPLETE)
    return [Say("delivery_done", {"recipient": recipient})]
