"""Latin names read in Cyrillic for a Russian voice: one general reading, Estonian letters
included; a word spelt the English way read as Russian writes English names; text already
in Cyrillic left alone."""

from __future__ import annotations

import pytest

from bench.synthetic import ET_FIRST, ET_LAST, RU_FIRST, RU_LAST
from core.text.english_cyrillic import looks_english
from core.text.translit import cyrillic


@pytest.mark.parametrize(
    ("latin", "spoken"),
    [
        ("Sergei Ivanov", "Сергей Иванов"),
        ("Aleksei Kuznetsov", "Алексей Кузнецов"),
        ("Jüri Tamm", "Юри Тамм"),
        ("Mari Mägi", "Мари Мяги"),
        ("Tõnu Õunapuu", "Тыну Ыунапуу"),
        ("Tatjana Jakovleva", "Татьяна Яковлева"),
        ("Natalya Shcherbakova", "Наталья Щербакова"),
        ("Sarah Chen", "Сара Чен"),
        ("Maria Kask", "Мария Каск"),
    ],
)
def test_latin_names_get_a_russian_reading(latin: str, spoken: str) -> None:
    assert cyrillic(latin) == spoken


def test_cyrillic_and_other_text_is_left_as_it_is() -> None:
    assert cyrillic("Иван Петров") == "Иван Петров"
    assert cyrillic("Dr. O'Brien-Smith, 2") == "Др. О'Бриен-Смит, 2"


@pytest.mark.parametrize(
    ("latin", "spoken"),
    [
        ("Wright", "Райт"),  # silent w, -igh-
        ("George", "Джордж"),  # soft g at both ends
        ("Hughes", "Хьюз"),  # -ugh- and a voiced final s
        ("Stone", "Стоун"),  # a long o before a silent e
        ("Michael", "Майкл"),  # an open first syllable, -chael
        ("Michael Wright", "Майкл Райт"),
        ("James Wilson", "Джеймс Уилсон"),
        ("Mike White", "Майк Уайт"),
        ("Kyle Knight", "Кайл Найт"),
        ("Catherine Brown", "Катерине Браун"),  # Brown is English; Catherine is read as written
        ("Grace Hodge", "Грейс Ходж"),
        ("Luke Barlow", "Люк Барлоу"),
    ],
)
def test_english_spellings_are_read_the_english_way(latin: str, spoken: str) -> None:
    assert cyrillic(latin) == spoken


def test_estonian_and_russian_names_are_never_taken_for_english() -> None:
    # The names a directory here mostly holds: not one is read by English rules, so Mare,
    # Merike and Rebane keep their letters (Маре, Мерике, Ребане), as do Jaan and Sergei.
    names = {n.split(":")[0].lower() for n in (*ET_FIRST, *ET_LAST, *RU_FIRST, *RU_LAST)}
    assert len(names) > 150
    assert sorted(n for n in names if looks_english(n)) == []
    assert cyrillic("Mare Merike Rebane Jaan Inge Kate") == "Маре Мерике Ребане Яан Инге Кате"
