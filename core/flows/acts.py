"""Acts that may come in any state, handled here once rather than in every flow.

A message may do something besides answering what the receptionist asked (see
`core.understanding.types.Act`). Whatever the state:

- a request for another language switches the conversation to it; if that is all the
  message says, the pending question is asked again, now in that language;
- an acknowledgement ("ok", "selge, aitäh", «понятно») that answers nothing is neither a
  value nor a failure: the pending question is asked again;
- a self-introduction that answers nothing else (a name and company given while choosing
  between two people, or while asked to confirm one) is kept (`turn.absorb` has stored
  it) and the pending question is asked again — the choice is offered anew.

Questions asked mid-flow are answered in `turn.advance` the same way, before this.
"""

from __future__ import annotations

from core.flows.host import reprompt
from core.flows.state import BOOKING_STATES, Conversation, Expecting
from core.replies import Say
from core.understanding.types import Act, Intent, Interpretation

E = Expecting
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
            return bool(s.host or s.department) or it.intent is not I.UNKNOWN
    return True


def aside(conv: Conversation, it: Interpretation, *, learned: bool) -> list[Say] | None:
    """What to say when the message's acts settle the turn; None lets the state decide."""
    pending = conv.expecting
    if Act.SWITCH_LANGUAGE in it.acts and it.switch_to:
        conv.language = it.switch_to
        if pending is not None and not answers(pending, it):
            return reprompt(conv) or None
    if pending is None or answers(pending, it):
        return None
    if Act.ACKNOWLEDGE in it.acts and it.intent is not I.GOODBYE:
        return reprompt(conv) or None
    if learned and pending in _REASK_AFTER_FACTS and conv.state not in BOOKING_STATES:
        return reprompt(conv) or None
    return None
