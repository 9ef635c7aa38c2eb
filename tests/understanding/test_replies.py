"""Short replies read in the light of what the receptionist asked: yes/no, corrections,
a choice among candidates, and bare answers (a name, a company, a code)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.understanding.helpers import SARAHS, TAMMS, Row, check, read

YES = ["yes", "Yes!", "yeah", "yep", "correct", "that's right", "sure", "ok", "yes please"]
YES += ["jah", "jaa", "just", "õige", "täpselt", "Jah, õige"]
YES += ["да", "ага", "верно", "правильно", "конечно", "Да, верно", "da"]
NO = ["no", "No.", "nope", "wrong", "ei", "ei ole", "vale", "нет", "неверно", "не то", "net"]


@pytest.mark.parametrize("text", YES)
def test_yes(text: str) -> None:
    check(read(text, "confirmation", state="confirm_host"), "affirm", {})


@pytest.mark.parametrize("text", NO)
def test_no(text: str) -> None:
    check(read(text, "confirmation", state="confirm_host"), "deny", {})


CORRECTIONS: list[Row] = [
    ("no, the other one", "confirmation", "deny", {"choice_other": True}),
    ("ei, see teine", "confirmation", "deny", {"choice_other": True}),
    ("нет, другой", "confirmation", "deny", {"choice_other": True}),
    (
        "not Sarah Chen, Sarah Miller",
        "confirmation",
        "deny",
        {"not_host": "Sarah Chen", "host": "Sarah Miller"},
    ),
    (
        "ei, mitte Jüri, vaid Liis Tamm",
        "confirmation",
        "deny",
        {"not_host": "Jüri", "host": "Liis Tamm"},
    ),
    ("нет, не Петров, а Волков", "confirmation", "deny", {"not_host": "Петров", "host": "Волков"}),
    ("Не Петров, а Волков", None, "deny", {"not_host": "Петров", "host": "Волков"}),
    ("No, I meant Sarah Miller", "confirmation", "deny", {"host": "Sarah Miller"}),
    ("ei, ma mõtlesin Liis Tamme", "confirmation", "deny", {"host": "Liis Tamme"}),
    ("нет, я имел в виду Волкова", "confirmation", "deny", {"host": "Волкова"}),
    ("No I'm here to see Priya", "confirmation", "deny", {"host": "Priya"}),
    ("No, Sarah Miller", "confirmation", "deny", {"host": "Sarah Miller"}),
    ("not sure", "confirmation", "unknown", {}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), CORRECTIONS)
def test_corrections(text: str, expecting: str | None, intent: str, slots: dict[str, Any]) -> None:
    check(read(text, expecting, state="confirm_host"), intent, slots)


def test_the_offered_name_repeated_is_a_yes() -> None:
    it = read("Sarah Chen", "confirmation", state="confirm_host", candidates=SARAHS[:1])
    check(it, "affirm", {})


def test_another_name_instead_of_yes_corrects() -> None:
    it = read("Sarah Miller", "confirmation", state="confirm_host", candidates=SARAHS[:1])
    check(it, "deny", {"host": "Sarah Miller"})


CHOICES: list[tuple[str, dict[str, Any]]] = [
    ("the second one", {"choice_index": 1}),
    ("The first", {"choice_index": 0}),
    ("number 2", {"choice_index": 1}),
    ("2", {"choice_index": 1}),
    ("the last one", {"choice_index": 1}),
    ("teine", {"choice_index": 1}),
    ("esimene", {"choice_index": 0}),
    ("второй", {"choice_index": 1}),
    ("первая", {"choice_index": 0}),
    ("the one in Marketing", {"choice_index": 1, "department": "Marketing"}),
    ("the one from engineering", {"choice_index": 0, "department": "Engineering"}),
    ("turundusest", {"choice_index": 1, "department": "Marketing"}),
    ("из маркетинга", {"choice_index": 1, "department": "Marketing"}),
    ("Chen", {"choice_index": 0}),
    ("Miller!", {"choice_index": 1}),
    ("Чен", {"choice_index": 0}),
    ("Миллер", {"choice_index": 1}),
    ("Sarah Chen", {"choice_index": 0}),
    ("I think Chen", {"choice_index": 0}),
    ("Sarah", {"host": "Sarah"}),  # both are Sarahs: the flow asks again
    ("Sarah Connor", {"host": "Sarah Connor"}),  # neither: the flow asks the directory
    ("the other one", {"choice_other": True}),
    ("5", {}),  # out of range: nothing is picked
]


@pytest.mark.parametrize(("text", "slots"), CHOICES)
def test_choosing_among_candidates(text: str, slots: dict[str, Any]) -> None:
    it = read(text, "choice", state="disambiguate", candidates=SARAHS)
    check(it, "choose" if slots else "unknown", slots)


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Liisi", {"choice_index": 1}),
        ("see, kes on turunduses", {"choice_index": 1, "department": "Marketing"}),
        ("Юри", {"choice_index": 0}),
    ],
)
def test_choosing_among_estonian_namesakes(text: str, slots: dict[str, Any]) -> None:
    check(read(text, "choice", state="disambiguate", candidates=TAMMS), "choose", slots)


def test_no_to_a_choice_rejects_them_all() -> None:
    check(read("no, none of them", "choice", state="disambiguate", candidates=SARAHS), "deny", {})


BARE: list[Row] = [
    ("Tom Baker", "visitor_name", "provide", {"visitor_name": "Tom Baker"}),
    ("It's Tom", "visitor_name", "provide", {"visitor_name": "Tom"}),
    ("tom baker", "visitor_name", "provide", {"visitor_name": "tom baker"}),
    (
        "Tom Baker from Acme",
        "visitor_name",
        "provide",
        {"visitor_name": "Tom Baker", "company": "Acme"},
    ),
    ("Том Бейкер", "visitor_name", "provide", {"visitor_name": "Том Бейкер"}),
    ("Acme", "company", "provide", {"company": "Acme"}),
    ("It's Acme", "company", "provide", {"company": "Acme"}),
    ("acme", "company", "provide", {"company": "acme"}),
    ("Acme OÜ", "company", "provide", {"company": "Acme OÜ"}),
    ("We're from Acme Baltic AS", "company", "provide", {"company": "Acme Baltic AS"}),
    ("Acme Inc.", "company", "provide", {"company": "Acme Inc."}),
    ("ООО Ромашка", "company", "provide", {"company": "ООО Ромашка"}),
    ("ООО «Ромашка»", "company", "provide", {"company": "ООО Ромашка"}),
    ("I don't have a company", "company", "provide", {"company": ""}),
    ("private visit", "company", "provide", {"company": ""}),
    ("none", "company", "provide", {"company": ""}),
    ("no", "company", "provide", {"company": ""}),
    ("eraisik", "company", "provide", {"company": ""}),
    ("ei ole", "company", "provide", {"company": ""}),
    ("частное лицо", "company", "provide", {"company": ""}),
    ("нет", "company", "provide", {"company": ""}),
    ("I'm a private person, I don't have a company", None, "provide", {"company": ""}),
    ("for an interview", "purpose", "provide", {"purpose": "interview"}),
    ("intervjuule", "purpose", "provide", {"purpose": "intervjuule"}),
    ("на собеседование", "purpose", "provide", {"purpose": "собеседование"}),
    ("to sign a contract", "purpose", "provide", {"purpose": "sign a contract"}),
    ("next Friday", "date", "provide", {"date": "next Friday"}),
    ("tomorrow at 10", "date", "provide", {"date": "tomorrow", "time": "10"}),
    ("kell 14", "time", "provide", {"time": "kell 14"}),
    ("K7P-2Q", "code", "provide", {"code": "K7P2Q"}),
    ("k 7 p 2 q", "code", "provide", {"code": "K7P2Q"}),
    ("KPQX", "code", "provide", {"code": "KPQX"}),
    ("thank you", "code", "unknown", {}),
    ("+372 5555 0101", "contact", "provide", {"contact": "+37255550101"}),
    ("tom.baker@example.com", "contact", "provide", {"contact": "tom.baker@example.com"}),
    ("мой номер +7 912 345-67-89", "contact", "provide", {"contact": "+79123456789"}),
    ("my number is +372 5555 0101", None, "provide", {"contact": "+37255550101"}),
]


@pytest.mark.parametrize(("text", "expecting", "intent", "slots"), BARE)
def test_bare_answers_fill_what_was_asked(
    text: str, expecting: str | None, intent: str, slots: dict[str, Any]
) -> None:
    check(read(text, expecting, state="collect_visitor_info"), intent, slots)
