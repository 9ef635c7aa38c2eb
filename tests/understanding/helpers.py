"""Shared helpers for the understanding tables: one call reads one utterance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Language
from core.understanding import (
    CandidateRef,
    Interpretation,
    RuleBasedUnderstanding,
    Slots,
    UnderstandingContext,
)
from core.understanding.rules import interpret

SARAHS = (
    CandidateRef(1, "Sarah Chen", "Engineering"),
    CandidateRef(2, "Sarah Miller", "Marketing"),
)
TAMMS = (CandidateRef(4, "Jüri Tamm", "Engineering"), CandidateRef(15, "Liis Tamm", "Marketing"))

# A row: (text, expecting, intent, slots). The slots dict must equal the whole `Slots`, so
# a case also fails when something was extracted that should not have been.
Row = tuple[str, str | None, str, dict[str, Any]]


def read(
    text: str,
    expecting: str | None = None,
    *,
    state: str = "greeting",
    candidates: Sequence[CandidateRef] = (),
    language: Language = "en",
) -> Interpretation:
    return interpret(text, UnderstandingContext(state, expecting, language, tuple(candidates)))


def check(it: Interpretation, intent: str, slots: dict[str, Any]) -> None:
    assert (it.intent.value, it.slots) == (intent, Slots(**slots))


async def read_async(text: str, expecting: str | None = None) -> Interpretation:
    understanding = RuleBasedUnderstanding()
    return await understanding.interpret(text, UnderstandingContext("greeting", expecting, "en"))
