"""What a visitor reads by SMS, measured: the SMS wordings against the segment budget."""

from __future__ import annotations

import string

import pytest

from channels.sms.compose import compose
from channels.sms.segments import count
from core.messages import LANGUAGES, SMS_STYLE, Language
from core.replies import CATALOGUE, PersonRef, Say, render, sentences

_FIELDS = string.Formatter()
VARIANTS = sorted(key for key in CATALOGUE if key.endswith(".sms"))
# Typical values: demo-directory people as a Russian speaker sees them, ordinary visitors.
PEOPLE = {
    "en": (PersonRef("James Wilson", "Operations"), "Tom Baker"),
    "et": (PersonRef("Jüri Tamm", "Engineering"), "Mari Kask"),
    "ru": (PersonRef("Иван Петров", "Finance"), "Анна Смирнова"),
}


def _params(language: Language) -> dict[str, object]:
    host, visitor = PEOPLE[language]
    other = PersonRef("Sarah Miller", "Marketing")
    return {
        "name": visitor,
        "host": host.name,
        "who": host,
        "count": 2,
        "options": [host, other],
        "query": "Sara",
        "recipient": host.name,
    }


def _sms(key: str, language: Language) -> str:
    return compose(
        sentences([Say(key.removesuffix(".sms"), _params(language))], language, SMS_STYLE)
    )


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(text) if name}


@pytest.mark.parametrize("key", VARIANTS)
def test_each_sms_wording_says_what_its_original_says(key: str) -> None:
    assert key.removesuffix(".sms") in CATALOGUE, f"{key} is a wording of nothing"
    base = CATALOGUE[key.removesuffix(".sms")]
    for language in LANGUAGES:
        ours = _names(CATALOGUE[key].form(language, spoken=False))
        theirs = _names(base.form(language, spoken=False))
        assert ours <= theirs and theirs - ours <= {"count"}, (key, language)


@pytest.mark.parametrize("key", VARIANTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_sms_wordings_fit_in_two_segments(key: str, language: Language) -> None:
    assert count(_sms(key, language)).segments <= 2, _sms(key, language)


@pytest.mark.parametrize(
    ("language", "encoding", "segments"),
    [("en", "GSM-7", 1), ("et", "GSM-7", 1), ("ru", "UCS-2", 2)],
)
def test_the_check_in_confirmation_is_as_short_as_the_language_allows(
    language: Language, encoding: str, segments: int
) -> None:
    # English and (õ-free) Estonian fit one GSM segment; Cyrillic travels as UCS-2.
    found = count(_sms("checked_in.sms", language))
    assert (found.encoding, found.segments) == (encoding, segments)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyword_answers_fit_in_one_segment(language: Language) -> None:
    for key in ("sms_stopped", "sms_help", "sms_text_only"):
        text = compose([render(Say(key), language, SMS_STYLE)])
        assert count(text).segments == 1, (key, language, text)


def test_sms_wording_is_only_used_for_sms() -> None:
    from core.messages import WEB_STYLE

    say = Say("checked_in", {"name": "Tom", "host": "James Wilson"})
    assert "badge is printing" in render(say, "en", WEB_STYLE)
    assert "pick up your badge" in render(say, "en", SMS_STYLE)
