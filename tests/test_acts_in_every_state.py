"""A table of every `expecting` value × every act a message can carry besides an answer,
in each language, through the flow's own turn (`core.flows.turn.advance`) with the rule
understanding — what the receptionist does, not only what it reads.

Whatever the receptionist is waiting on:
- a question, an acknowledgement, a greeting or a request for another language consumes
  nothing: the state, the pending question and every slot stay as they were, no failure
  is counted, and the pending question is asked again (in the new language after a
  switch);
- a self-introduction is kept (name and company) and never taken as the pending answer
  to a host, a choice, a date or a code.
An acknowledgement that a language reads as yes ("selge", "okei") confirms a host.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

import pytest

from core.agent import _context
from core.flows import turn
from core.flows.host import reprompt
from core.flows.state import SLOT_KEYS, Conversation, Expecting, State
from core.understanding.rules import interpret
from core.understanding.types import Intent

E, S = Expecting, State
SARAH_CHEN = {"id": 1, "name": "Sarah Chen", "department": "Engineering"}
SARAH_MILLER = {"id": 2, "name": "Sarah Miller", "department": "Marketing"}
TOMORROW = date(2026, 12, 8).isoformat()

# Where each `expecting` is asked, with the slots that state has by then.
STATES: dict[Expecting, tuple[State, dict[str, Any]]] = {
    E.HOST: (S.IDENTIFY_HOST, {}),
    E.CHOICE: (S.DISAMBIGUATE, {"candidates": [SARAH_CHEN, SARAH_MILLER], "query": "Sarah"}),
    E.CONFIRMATION: (S.CONFIRM_HOST, {"host": SARAH_CHEN, "candidates": [SARAH_CHEN]}),
    E.VISITOR_NAME: (S.COLLECT_VISITOR_INFO, {"host": SARAH_CHEN, "host_confirmed": True}),
    E.COMPANY: (
        S.COLLECT_VISITOR_INFO,
        {"host": SARAH_CHEN, "host_confirmed": True, "visitor_name": "Alice Young"},
    ),
    E.DATE: (S.BOOK_WHEN, {"kind": "booking", "host": SARAH_CHEN, "host_confirmed": True}),
    E.TIME: (
        S.BOOK_WHEN,
        {"kind": "booking", "host": SARAH_CHEN, "host_confirmed": True, "day": TOMORROW},
    ),
    E.PURPOSE: (S.BOOK_DETAILS, {"kind": "booking", "host": SARAH_CHEN, "host_confirmed": True}),
    E.CONTACT: (S.BOOK_DETAILS, {"kind": "booking", "host": SARAH_CHEN, "host_confirmed": True}),
    E.CODE: (S.FIND_BOOKING, {"kind": "arrival"}),
}
# Moving a booking asks for its new day in a state of its own.
MOVING = {"kind": "move", "host": SARAH_CHEN, "host_confirmed": True, "booking": {"id": 7}}
CASES = [*((e, *where) for e, where in STATES.items()), (E.DATE, S.MOVE_WHEN, MOVING)]

# Messages that carry an act and no answer: (act, language, text, language switched to).
ASIDES = (
    ("question", "en", "Sorry, where can I park?", None),
    ("question", "et", "Vabandust, kus ma saan autot parkida?", None),
    ("question", "ru", "Извините, а где можно припарковать машину?", None),
    ("acknowledge", "en", "got it, thank you", None),
    ("acknowledge", "et", "Selge, aitäh.", None),
    ("acknowledge", "ru", "Понятно, спасибо.", None),
    ("acknowledge", "ru", "Ага, понял", None),
    ("greet", "en", "Hello!", None),
    ("greet", "et", "Tere!", None),
    ("greet", "ru", "Здравствуйте!", None),
    ("switch_language", "en", "Could we speak Estonian, please?", "et"),
    ("switch_language", "et", "Kas saame vene keeles rääkida?", "ru"),
    ("switch_language", "ru", "Давайте лучше по-английски.", "en"),
)
INTRODUCTIONS = (
    ("en", "I'm Tom Baker from Acme Corporation", "Tom Baker", "Acme Corporation"),
    ("et", "Olen Oskar Valdma ettevõttest Põhjala Ehitus.", "Oskar Valdma", "Põhjala Ehitus"),
    ("ru", "Меня зовут Тимур Белов, компания ООО Ромашка", "Тимур Белов", "ООО Ромашка"),
)


class Tools:
    """What the flow may ask of the world; an aside must need none of it but `answer`."""

    def answer(self, question: str) -> str | None:
        return "Parking is behind the building." if "park" in question else None

    def now(self) -> datetime:
        return datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

    def slow(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        async def unexpected(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"an aside called tools.{name}")

        return unexpected


def conversation(
    expecting: Expecting, state: State, slots: dict[str, Any], language: str
) -> Conversation:
    return Conversation(state, expecting, language, dict(slots))  # type: ignore[arg-type]


def facts(conv: Conversation) -> dict[str, Any]:
    keep = ("host", "host_confirmed", "candidates", "visitor_name", "company", "day", "kind")
    return {k: conv.slots.get(k) for k in keep}


@pytest.mark.parametrize(
    ("expecting", "state", "slots", "act", "language", "text", "switch"),
    [(*c, *a) for c, a in itertools.product(CASES, ASIDES)],
)
async def test_an_aside_consumes_nothing_and_asks_again(
    expecting: Expecting,
    state: State,
    slots: dict[str, Any],
    act: str,
    language: str,
    text: str,
    switch: str | None,
) -> None:
    conv = conversation(expecting, state, slots, language)
    before = facts(conv)
    it = interpret(text, _context(conv))
    assert act in {str(a) for a in it.acts}, it
    says = await turn.advance(conv, it, Tools())
    if (expecting, act, it.intent) == (E.CONFIRMATION, "acknowledge", Intent.AFFIRM):
        # "Selge", "okei" are a yes to a yes/no question in Estonian: confirmed, no value.
        assert (conv.state, conv.slots["host"]) == (S.COLLECT_VISITOR_INFO, SARAH_CHEN)
        return
    assert (conv.state, conv.expecting, conv.failures) == (state, expecting, 0)
    assert facts(conv) == before, it
    assert conv.language == (switch or language)
    assert set(conv.slots) <= SLOT_KEYS, set(conv.slots) - SLOT_KEYS
    again = [say.key for say in reprompt(conv)]
    assert again and [say.key for say in says][-len(again) :] == again, says


@pytest.mark.parametrize(
    ("expecting", "state", "slots", "language", "text", "name", "company"),
    [(*c, *i) for c, i in itertools.product(CASES, INTRODUCTIONS)],
)
async def test_an_introduction_is_kept_and_answers_nothing_else(
    expecting: Expecting,
    state: State,
    slots: dict[str, Any],
    language: str,
    text: str,
    name: str,
    company: str,
) -> None:
    conv = conversation(expecting, state, slots, language)
    before = facts(conv)
    it = interpret(text, _context(conv))
    assert "introduce" in {str(a) for a in it.acts}, it
    assert it.slots.host is None and it.slots.choice_index is None and it.slots.code is None
    try:
        await turn.advance(conv, it, Tools())
    except AssertionError as e:
        if "an aside called tools." not in str(e):
            raise
    assert conv.slots.get("company") == company
    # Asked for the company, "I'm Tom Baker from Acme" answers it (the name was given
    # before); «Меня зовут…» says the name anew.
    assert conv.slots.get("visitor_name") in {before["visitor_name"] or name, name}
    for key in ("host", "candidates", "day", "kind"):
        assert conv.slots.get(key) == before[key], key
