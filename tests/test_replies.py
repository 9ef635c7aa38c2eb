"""The reply catalogue: every sentence in every language, in both forms, consistent."""

from __future__ import annotations

import re
import string

import pytest

from core.messages import LANGUAGES, VOICE_STYLE, WEB_STYLE
from core.replies import CATALOGUE, PersonRef, Say, render
from core.text.numbers import number_words, ru_plural

_FIELDS = string.Formatter()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_phrase_has_all_languages_and_the_same_placeholders(key: str) -> None:
    phrase = CATALOGUE[key]
    english = _placeholders(phrase.form("en", spoken=False))
    for language in LANGUAGES:
        for spoken in (False, True):
            text = phrase.form(language, spoken=spoken)
            assert text.strip(), (key, language, spoken)
            found = _placeholders(text)
            # Russian/Estonian may use a number's other forms (count_collective, …).
            found = {p.replace("_collective", "").replace("_genitive", "") for p in found}
            # A language may leave a count unsaid (Russian avoids number agreement), and the
            # phone does not read back a name it may have misheard, but no sentence drops a
            # host's name or asks for a value English does not give.
            optional = {"count", "query"} if spoken else {"count"}
            assert found <= english and english - found <= optional, (key, language, spoken)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_spoken_forms_have_no_markup_or_digits(key: str) -> None:
    for language in LANGUAGES:
        text = re.sub(r"\{\w+\}", "", CATALOGUE[key].form(language, spoken=True))
        assert not re.search(r"[\d()\[\]«»“”„*_<>#…]", text), (key, language, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_written_and_spoken_renderings(language: str) -> None:
    people = [PersonRef("Sarah Chen", "Engineering"), PersonRef("Sarah Miller", "Marketing")]
    say = Say("disambiguate", {"count": 2, "options": people})
    written = render(say, language, WEB_STYLE)  # type: ignore[arg-type]
    spoken = render(say, language, VOICE_STYLE)  # type: ignore[arg-type]
    assert "(Engineering)" in written
    assert "(" not in spoken and "2" not in spoken


def test_russian_hears_the_cyrillic_alias() -> None:
    ivan = PersonRef("Ivan Petrov", "Finance", ("Иван Петров",))
    assert render(Say("confirm_host", {"who": ivan}), "ru", WEB_STYLE) == (
        "Уточню: Иван Петров (Finance) — верно?"
    )
    assert render(Say("confirm_host", {"who": ivan}), "en", VOICE_STYLE) == (
        "Just to confirm: Ivan Petrov in Engineering. Is that right?".replace(
            "Engineering", "Finance"
        )
    )


def test_group_sizes_in_russian_and_estonian() -> None:
    say = Say("checked_in_group", {"name": "Том", "host": "Иван Петров", "count": 3})
    assert "группа из трёх человек" in render(say, "ru", VOICE_STYLE)
    assert "группа из 3 человек" in render(say, "ru", WEB_STYLE)
    assert "3-liikmeline" in render(say, "et", WEB_STYLE)
    assert "Teid on kolm" in render(say, "et", VOICE_STYLE)


@pytest.mark.parametrize(
    ("n", "language", "words"),
    [
        (3, "et", "kolm"),
        (14, "et", "neliteist"),
        (21, "et", "kakskümmend üks"),
        (145, "et", "sada nelikümmend viis"),
        (2026, "et", "kaks tuhat kakskümmend kuus"),
        (14, "ru", "четырнадцать"),
        (14, "en", "fourteen"),
    ],
)
def test_number_words(n: int, language: str, words: str) -> None:
    assert number_words(n, language) == words  # type: ignore[arg-type]


def test_russian_plural_agreement() -> None:
    forms = ("сотрудник", "сотрудника", "сотрудников")
    assert [ru_plural(n, *forms) for n in (1, 2, 5, 11, 21, 22, 25)] == [
        "сотрудник",
        "сотрудника",
        "сотрудников",
        "сотрудников",
        "сотрудник",
        "сотрудника",
        "сотрудников",
    ]


def test_the_department_is_said_in_the_visitor_language_else_as_the_directory_has_it() -> None:
    ivan = PersonRef(
        "Ivan Petrov", "Finance", ("Иван Петров",), (("et", "Finantsosakond"), ("ru", "Финансы"))
    )
    confirm = Say("confirm_host", {"who": ivan})
    assert render(confirm, "ru", WEB_STYLE) == "Уточню: Иван Петров (Финансы) — верно?"
    assert "Ivan Petrov (Finantsosakond)" in render(confirm, "et", WEB_STYLE)
    assert "Ivan Petrov (Finance)" in render(confirm, "en", WEB_STYLE)
    untranslated = PersonRef("Ivan Petrov", "Finance", (), (("et", "Finantsosakond"),))
    assert "(Finance)" in render(Say("confirm_host", {"who": untranslated}), "ru", WEB_STYLE)


def test_a_russian_voice_says_a_latin_only_name_in_cyrillic_and_text_keeps_it() -> None:
    sergei = PersonRef("Sergei Ivanov", "Sales", (), (("ru", "Продажи"),))
    confirm = Say("confirm_host", {"who": sergei})
    spoken = render(confirm, "ru", VOICE_STYLE)
    assert "Сергей Иванов, отдел Продажи" in spoken and "Sergei" not in spoken
    assert render(confirm, "ru", WEB_STYLE) == "Уточню: Sergei Ivanov (Продажи) — верно?"
    # Only Russian hears a transliteration; an alias in Cyrillic still wins over it.
    assert "Sergei Ivanov" in render(confirm, "et", VOICE_STYLE)
    jyri = PersonRef("Jüri Tamm", aliases=("Юрий Тамм",))
    assert "Юрий Тамм" in render(Say("confirm_host", {"who": jyri}), "ru", VOICE_STYLE)
    # A host named without their department (the welcome) is spoken the same way.
    welcome = Say("all_set", {"host": sergei.name_only()})
    assert "Сергей Иванов" in render(welcome, "ru", VOICE_STYLE)
    assert "Sergei Ivanov" in render(welcome, "ru", WEB_STYLE)
