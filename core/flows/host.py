"""Finding the host — look up, choose among several, confirm — for every flow that needs one.

Check-in, delivery, booking ahead and an arrival without its booking all find the person
the same way: `lookup` a phrase, `on_choice` while several match, `on_confirmation` while
one is offered. When the visitor has confirmed (or chosen) a host, this step hands back to
the flow that started it: each flow declares its next step with `hands_back_to` for its
`Conversation.kind`, so this module imports none of them and none imports another.

`reprompt`, `failed` and `offer_human` are the shared ways of asking again, counting a
turn without progress, and offering a person.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from core.directory.types import MatchStatus
from core.flows import booking_prompts
from core.flows.state import Conversation, Expecting, State
from core.flows.tools import FlowTools, person_ref
from core.replies import PersonRef, Say
from core.store.cards import FormerHost, HostCard
from core.understanding.types import Intent, Interpretation

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias, as in turn.py
MAX_LISTED = 4  # more candidates than this are not read out: ask for a surname instead
MAX_FAILURES = 2  # this many turns in a row without progress → offer a human

Handler = Callable[[Conversation, Interpretation, FlowTools], Awaitable[list[Say]]]
Step = Callable[[Conversation, FlowTools], Awaitable[list[Say]]]

_ref = person_ref
_HAND_BACK: dict[str | None, Step] = {}


def hands_back_to(kind: str | None, step: Step) -> None:
    """Declare where a flow continues once its host is confirmed: `kind` is the
    conversation's `kind` (None: a plain check-in, which every other kind falls back to)."""
    _HAND_BACK[kind] = step


async def confirmed(conv: Conversation, tools: FlowTools) -> list[Say]:
    """The host is confirmed: back to the flow that was looking for them."""
    step = _HAND_BACK.get(conv.kind) or _HAND_BACK[None]
    return await step(conv, tools)


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
    """`says`, now waiting on whether the visitor wants a person (see `turn._advance`)."""
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

    found_people = await tools.people([c.id for c in people[: MAX_LISTED + 1]])
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


async def host_chosen(conv: Conversation, person: HostCard, tools: FlowTools) -> list[Say]:
    """The visitor picked this person themselves: that is their confirmation."""
    conv.slots["host"] = person
    conv.slots["host_confirmed"] = True
    conv.failures = 0
    return [Say("host_noted", {"who": _ref(person)}), *await confirmed(conv, tools)]


def host_name(person: HostCard | FormerHost) -> PersonRef:
    """The host named in a sentence: by name only, rendered in the visitor's script (a
    Cyrillic alias, or for a Russian voice a Cyrillic reading; see PersonRef)."""
    return _ref(person).name_only()


# --- the states of finding a host ---------------------------------------------------


async def on_choice(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
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
    return failed(conv)


async def on_confirmation(conv: Conversation, it: Interpretation, tools: FlowTools) -> list[Say]:
    host = conv.host
    if host is None:  # cannot happen through goto, but a hand-edited row must not crash
        conv.goto(S.IDENTIFY_HOST, E.HOST)
        return reprompt(conv)
    if it.intent is I.AFFIRM or (it.intent is I.CHOOSE and it.slots.choice_index == 0):
        conv.slots["host_confirmed"] = True
        conv.failures = 0
        return await confirmed(conv, tools)
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
    return failed(conv)
