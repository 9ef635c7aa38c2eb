"""Acts that may come in any state, handled here once rather than in every flow.

A message may do something besides answering what the receptionist asked (see
`core.understanding.types.Act`). Whatever the state:

- a request for another language switches the conversation to it (`switch`, before
  anything else reads the message); if that is all the message says, the pending
  question is asked again, now in that language;
- an acknowledgement ("ok", "selge, aitäh", «понятно») or a greeting that answers
  nothing is neither a value nor a failure: the pending question is asked again;
- a self-introduction that answers nothing else (a name and company given while choosing
  between two people, or while asked to confirm one) is kept (`turn.absorb` has stored
  it) and the pending question is asked again — the choice is offered anew.

Questions asked mid-flow are answered in `turn.advance` the same way, before this.

A correction ("sorry, I meant X") replaces the slot whose value X resembles or contradicts
(`correction`). The understanding chose that slot by the words alone
(`core.understanding.spans.corrects`); the directory has its say here, before anything is
kept: X read as the host that names nobody there is no host — unless it resembles a
person's name the visitor has used, it corrects the company they gave (or else their
name); X read as the visitor's name or company that resembles neither and names exactly one
other person there corrects the host.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.directory.types import MatchStatus
from core.flows.host import reprompt
from core.flows.state import BOOKING_STATES, Conversation, Expecting, State
from core.flows.tools import FlowTools
from core.replies import Say
from core.understanding import spans
from core.understanding.types import Act, Intent, Interpretation

E = Expecting
S = State
I = Intent  # noqa: E741 — short alias, as in turn.py

# Where a volunteered fact that answers nothing else is kept and the question re-asked;
# booking states read several facts in one step and decide for themselves.
_REASK_AFTER_FACTS = frozenset({E.CHOICE, E.CONFIRMATION, E.VISITOR_NAME, E.COMPANY})


def answers(expecting: Expecting | None, it: Interpretation) -> bool:
    """Whether the message carries something for the question the receptionist asked."""
    s = it.slots
    match expecting:
        case E.CHOICE:
            picked = s.choice_index is not None or s.choice_other
            return picked or bool(s.host or s.department) or it.intent is I.DENY
        case E.CONFIRMATION:
            return it.intent in (I.AFFIRM, I.DENY, I.CHOOSE) or bool(s.host)
        case E.VISITOR_NAME:
            return bool(s.visitor_name)
        case E.COMPANY:
            return s.company is not None
        case E.HOST:
            return bool(s.host or s.department) or it.intent not in (I.UNKNOWN, I.GREETING)
        case E.PURPOSE | E.DATE | E.TIME | E.CONTACT | E.CODE:
            # The booking flows read their answers themselves ("2" is a time there); an
            # "ok" or a "hello" is no answer to "which day?".
            return it.intent is not I.GREETING and Act.ACKNOWLEDGE not in it.acts
    return True


def switch(conv: Conversation, it: Interpretation) -> list[Say] | None:
    """A request for another language, whatever else the message is (it is often phrased
    as a question: "Kas saame vene keeles rääkida?"): the conversation switches, and when
    that is all the message says, the pending question is asked again in that language."""
    if Act.SWITCH_LANGUAGE not in it.acts or not it.switch_to:
        return None
    conv.language = it.switch_to
    s = it.slots
    said = (s.host, s.visitor_name, s.company, s.department, s.date, s.time, s.contact, s.code)
    if any(v is not None for v in said) or s.choice_index is not None or s.choice_other:
        return None
    if it.intent in (I.HUMAN, I.GOODBYE, I.DENY):
        return None
    if conv.expecting is None:
        return [Say("ask_host")] if conv.state is S.GREETING else None
    return reprompt(conv) or None


def aside(conv: Conversation, it: Interpretation, *, learned: bool) -> list[Say] | None:
    """What to say when the message's acts settle the turn; None lets the state decide."""
    pending = conv.expecting
    if pending is None or answers(pending, it):
        return None
    if Act.ACKNOWLEDGE in it.acts and it.intent is not I.GOODBYE:
        return reprompt(conv) or None
    if it.intent is I.GREETING:  # "Hello!" mid-flow: heard, and the question stands
        return reprompt(conv) or None
    if learned and pending in _REASK_AFTER_FACTS and conv.state not in BOOKING_STATES:
        return reprompt(conv) or None
    return None


def given(conv: Conversation) -> tuple[tuple[str, str], ...]:
    """What the visitor has said that a correction may replace, as (slot, value) pairs:
    their name, their company, the host as they asked for them and as found."""
    host = conv.host
    said = (
        ("visitor_name", conv.slots.get("visitor_name")),
        ("company", conv.slots.get("company")),
        ("host", conv.slots.get("query")),
        ("host", host["name"] if host else None),
    )
    return tuple((slot, value) for slot, value in said if value)


async def correction(conv: Conversation, it: Interpretation, tools: FlowTools) -> Interpretation:
    """A correction, re-read against the directory (see the module docstring); any other
    message as it is."""
    if Act.CORRECT not in it.acts or conv.state in BOOKING_STATES or conv.done:
        return it
    s = it.slots
    if s.host:
        if await _names_someone(conv, s.host, tools, found_only=False):
            return it
        own = "company" if "company" in conv.slots else None
        own = own or ("visitor_name" if conv.slots.get("visitor_name") else None)
        kind = spans.corrects(s.host, prior=own, given=given(conv))
        if kind is None or kind == "host":
            return it  # a host the directory does not know, to say so
        moved: dict[str, Any] = {"host": None, "not_host": None, kind: s.host}
        slots = replace(s, **moved)
        return replace(it, intent=I.PROVIDE, slots=slots)
    value = s.visitor_name or s.company
    if not value or conv.host is None or spans.has_legal_form(value):
        return it
    if spans.resembled(value, given(conv)) is not None:
        return it
    if not await _names_someone(conv, value, tools, found_only=True):
        return it
    slots = replace(s, visitor_name=None, company=None, host=value)
    return replace(it, intent=I.DENY, slots=slots)


async def _names_someone(
    conv: Conversation, phrase: str, tools: FlowTools, *, found_only: bool
) -> bool:
    """Whether the directory finds someone by `phrase` besides the host it would replace
    and those already turned down (`found_only`: one person, plainly)."""
    found = await tools.lookup(phrase)
    if found_only and found.status is not MatchStatus.FOUND:
        return False
    host = conv.host
    skip = {*conv.rejected, *([host["id"]] if host else [])}
    return any(c.id not in skip for c in found.candidates)
