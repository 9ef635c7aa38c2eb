"""The checks every understanding's answer passes, whoever proposed it (rules or a model).

The rules satisfy them by construction (`spans.resolve`); a model's answer is held to the
same: no value made of act words ("Извините", "Selge", "please"), no value used for two
slots (the host is not the visitor, the visitor's name is not their company), and the acts
the text itself shows (an acknowledgement, a request for another language) are carried.
A reply that opens with a correction ("sorry, I meant X") is a correction whatever the model
called it, and X goes to the slot the rules would give it (`spans.corrects`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.messages import as_language
from core.text.fold import fold
from core.understanding import replies, spans
from core.understanding.text import Text
from core.understanding.types import Act, Intent, Interpretation, UnderstandingContext

_PEOPLE_AND_COMPANIES = ("host", "visitor_name", "company")


def checked(
    raw: str, it: Interpretation, context: UnderstandingContext | None = None
) -> Interpretation:
    text = Text(raw)
    spans.reserve(text)
    acts = set(it.acts)
    if context is not None and replies.correction_at(text) is not None:
        it = _as_correction(it, context)
        acts.add(Act.CORRECT)
    slots = it.slots
    seen: set[str] = set()
    drop: dict[str, Any] = {}
    for name in _PEOPLE_AND_COMPANIES:  # the host first: it keeps a value said twice
        value = getattr(slots, name)
        if not value:
            continue
        if _only_act_words(value) or fold(value) in seen:
            drop[name] = None
        seen.add(fold(value))
    slots = replace(slots, **drop)
    if it.greeted:
        acts.add(Act.GREET)
    if it.question:
        acts.add(Act.QUESTION)
    if slots.visitor_name or slots.company is not None:
        acts.add(Act.INTRODUCE)
    said = (slots.host, slots.visitor_name, slots.company, slots.department, slots.choice_index)
    if all(v is None for v in said) and _only_act_words(text.value):
        acts.add(Act.ACKNOWLEDGE)
    if it.intent in (Intent.AFFIRM, Intent.DENY, Intent.CHOOSE) or any(v is not None for v in said):
        acts.add(Act.ANSWER)
    switch = spans.switch_to(text)
    if switch:
        acts.add(Act.SWITCH_LANGUAGE)
    return replace(
        it,
        slots=slots,
        acts=frozenset(acts),
        switch_to=it.switch_to or (as_language(switch) if switch else None),
    )


def _only_act_words(value: str) -> bool:
    text = Text(value)
    spans.reserve(text)
    return bool(text.words) and all(text.is_reserved(t) for t in text.words)


def _as_correction(it: Interpretation, context: UnderstandingContext) -> Interpretation:
    """The one value a correction gives, moved to the slot it corrects: a host is a "no,
    this one" (the flow looks them up), a name or a company is given anew."""
    said = [(name, v) for name in spans.CORRECTABLE if (v := getattr(it.slots, name))]
    if len(said) != 1:
        return it
    (was, value), asked = said[0], spans.Asked(context.expecting, context.state)
    kind = spans.corrects(value, prior=asked.corrected(context.corrects), given=context.given)
    if kind is None or kind == was:
        return it
    slots = replace(it.slots, **{was: None, kind: value})
    return replace(it, intent=Intent.DENY if kind == "host" else Intent.PROVIDE, slots=slots)
