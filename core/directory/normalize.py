"""Turning a query or a name into comparable words: punctuation, titles' abbreviations,
letters spelled out one by one. Each word is folded (`core.text.fold.fold`: lower-case,
no diacritics; Cyrillic only lower-cased), and `core.text.translit` reads Cyrillic words in
Latin letters later.
"""

from __future__ import annotations

import re

from core.text.fold import fold

# A word: letters, possibly joined by apostrophes (O'Brien, Chen'ile). Digits and
# underscores are not letters; hyphens and everything else separate words.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
# Abbreviated Russian titles that a hyphen would otherwise split into single letters.
_RU_ABBREVIATIONS = re.compile(r"\b(г-н|г-жа|д-р|гн|гжа)\.?(?=\s|$)", re.IGNORECASE)
# A run of at least three single letters: "S-A-R-A-H", "s.a.r.a.h", "T A M M". Letters
# joined by hyphens or dots are one word, and spaces separate words ("S-A-R-A-H C-H-E-N");
# letters joined only by spaces are one word. (A joined "sarahchen" is split by the index.)
_SPELLED_MARKED = re.compile(r"(?<![\w.\-–])(?:[^\W\d_]\s*[.\-–]\s*){2,}[^\W\d_]\.?(?![\w\-–])")
_SPELLED = re.compile(r"(?<!\w)(?:[^\W\d_][\s,]+){2,}[^\W\d_](?!\w)")

# Marks a word joined from spelled letters (a private-use character, never a letter).
_SPELLED_MARK = "\ue000"


def _join_spelled(match: re.Match[str]) -> str:
    return " " + _SPELLED_MARK + re.sub(r"[\s.\-–,]+", "", match.group(0)) + " "


def spelled_words(text: str) -> list[tuple[str, bool]]:
    """Split raw text into folded words, each flagged if it was spelled out letter by letter.

    Spelled letters are joined into one word ("S-A-R-A-H" → "sarah"). Apostrophes inside a
    word are dropped ("O'Brien" → "obrien", "Chen'ile" → "chenile"); an English possessive
    "'s" is removed ("Chen's" → "chen").
    """
    text = _RU_ABBREVIATIONS.sub(" господин ", text)
    text = _SPELLED_MARKED.sub(_join_spelled, text)
    text = _SPELLED.sub(_join_spelled, text)
    out: list[tuple[str, bool]] = []
    for match in _WORD.finditer(text):
        word = fold(match.group(0))
        word = re.sub(r"['’ʼ`]s$", "", word)
        word = re.sub(r"['’ʼ`]", "", word)
        if word:
            spelled = match.start() > 0 and text[match.start() - 1] == _SPELLED_MARK
            out.append((word, spelled))
    return out


def words(text: str) -> list[str]:
    """Folded words of raw text (see `spelled_words`)."""
    return [word for word, _ in spelled_words(text)]
