"""The progress guard: a conversation that goes nowhere reaches a person, whatever its state.

It runs once per turn, after the flow has answered (`turn.advance`), and knows nothing of
states or flows. It watches two things:

- the question the receptionist ends its reply with (the last thing said, with the
  state and the slot it waits on): asked a third time in a row, it is replaced by the
  offer of a person (so is any question about to be asked again when the guard speaks);
- the facts: what the conversation holds (every slot except bookkeeping) and what the
  visitor said this turn (a date the office refused is still a new answer). A fact is
  new if this conversation never saw that value before; four turns in a row without one
  offer a person too, so a visitor cycling between two answers is not "progress". A new
  fact also starts the count of the same question afresh.

An offer made (by the flow or by the guard) or a hand-over starts both counts afresh.
The flows' own failure count (`checkin.failed`) still offers a person sooner where it can
tell a failure; this is the bound no state can escape.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict
from typing import Any

from core.flows.checkin import offer_human
from core.flows.state import Conversation, State
from core.replies import Say
from core.understanding.types import Slots

SAME_QUESTION_LIMIT = 3  # the third time the same question would be asked, a person is offered
STALE_TURNS_LIMIT = 4  # this many turns in a row without a new fact offer a person
_SEEN_LIMIT = 128  # fingerprints kept per conversation

# Slots that record how the conversation is going rather than what the visitor told us.
BOOKKEEPING = frozenset(
    {"offer", "offered", "candidates", "rejected", "query", "progress", "just_given"}
)


def _fingerprints(slots: dict[str, Any], said: Slots) -> set[str]:
    out = set()
    told = {f"said.{k}": v for k, v in asdict(said).items() if v not in (None, False)}
    for key, value in [*slots.items(), *told.items()]:
        if key in BOOKKEEPING or value is None:
            continue
        blob = json.dumps([key, value], sort_keys=True, default=str, ensure_ascii=False)
        out.add(format(zlib.crc32(blob.encode()), "08x"))
    return out


def _question(conv: Conversation, says: list[Say]) -> str | None:
    if not says:
        return None
    return f"{conv.state}/{conv.expecting}/{says[-1].key}"


def guard(conv: Conversation, says: list[Say], said: Slots) -> list[Say]:
    """`says`, or — when the conversation is going round — `says` ending in an offer of a
    person instead of the question asked once too often."""
    record: dict[str, Any] = dict(conv.slots.get("progress") or {})
    seen = list(record.get("seen", []))
    new = _fingerprints(conv.slots, said) - set(seen)
    seen = [*seen, *sorted(new)][-_SEEN_LIMIT:]
    question = _question(conv, says)
    again = question == record.get("question") and not new
    asked = int(record.get("asked", 0)) + 1 if again else 1
    stale = 0 if new else int(record.get("stale", 0)) + 1
    if conv.slots.get("offer") or conv.state is State.TRANSFER_HUMAN:
        asked, stale, question = 0, 0, None  # a person was offered or is coming
    elif asked >= SAME_QUESTION_LIMIT or stale >= STALE_TURNS_LIMIT:
        kept = says[:-1] if asked > 1 else says  # a question asked again gives way to the offer
        says = offer_human(conv, [*kept, Say("offer_human")])
        asked, stale, question = 0, 0, None
    conv.slots["progress"] = {"seen": seen, "question": question, "asked": asked, "stale": stale}
    return says
