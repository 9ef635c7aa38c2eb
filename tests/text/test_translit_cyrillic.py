"""Latin names read in Cyrillic for a Russian voice: one general reading, Estonian letters
included, and text already in Cyrillic left alone."""

from __future__ import annotations

import pytest

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
