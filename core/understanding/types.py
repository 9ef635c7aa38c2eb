"""The seam between what the visitor said and what the flow does with it.

An `Understanding` proposes an intent and slot values; it never acts. The flow decides.
The rule-based implementation is the embedded default; an LLM-backed one plugs in behind
the same Protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from core.messages import Language


class Intent(StrEnum):
    GREETING = "greeting"  # only a greeting ("Hi", "Tere", "Здравствуйте")
    CHECK_IN = "check_in"  # here to see someone now
    DELIVERY = "delivery"  # a parcel, food, a courier
    PREREGISTER = "preregister"  # wants to book a future visit
    ARRIVAL = "arrival"  # has a booking / gives a booking code
    CANCEL_BOOKING = "cancel_booking"
    MOVE_BOOKING = "move_booking"
    AFFIRM = "affirm"  # yes
    DENY = "deny"  # no (possibly with a correction in slots)
    CHOOSE = "choose"  # picks one of the offered candidates
    PROVIDE = "provide"  # gives slot values without another intent
    HUMAN = "human"  # wants a person
    GOODBYE = "goodbye"
    QUESTION = "question"  # asks something (the knowledge base may answer)
    UNKNOWN = "unknown"


class Act(StrEnum):
    """What a message does besides (or instead of) its intent; one message may do several:
    "Sorry, where can I park?" apologises and asks, "Olen Oskar Valdma" while choosing
    introduces, "Vabandust, räägime eesti keeles" asks for another language."""

    GREET = "greet"
    QUESTION = "question"  # asks something the knowledge base may answer
    ACKNOWLEDGE = "acknowledge"  # "ok", "selge, aitäh", «понятно»: heard; no value, no failure
    INTRODUCE = "introduce"  # says who the visitor is (name or company)
    SWITCH_LANGUAGE = "switch_language"  # asks to speak another language (see `switch_to`)
    ANSWER = "answer"  # carries a value for what the receptionist asked
    CORRECT = "correct"  # "sorry, I meant Tom": replaces a value (see `UnderstandingContext`)


@dataclass(frozen=True, slots=True)
class CandidateRef:
    """One of the people the receptionist just offered, for resolving a choice."""

    id: int
    name: str
    department: str
    other_departments: tuple[str, ...] = ()  # the department as said in other languages


@dataclass(frozen=True, slots=True)
class UnderstandingContext:
    state: str
    expecting: str | None
    language: Language
    candidates: Sequence[CandidateRef] = ()
    # The slot the visitor filled most recently (visitor_name, company or host): what a
    # correction replaces when the receptionist is not choosing or confirming a host.
    corrects: str | None = None
    # What the visitor has said so far, as (slot, value) pairs — their name, their company,
    # the host as asked for and as found: a correction replaces the one it resembles.
    given: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Slots:
    """Values found in one utterance. None means "not said"."""

    host: str | None = None  # the phrase naming whom they came to see, as said
    not_host: str | None = None  # "not Sarah Chen, …" — the rejected name
    visitor_name: str | None = None
    company: str | None = None
    purpose: str | None = None
    party_size: int | None = None
    choice_index: int | None = None  # 0-based index into context.candidates
    choice_other: bool = False  # "the other one"
    department: str | None = None  # e.g. a delivery for a department
    date: str | None = None  # as said; parsed by the flow that needs it
    time: str | None = None
    contact: str | None = None  # phone number or e-mail
    code: str | None = None  # booking code


@dataclass(frozen=True, slots=True)
class Interpretation:
    intent: Intent
    slots: Slots = field(default_factory=Slots)
    greeted: bool = False  # the utterance also said hello
    question: str | None = None  # the question, when intent is QUESTION (or asked aside)
    acts: frozenset[Act] = frozenset()
    switch_to: Language | None = None  # the language asked for, with Act.SWITCH_LANGUAGE


class Understanding(Protocol):
    async def interpret(self, text: str, context: UnderstandingContext) -> Interpretation: ...
