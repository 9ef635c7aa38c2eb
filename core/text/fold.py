"""Folding: the differences in spelling that carry no meaning, taken out before comparing.

Two strengths, because what is noise depends on what is compared:

- `fold_case` for words matched against word lists (dates, SMS keywords, knowledge topics):
  case, "ё" written "е", typographic apostrophes. Diacritics stay: Estonian "täna" is not
  "tana", and the lists spell the words as people write them.
- `fold` for names (the directory, a booking's visitor): lower-case Latin without
  diacritics — Estonian õ/ä/ö/ü become o/a/o/u, š/ž become "sh"/"zh" as in the usual
  Estonian-to-English spelling — so "Jüri", "Juri" and "JÜRI" are one name. Cyrillic is
  only lower-cased (ё → е) here; `core.text.translit` reads it in Latin letters.

Hyphens are kept unless asked: "Mari-Liis" is one name, but "wi-fi" is the keyword "wifi".
"""

from __future__ import annotations

import unicodedata

_SAME_LETTER = str.maketrans({"ё": "е", "’": "'", "ʼ": "'"})
_SPECIAL_LETTERS = str.maketrans(
    {
        "š": "sh",
        "ž": "zh",
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "þ": "th",
        "ð": "d",
    }
)
_BREVE = "\u0306"


def fold_case(text: str, *, hyphens: bool = True) -> str:
    """Case folded, composed (NFC), ё → е, typographic apostrophes straight; diacritics kept."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_SAME_LETTER)
    return folded if hyphens else folded.replace("-", "")


def fold(text: str, *, hyphens: bool = True) -> str:
    """Lower-case Latin without diacritics; Cyrillic letters pass through lower-cased."""
    text = text.lower().translate(_SPECIAL_LETTERS).replace("ё", "е")
    if not hyphens:
        text = text.replace("-", "")
    # Dropping combining marks turns õ/ä/ö/ü into o/a/o/u. "й" decomposes to и + breve; it
    # must survive, so it is recomposed while the marks are stripped.
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if out and out[-1] == "и" and ch == _BREVE:
                out[-1] = "й"
            continue
        out.append(ch)
    return "".join(out)
