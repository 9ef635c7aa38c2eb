"""Sound keys: two cheap ways of saying "these spellings may be the same name".

- `skeleton` is our own cross-script key: consonants with spelling variants merged
  (ch/tsh/tš, sh/š, ph/f, w/v/f, c/k, x/ks …), a glide j after a consonant dropped (so the
  transliterated "mjagi" meets "magi"), vowel runs collapsed to "*", doubled letters single.
  It is built for names that travelled through Cyrillic or Estonian spelling.
- `metaphone` (jellyfish) covers English sound-alikes (Stephen/Steven, Catherine/Kathryn),
  which the skeleton does not try to know.

Both are used twice: as dictionary keys to find candidates, and as a bonus when scoring.
"""

from __future__ import annotations

import re

import jellyfish

_MULTIGRAPHS = (
    ("shch", "S"),
    ("tsch", "C"),
    ("sch", "S"),
    ("tch", "C"),
    ("tsh", "C"),
    ("dzh", "J"),
    ("ch", "C"),
    ("sh", "S"),
    ("zh", "Z"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ts", "T"),
    ("tz", "T"),
    ("ck", "k"),
    ("qu", "kv"),
    ("x", "ks"),
    ("w", "f"),
    ("v", "f"),  # Russian -ов is said -off: Petrov/Petrof, Ivanov/Ivanoff
)
_C_SOFT = re.compile(r"c(?=[eiy])")
_VOWEL = "aeiouy"
# j/y before a vowel is a consonant (a glide); anywhere else it is a vowel ("aleksej").
_Y_VOWEL = re.compile(r"(?<!^)[jy](?![aeiou])")
_GLIDE_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hk-np-tv-zCSZJT])[jy](?=[aeiou])")
_H_SILENT = re.compile(r"(?<!^)h")
# English silent e: at the end or before a final s (James/Джеймс "jeyms", Jones/Джонс).
_SILENT_E = re.compile(r"(?<=[^aeiouy])e(?=s?$)")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """Cross-script consonant key of a folded Latin word ("sarah" → "s*r*")."""
    key = word
    for src, dst in _MULTIGRAPHS:
        key = key.replace(src, dst)
    key = _C_SOFT.sub("s", key).replace("c", "k")
    key = _GLIDE_AFTER_CONSONANT.sub("", key)
    key = key.replace("y", "j") if key.startswith("y") else key
    key = _Y_VOWEL.sub("i", key)
    key = _H_SILENT.sub("", key)
    key = _SILENT_E.sub("", key) if len(key) > 3 else key
    key = _VOWEL_RUN.sub("*", key)
    return _DOUBLE.sub(r"\1", key)


# Voiced and voiceless pairs share a class: a typo or a mishearing keeps the class more
# often than the letter (Dmitri/Tmitri, Garcia/Karcia).
_HEAD_CLASS = str.maketrans("bdgqcvwzy", "ptkkkffsj")


def head(word: str) -> str:
    """The sound class a word starts with: the block the fuzzy scan searches in."""
    first = skeleton(word)[:1]
    return first.translate(_HEAD_CLASS) if first else ""


def metaphone(word: str) -> str:
    return jellyfish.metaphone(word)


def sound_keys(word: str) -> tuple[str, str]:
    """The (skeleton, metaphone) pair of a folded Latin word."""
    return skeleton(word), metaphone(word)
