"""Russian case forms of names: candidate nominatives of a declined word, at query time.

Russian declines first names and surnames, including foreign ones written in Cyrillic ("к
Саре Чен", "с Джеймсом Уилсоном"), and most people in the directory have no Cyrillic spelling
at all. So the index cannot list the declined forms of every name; instead a declined query
word is turned back into the few nominatives it could come from (Ивану → Иван, Ивановой →
Иванова, Марии → Мария), and each of those is transliterated and looked up like any word.
Over-generation is fine: a wrong guess ("Сарой" → "Сара", "Сарой"→"Саро") simply finds nothing.

Why not pymorphy3: it lemmatises towards dictionary words and masculine forms (it turns
"Ивановой" into "иванов"), knows nothing of foreign names, and is a heavy dependency for a
table this small.
"""

from __future__ import annotations

# ending → the nominative endings it may replace, longest endings first.
# Covers: masculine consonant stems (Иван, Петров, Чен, Уилсон: -а -у -ом -ем -е -ым),
# -ь/-й stems (Игорь, Алексей, Дмитрий: -я -ю -ем -е -и), -а/-я stems (Анна, Сара, Ольга,
# Мария: -ы -и -е -у -ой -ю -ей), feminine surnames (Иванова: -ой -у; Чайковская: -ой -ую),
# adjectival surnames (Чайковский, Толстой: -ого -ому -им -ым -ом).
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ого", ("ий", "ой", "ый")),
    ("его", ("ий",)),
    ("ому", ("ий", "ой", "ый")),
    ("ему", ("ий",)),
    ("ым", ("", "ый", "ой")),
    ("им", ("ий",)),
    ("ом", ("", "ий")),
    ("ем", ("", "ь", "й")),
    ("ой", ("а", "ая")),
    ("ою", ("а",)),
    ("ей", ("я", "ь")),
    ("ею", ("я",)),
    ("ую", ("ая",)),
    ("а", ("",)),
    ("я", ("ь", "й")),
    ("у", ("", "а")),
    ("ю", ("ь", "й", "я")),
    ("е", ("", "а", "я", "ь", "й")),
    ("и", ("а", "я", "й", "ь")),
    ("ы", ("а",)),
)
_MIN_STEM = 2


def lemmas(word: str) -> list[str]:
    """Nominatives a lower-case Cyrillic word may be a case form of (not the word itself)."""
    out: dict[str, None] = {}
    for ending, replacements in _ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) < _MIN_STEM:
            continue
        for replacement in replacements:
            candidate = stem + replacement
            if candidate != word:
                out.setdefault(candidate, None)
    return list(out)
