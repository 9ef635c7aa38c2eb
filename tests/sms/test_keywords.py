"""STOP, START and HELP: the whole message is the keyword, in any of our languages."""

from __future__ import annotations

import pytest

from channels.sms.keywords import Keyword, keyword


@pytest.mark.parametrize(
    ("text", "expected", "language"),
    [
        ("STOP", Keyword.STOP, None),
        ("stop", Keyword.STOP, None),
        (" Stop! ", Keyword.STOP, None),
        ("UNSUBSCRIBE", Keyword.STOP, None),
        ("Cancel", Keyword.STOP, None),
        ("stop all", Keyword.STOP, None),
        ("STOPP", Keyword.STOP, "et"),
        ("Lõpeta", Keyword.STOP, "et"),
        ("СТОП", Keyword.STOP, "ru"),
        ("Отписаться.", Keyword.STOP, "ru"),
        ("START", Keyword.START, None),
        ("unstop", Keyword.START, None),
        ("Alusta", Keyword.START, "et"),
        ("старт", Keyword.START, "ru"),
        ("HELP", Keyword.HELP, None),
        ("help?", Keyword.HELP, None),
        ("Abi", Keyword.HELP, "et"),
        ("Помощь", Keyword.HELP, "ru"),
    ],
)
def test_keywords(text: str, expected: Keyword, language: str | None) -> None:
    assert keyword(text) == (expected, language)


@pytest.mark.parametrize(
    "text",
    ["stop by James's office", "Please stop", "I need help finding Priya", "", "стоп-кран"],
)
def test_a_keyword_must_be_the_whole_message(text: str) -> None:
    assert keyword(text) is None


@pytest.mark.parametrize(("text", "language"), [("yes", "en"), ("Jah", "et"), ("да", "ru")])
def test_yes_opts_back_in_only_a_number_that_opted_out(text: str, language: str) -> None:
    assert keyword(text) is None  # from anyone else it answers the receptionist
    assert keyword(text, opted_out=True) == (Keyword.START, language)
