"""The progress guard: a conversation that goes nowhere reaches a person, whatever its state.

It runs once per turn, after the flow has answered (`turn.advance`), and knows nothing of
states or flows. It watches two things:

- the replies: the same reply (the same sentences with the same values, in the same
  state) given a third time since a person was last offered is replaced by the offer of
  a person — however the visitor got there and whatever came in between;
- the facts: what the conversation holds (every slot except bookkeeping) and what the
  visitor said in answer to a question (a date the office refused is still a new
  answer). A fact is new if this conversation never saw that value before; four turns in
  a row without one offer a person too, so a visitor cycling between two answers, or
  asking one question after another, is not "progress".

An offer made (by the flow or by the guard) or a hand-over starts both counts afresh.
The flows' own failure count (`host.failed`) still offers a person sooner where it can
tell a failure; this is the bound no state can escape.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from dataclasses import asdict

from core.flows.host import offer_human, reprompt
from core.flows.state import BOOKKEEPING, Conversation, State
from core.replies import Say
from core.understanding.types import Slots

SAME_REPLY_LIMIT = 3  # the third time the same reply would be given, a person is offered
STALE_TURNS_LIMIT = 4  # this many turns in a row without a new fact offer a person
_SEEN_LIMIT = 128  # fingerprints kept per conversation

__all__ = ["BOOKKEEPING", "guard"]


def _fingerprints(slots: Mapping[str, object], said: Slots) -> set[str]:
    out = set()
    told = {f"said.{k}": v for k, v in asdict(said).items() if v not in (None, False)}
    for key, value in [*slots.items(), *told.items()]:
        if key in BOOKKEEPING or value is None:
            continue
        out.add(_fingerprint([key, value]))
    return out


def _fingerprint(value: object) -> str:
    blob = json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)
    return format(zlib.crc32(blob.encode()), "08x")


def _reply(conv: Conversation, says: list[Say]) -> str:
    said = [[say.key, dict(say.params)] for say in says]
    return _fingerprint([str(conv.state), str(conv.expecting), conv.language, said])


def _without_question(conv: Conversation, says: list[Say]) -> list[Say]:
    """`says` without the pending question at its end: the offer takes its place."""
    pending = {say.key for say in reprompt(conv)}
    return says[:-1] if says and says[-1].key in pending else says


def guard(conv: Conversation, says: list[Say], said: Slots) -> list[Say]:
    """`says`, or — when the conversation is going round — `says` ending in an offer of a
    person (instead of the question it would have asked once more)."""
    record = conv.slots.get("progress") or {}
    seen = list(record.get("seen", []))
    new = _fingerprints(conv.slots, said) - set(seen)
    seen = [*seen, *sorted(new)][-_SEEN_LIMIT:]
    replies: dict[str, int] = dict(record.get("replies", {}))
    reply = _reply(conv, says)
    replies[reply] = replies.get(reply, 0) + 1
    stale = 0 if new else int(record.get("stale", 0)) + 1
    if conv.slots.get("offer") or conv.state is State.TRANSFER_HUMAN:
        replies, stale = {}, 0  # a person was offered or is coming
    elif replies[reply] >= SAME_REPLY_LIMIT or stale >= STALE_TURNS_LIMIT:
        says = offer_human(conv, [*_without_question(conv, says), Say("offer_human")])
        replies, stale = {}, 0
    conv.slots["progress"] = {"seen": seen, "replies": replies, "stale": stale}
    return says
