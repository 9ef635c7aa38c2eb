"""What the visitor is recorded as is what they wrote: found by the simulator
(tests/visitor_sim.py), fixed in the rules that read every name, not per name."""

from __future__ import annotations

import pytest

from core.understanding import UnderstandingContext
from core.understanding.rules import interpret
from tests.understanding.helpers import read


@pytest.mark.parametrize(
    ("text", "expecting", "name", "company"),
    [
        # ё is read as е for matching, and kept as written for the record.
        ("Пётр Щукин", "visitor_name", "Пётр Щукин", None),
        (
            "Меня зовут Пётр Щукин, компания «Объединённые системы»",
            None,
            "Пётр Щукин",
            "Объединённые системы",
        ),
        # A surname that is a particle in lower case: capitals show it is a name, and a
        # particle that cannot end a sentence, ending the answer, is part of it.
        ("Анна-Мария Ли", "visitor_name", "Анна-Мария Ли", None),
        ("анна ли", "visitor_name", "анна ли", None),
        # "Name, Company" as the answer to the name.
        ("Alice Young, Initech Ltd", "visitor_name", "Alice Young", "Initech Ltd"),
        ("Oskar Valdma, Põhjala Ehitus", "visitor_name", "Oskar Valdma", "Põhjala Ehitus"),
        ("Tom Baker, please", "visitor_name", "Tom Baker", None),
    ],
)
def test_the_visitor_is_recorded_as_written(
    text: str, expecting: str | None, name: str, company: str | None
) -> None:
    it = read(text, expecting, state="collect_visitor_info")
    assert (it.slots.visitor_name, it.slots.company) == (name, company)


@pytest.mark.parametrize(
    ("text", "last", "slot", "value"),
    [
        ("vabandust, mõtlesin Telia", "company", "company", "Telia"),
        ("извините, я имел в виду Яндекс", "company", "company", "Яндекс"),
        # A legal form makes it the company, whatever was filled last.
        ("vabandust, mõtlesin Acme OÜ", "host", "company", "Acme OÜ"),
    ],
)
def test_i_meant_is_never_a_name(text: str, last: str, slot: str, value: str) -> None:
    context = UnderstandingContext("collect_visitor_info", "visitor_name", "et", (), last)
    it = interpret(text, context)
    assert getattr(it.slots, slot) == value
    assert it.slots.visitor_name in (None, value), it


@pytest.mark.parametrize("expecting", ["purpose", "date", "time", "contact", "code"])
@pytest.mark.parametrize("text", ["Selge, aitäh.", "got it, thank you", "Понятно, спасибо."])
def test_an_acknowledgement_is_no_free_text_answer(expecting: str, text: str) -> None:
    it = read(text, expecting, state="book_details")
    assert (it.slots.purpose, it.slots.date, it.slots.time, it.slots.contact) == (None,) * 4
    assert it.slots.code is None
