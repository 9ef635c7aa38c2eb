"""English spellings said in Cyrillic the way Russian writes English names: Wright → Райт,
George → Джордж, Hughes → Хьюз, Stone → Стоун, Michael → Майкл.

Letter by letter, an English name sounds wrong in Russian ("Вригхт", "Георге"), but the
same letters are right for the Estonian and Russian names most of a directory holds (Jaan
is Яан, Mare is Маре, Rebane is Ребане). So the English reading is used only for a word
that shows English spelling — letters that Estonian, and Russian written in Latin, do not
use that way: silent wr-/kn-/gh, -igh, ck, a one-syllable word with a silent final e
(Stone, Mike), -rge/-dge, -ow/-ew at the end, "chae". The reading itself is a short list of English
grapheme-to-sound patterns (silent letters, the long vowel of a "magic e", soft g, j as
дж); what is left goes through the general reading in `translit.cyrillic`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_C = "bcdfgklmnpstvz"  # consonants a silent final e may follow (not r: Mare, Moore)
_MARKS = re.compile(
    r"^wr|^kn|^wh|gh|ck|chae|[rd]ge$|ow$|own$|ew$|^wi(?=[ln])|ea(?=[nrdt])"
    # a one-syllable word with a silent e: Stone, Mike, Kyle, James (not Merike, Rebane)
    rf"|^[^aeiouy]+(?:[ouy][{_C}]|i[{_C.replace('n', '')}]|a[mkcv])es?$"
)
_LONG = {"a": "ей", "e": "и", "i": "ай", "y": "ай", "o": "оу", "u": "ю"}  # before a magic e
_SOFT = {"c": "с", "g": "дж", "s": "з"}  # a consonant before a magic e: Grace, Page, Rose


def _magic_e(match: re.Match[str]) -> str:
    vowel, consonant, plural = match.groups()
    return _LONG[vowel] + _SOFT.get(consonant, consonant) + ("с" if plural else "")


_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^wr"), "р"),  # Wright
    (re.compile(r"^kn"), "н"),  # Knight
    (re.compile(r"^wh"), "у"),  # White
    (re.compile(r"igh"), "ай"),  # Wright, Knight
    (re.compile(r"ugh(?=e?s?$)"), "ью"),  # Hugh, Hughes, Pugh
    (re.compile(r"gh(?![aeiou])"), ""),  # silent: Vaughn
    (re.compile(r"^ge(?=o)"), "дж"),  # George
    (re.compile(r"^j"), "дж"),  # James, Jones
    (re.compile(r"(?<=r)ge$|dge$"), "дж"),  # George, Hodge
    (re.compile(rf"([aeiouy])([{_C}])e(s?)$"), _magic_e),  # Stone, Mike, James, Rose
    # A stressed first syllable left open has the long vowel: Michael, Tyler.
    (re.compile(r"^([^aeiouy]*)[iy](?=(?:ch|th|sh|ph|[bcdfgklmnprstvz])[aeiouy])"), r"\1ай"),
    (re.compile(r"chael$"), "кл"),  # Michael
    (re.compile(r"ch(?=[rl])"), "к"),  # Christopher
    (re.compile(r"ea(?=[nrdt])"), "и"),  # Dean, Pearson
    (re.compile(r"ee"), "и"),  # Green
    (re.compile(r"oo"), "у"),  # Goodwin
    (re.compile(r"ew$"), "ью"),  # Andrew
    (re.compile(r"own$"), "аун"),  # Brown
    (re.compile(r"ow$"), "оу"),  # Barlow
    (re.compile(r"^w(?=[aeiouy])"), "у"),  # Wilson, William
    (re.compile(r"(?<=[юйуо])e?s$"), "з"),  # Hughes, Rhodes: a voiced s after a vowel
)


def looks_english(word: str) -> bool:
    """Whether a lower-case Latin word is spelt the English way (see the module's text)."""
    return _MARKS.search(word) is not None


def english_sounds(word: str) -> str:
    """A lower-case English word with its English letter groups already in Cyrillic; the
    letters left ("st" of Stone) read as written."""
    for pattern, repl in _RULES:
        word = pattern.sub(repl, word)
    return word
