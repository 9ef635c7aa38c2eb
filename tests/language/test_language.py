"""Language detection: the traps the team measured, and the stickiness rules."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from core.language import country_language, guess_language, session_language
from core.messages import Language

DECISIVE: list[tuple[str, Language]] = [
    ("Tere", "et"),  # lingua: English 0.83
    ("Kus on lift?", "et"),  # lingua: English
    ("Tere! Mul on kohtumine Jüri Tammega", "et"),
    ("Tulin Jüri Tamme juurde", "et"),
    ("Vabandust, kas te räägite eesti keelt?", "et"),
    ("Kas te räägite inglise keelt?", "en"),  # asked in Estonian, for English
    ("Hello", "en"),
    ("I'm here to see Priya", "en"),
    ("Tom Baker from Acme", "en"),
    ("Can we speak English please", "en"),
    ("Can we speak Russian?", "ru"),
    ("Вы говорите по-английски?", "en"),
    ("Здравствуйте, я к Ивану Петрову", "ru"),
    ("У меня встреча с Анной Ивановой", "ru"),
    ("Где туалет?", "ru"),
    ("Я к Sarah Chen", "ru"),  # more Latin letters than Cyrillic, but a Russian sentence
    ("Here to see Jüri Tamm", "en"),  # the umlaut belongs to the name, not the sentence
    ("I'm here to see Tõnu Õunapuu", "en"),
    ("Здравствуйте", "ru"),
    ("privet, ya k Ivanu", "ru"),  # lingua: Estonian
    ("zdravstvuyte", "ru"),  # lingua: Estonian 1.0
    ("u menya vstrecha s Annoy Ivanovoy", "ru"),
    ("spasibo, do svidaniya", "ru"),
]


@pytest.mark.parametrize(("text", "language"), DECISIVE)
def test_clear_lines_are_decisive(text: str, language: Language) -> None:
    guess = guess_language(text)
    assert (guess.language, guess.decisive) == (language, True)


NOT_DECISIVE = [
    "ok",
    "yes",
    "jah",
    "да",
    "Jah, aitäh",
    "Sarah Chen",  # lingua: Estonian 0.64
    "Jüri Tamm",
    "Иван Петров",
    "Acme",
    "Acme OÜ",
    "ООО Ромашка",
    "Иванова",
    "12345",
    "+372 5555 0101",
    "tom.baker@example.com",
    "😀",
    "",
    "\x00\x07",
]


@pytest.mark.parametrize("text", NOT_DECISIVE)
def test_short_or_ambiguous_lines_are_not_decisive(text: str) -> None:
    assert guess_language(text).decisive is False


@pytest.mark.parametrize("text", ["12345", "tom.baker@example.com", "😀", "", "  "])
def test_lines_without_words_have_no_language(text: str) -> None:
    assert guess_language(text).language is None


@pytest.mark.parametrize(
    ("current", "text", "expected"),
    [
        ("en", "Sarah Chen", "en"),
        ("ru", "Sarah Chen", "ru"),
        ("et", "ok", "et"),
        ("ru", "Jüri Tamm", "ru"),
        ("ru", "yes", "ru"),
        ("en", "да", "en"),
        ("en", "Acme", "en"),
        ("et", "12345", "et"),
        ("et", "tom.baker@example.com", "et"),
        ("en", "Tere", "et"),
        ("en", "Kus on lift?", "et"),
        ("en", "Vabandust, kas te räägite eesti keelt?", "et"),
        ("et", "Can we speak English please", "en"),
        ("en", "Я к Ивану Петрову", "ru"),
        ("en", "privet, ya k Ivanu", "ru"),
        ("ru", "I have a meeting with Sarah Chen", "en"),
        ("en", "I'm from ООО Ромашка", "en"),
    ],
)
def test_session_language_is_sticky_until_a_clear_switch(
    current: Language, text: str, expected: Language
) -> None:
    assert session_language(current, text) == expected


@pytest.mark.parametrize(
    ("text", "country", "default", "expected"),
    [
        ("ok", "et", "en", "et"),
        ("ok", None, "en", "en"),
        ("Sarah Chen", None, "en", "en"),  # lingua's Estonian 0.64 is not confident enough
        ("Sarah Chen", "ru", "en", "ru"),
        ("12345", None, "et", "et"),
        ("aitäh", None, "en", "et"),
        ("Tere", "ru", "en", "et"),  # a decisive line beats the number's country
        ("Иван Петров", "et", "en", "ru"),  # Cyrillic beats the country on the first line
        ("zdravstvuyte", "et", "en", "ru"),
    ],
)
def test_first_line_falls_back_to_country_then_guess_then_default(
    text: str, country: Language | None, default: Language, expected: Language
) -> None:
    assert session_language(None, text, country=country, default=default) == expected


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("+372 5555 0101", "et"),
        ("+3725550101", "et"),
        ("00372 5555 0101", "et"),
        ("+7 912 345-67-89", "ru"),
        ("+375 29 123 4567", "ru"),
        ("+1 (415) 555-0100", "en"),
        ("+44 20 7946 0958", "en"),
        ("+49 30 123456", None),
        ("5555 0101", None),
        ("", None),
        (None, None),
        ("not a number", None),
    ],
)
def test_country_language(phone: str | None, expected: Language | None) -> None:
    assert country_language(phone) == expected


def test_importing_does_not_load_lingua() -> None:
    code = "import sys, core.language; print('lingua' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_long_input_is_cheap() -> None:
    guess_language("warm up the detector")
    started = time.perf_counter()
    guess = guess_language("I'm here to see Priya. " * 500)
    assert guess.language == "en"
    assert time.perf_counter() - started < 0.5
