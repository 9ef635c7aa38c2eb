"""Cyrillic → Latin readings, several schemes at once.

No single transliteration finds everybody. "Сара Чен" is Sarah Chen in an English scheme;
"Мари Мяги" is Mari Mägi only if я after a consonant is read back as ä; "Тыну Ыунапуу" is
Tõnu Õunapuu only if ы is read as õ; "Лийс" is Liis only if ий is read as ii; "Евгений" is
Jevgeni only in the Estonian way of writing Russian names. So a Cyrillic word gets every
plausible reading (deduplicated, folded), and matching takes the best one.
English phonetic keys alone never get there: Metaphone reads "Myagi", not Mägi.

Where one reading is enough — comparing two names both sides of which go through the same
function — `latin` gives the English-style one.
"""

from __future__ import annotations

import re

from core.text.english_cyrillic import english_sounds, looks_english
from core.text.fold import fold

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

_VOWELS = "аеёиоуыэюя"
_Y_GLIDE = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])|(?<=[^aeiouy])y(?=[aeu])")

# English-style (BGN/PCGN-like) reading: Петров → petrov, Чен → chen, Уилсон → wilson.
_EN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
    }
)  # fmt: skip

# Estonian official reading (ы → õ, й → j, ж → ž, ч → tš …); folding then makes õ → o and
# ž/š → zh/sh, which is how Estonian names arrive without diacritics anyway.
_ET = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "ž",
        "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
        "ч": "tš", "ш": "š", "щ": "štš", "ъ": "", "ы": "õ", "ь": "", "э": "e", "ю": "ju",
        "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g",
    }
)  # fmt: skip

# Estonian names written in Russian, read back: мя → mä, рю → rü, лё → lö, ий → ii, ай → ai.
_ET_BACK_CONTEXT = (
    (re.compile(rf"(?<=[^{_VOWELS}ьъ\W])я"), "ä"),
    (re.compile(rf"(?<=[^{_VOWELS}ьъ\W])ю"), "ü"),
    (re.compile(rf"(?<=[^{_VOWELS}ьъ\W])ё"), "ö"),
    (re.compile(r"ий"), "ii"),
    (re.compile(r"ый"), "õi"),
    (re.compile(r"(?<=[аеоуэ])й"), "i"),  # Айвар → Aivar, Тойво → Toivo, Уйбо → Uibo
)

# English names written in Russian, read back: Уилсон → Wilson, Брайен → Brien.
_EN_CONTEXT = (
    (re.compile(r"дж"), "j"),
    (re.compile(r"^у(?=[иэоа])"), "w"),
    (re.compile(r"кс"), "x"),
    (re.compile(r"(?<=[бвгдзклмнпрстфхцчшщ])ай"), "i"),  # Брайен → Brien, Тайлер → Tyler
)


# Russian names in Estonian documents (Евгений → Jevgeni, Сергеев → Sergejev, Василий →
# Vassili, Юрий → Juri): е is je at the start or after a vowel, a final -ий/-ый loses its й,
# and a single с between vowels is written ss.
_ET_NAMES_CONTEXT = (
    (re.compile(rf"(?:^|(?<=[{_VOWELS}ьъ]))е"), "je"),
    (re.compile(r"(?<=[иы])й$"), ""),
    (re.compile(rf"(?<=[{_VOWELS}])с(?=[{_VOWELS}])"), "сс"),
)


def _en(word: str) -> str:
    for pattern, repl in _EN_CONTEXT:
        word = pattern.sub(repl, word)
    return word.translate(_EN)


def _et(word: str) -> str:
    return word.translate(_ET)


def _et_names(word: str) -> str:
    for pattern, repl in _ET_NAMES_CONTEXT:
        word = pattern.sub(repl, word)
    return word.translate(_ET)


def _et_back(word: str) -> str:
    for pattern, repl in _ET_BACK_CONTEXT:
        word = pattern.sub(repl, word)
    return word.translate(_ET)


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def latin(word: str) -> str:
    """One folded Latin reading of a word in any script: "Чен" → "chen", "Jüri" → "juri"."""
    folded = fold(word)
    return fold(_en(folded)) if has_cyrillic(folded) else folded


def latin_readings(word: str) -> tuple[str, ...]:
    """Folded Latin readings of one word; a Latin word is its own (single) reading.

    `word` is expected already folded (see `core.text.fold.fold`), i.e. lower-case with ё → е.
    """
    if not has_cyrillic(word):
        # English writes a glide y where Estonian writes j: Yuri/Jüri, Tatyana/Tatjana.
        glide_j = _Y_GLIDE.sub("j", word)
        return (word,) if glide_j == word else (word, glide_j)
    seen: dict[str, None] = {}
    for scheme in (_en, _et, _et_names, _et_back):
        reading = fold(scheme(word))
        if reading and not has_cyrillic(reading):
            seen.setdefault(reading, None)
    return tuple(seen)


# Latin → Cyrillic, for a Russian voice to say a name the directory spells only in Latin
# letters: Sergei Ivanov → Сергей Иванов, Jüri Tamm → Юри Тамм, Mägi → Мяги. One general
# reading (Russian transcription of Latin spellings, Estonian letters included), never a
# list of names; it is how the name sounds, not how the person writes it.
_TO_CYRILLIC_CONTEXT = (
    (re.compile(r"shch"), "щ"),
    (re.compile(r"sch"), "ш"),
    (re.compile(r"(?<=[aeiouäöüõ])(?:y|i|j)(?=[bcdfghklmnpqrstvwxzšž]|$)"), "й"),
    (re.compile(r"(?<=i)[yj](?=[aeiou])"), ""),  # Dariya, Marija → Дария, Мария
    (re.compile(r"(?<=[bdfgklmnprstvzšž])(?=[yj][aeiouäöü])"), "ь"),  # Tatjana → Татьяна
    (re.compile(r"(?<=i)a$"), "я"),  # Maria → Мария
    (re.compile(r"(?:^|(?<=[aeiouäöüõь]))(?:y|j)e"), "е"),
    (re.compile(r"[yj][aä]|(?<=[bcdfghklmnpqrstvwxzšž])ä"), "я"),
    (re.compile(r"[yj][uü]|(?<=[bcdfghklmnpqrstvwxzšž])ü"), "ю"),
    (re.compile(r"[yj][oö]|(?<=[bcdfghklmnpqrstvwxzšž])ö"), "ё"),
    (re.compile(r"zh"), "ж"),
    (re.compile(r"kh"), "х"),
    (re.compile(r"ch"), "ч"),
    (re.compile(r"sh"), "ш"),
    (re.compile(r"ts|tz"), "ц"),
    (re.compile(r"ph"), "ф"),
    (re.compile(r"th"), "т"),
    (re.compile(r"ck"), "к"),
    (re.compile(r"qu"), "кв"),
    (re.compile(r"c(?=[eiy])"), "с"),
    (re.compile(r"^e"), "э"),
    (re.compile(r"(?<=[aeiou])h$"), ""),  # Sarah → Сара
    (re.compile(r"(?<=[bcdfghklmnpqrstvwxzšž])y"), "и"),
    (re.compile(r"j|y"), "й"),
)
_TO_CYRILLIC = str.maketrans(
    {
        "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
        "i": "и", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к",
        "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "z": "з",
        "ä": "э", "ö": "ё", "ü": "ю", "õ": "ы", "š": "ш", "ž": "ж", "é": "е", "è": "е",
    }
)  # fmt: skip
_LATIN_WORD = re.compile(r"[^\W\d_]+")


def cyrillic(text: str) -> str:
    """A Russian reading of Latin-script words; other text is left as it is.

    "Sergei Ivanov" → "Сергей Иванов"; a word spelt the English way is read the English
    way (`english_cyrillic`): "Michael Wright" → "Майкл Райт". A name's own Cyrillic
    spelling, when the directory has one as an alias, is always better."""

    def word(match: re.Match[str]) -> str:
        original = match.group()
        if has_cyrillic(original):
            return original
        out = original.lower()
        if looks_english(out):
            out = english_sounds(out)
        for pattern, repl in _TO_CYRILLIC_CONTEXT:
            out = pattern.sub(repl, out)
        out = out.translate(_TO_CYRILLIC)
        if original[0].isupper():
            out = out[:1].upper() + out[1:]
        return out

    return _LATIN_WORD.sub(word, text)
