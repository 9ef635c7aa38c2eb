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
"""

from __future__ import annotations

from core.flows.host import reprompt
from core.flows.state import BOOKING_STATES, Conversation, Expecting, State
from core.replies import Say
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
