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


# ---------------------------------------------------------------- heard

# `heard` reads an English spelling as it sounds, in the letters a Russian spelling of the
# same sound transliterates to: Wright/Райт → "rait", Cook/Кук → "kuk", George/Джордж →
# "jorj", Kate/Кейт → "keit", White/Уайт → "vait", Wagner/Vagner/Вагнер → "vagner". Unlike
# the skeleton it keeps the vowels, so Райт does not meet Reid and Кук does not meet Kiik.
_HEARD_START = (
    (re.compile(r"^wr"), "r"),
    (re.compile(r"^kn"), "n"),
    (re.compile(r"^wh"), "w"),
)
_HEARD_SPELLINGS = (
    ("igh", "ai"),  # Wright, Knight
    ("gh", ""),  # Hugh, Vaughan
    ("tch", "C"),
    ("chr", "kr"),  # Christensen, Christopher
    ("ch", "C"),
    ("dzh", "j"),
    ("dge", "j"),
    ("ph", "f"),
    ("th", "t"),  # Russian writes th as т: Thompson/Томпсон, Smith/Смит
    ("ck", "k"),
    ("kh", "h"),
    ("zh", "j"),
    ("sh", "S"),
    ("qu", "kv"),
    ("x", "ks"),
)
_HEARD_SOFT_G = re.compile(r"g(?:e(?=[aou])|e$)")  # George → jorj, Page → peij
_HEARD_SOFT_C = re.compile(r"c(?=[eiy])")
# A vowel, one consonant and a silent e: the vowel says its name (Kate, Mike, Stone, James).
_HEARD_MAGIC_E = re.compile(r"([aiou])([b-df-hj-np-tv-z])e(s?)$")
# (A long o stays o: Russian writes Jones as Джонс, though Stone as Стоун.)
_HEARD_NAMED_VOWEL = {"a": "ei", "i": "ai", "o": "o", "u": "iu"}
_HEARD_VOWELS = (
    (re.compile(r"oo"), "u"),
    (re.compile(r"ee|ea"), "i"),
    (re.compile(r"ow(?![aeiou])"), "au"),  # Brown, not Crowood
    (re.compile(r"ay|ey"), "ei"),  # Taylor/Тейлор
)
# Letters that one sound may be written with, in any spelling.
_HEARD_LETTERS = ((re.compile(r"y"), "i"), (re.compile(r"w"), "v"))
# h is heard only at the start of a syllable (Hill, Johan), not in John or Sarah.
_HEARD_H = re.compile(r"(?<=[b-df-gj-np-tv-zCS])h|h(?![aeiou])")
_HEARD_SILENT_E = re.compile(r"(?<=[b-df-hj-np-rtv-z])e(?=s?$)")  # Charles, not Jones


def heard(word: str, *, english: bool = True) -> str:
    """How a folded Latin word sounds, spelled plainly (see above); "" if it is one letter.

    `english` reads the word as an English spelling (silent letters, a vowel saying its
    name); a Latin reading of a Cyrillic word is read letter for letter instead, since
    Russian spells as it sounds (Тейлор is "teilor", like Taylor; Уайт "vait", like White).
    """
    if len(word) < 2:
        return ""
    key = word
    if english:
        for pattern, repl in _HEARD_START:
            key = pattern.sub(repl, key)
        key = _HEARD_SOFT_G.sub("j", key)
    for src, dst in _HEARD_SPELLINGS:
        key = key.replace(src, dst)
    key = _HEARD_SOFT_C.sub("s", key).replace("c", "k")
    if english:
        key = _HEARD_MAGIC_E.sub(lambda m: _HEARD_NAMED_VOWEL[m[1]] + m[2] + m[3], key)
        for pattern, repl in _HEARD_VOWELS:
            key = pattern.sub(repl, key)
    for pattern, repl in _HEARD_LETTERS:
        key = pattern.sub(repl, key)
    key = _HEARD_H.sub("", key)
    if english:
        key = _HEARD_SILENT_E.sub("", key)
    key = key.replace("z", "s")  # Чарльз, Хьюз: a final s said z
    return _DOUBLE.sub(r"\1", key)
