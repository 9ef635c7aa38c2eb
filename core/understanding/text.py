"""One utterance, cleaned once, with the word tokens every extractor walks over.

Cleaning keeps the visitor's own spelling and case (a slot is returned *as said*) but
removes what only gets in the way of matching: control and format characters, emoji,
typographic quotes, runs of whitespace, and anything past `MAX_CHARS` — no receptionist
request is longer, and a bound keeps every regex pass linear and cheap on a 10 kB paste.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

MAX_CHARS = 600

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "`": "'", "ё": "е", "Ё": "Е", "–": "-"})
_QUOTES = str.maketrans(dict.fromkeys("«»“”„", '"'))
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk", "Mn"})
_SPACES = re.compile(r"\s+")
# Apostrophes and hyphens join a name ("O'Brien", "Mari-Liis"), but a possessive "'s" is its
# own token, so that "Sarah Chen's guest" names Sarah Chen.
_TOKEN = re.compile(r"[^\W\d_]+(?:(?:'(?!s\b)|-)[^\W\d_]+)*|[0-9]+|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?]+")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "hr", "pr", "st", "g", "nr"})


def clean(raw: str, *, letters: bool = True) -> str:
    """`letters=False` keeps the visitor's own letters ("Пётр", "O’Connor") where matching
    would use one spelling; both versions have the same length, so a span found in one
    slices the other (`Text.as_said`)."""
    # NFKC: composed letters ("Ju\u0308ri" → "Jüri"), and full-width or circled digits and
    # letters folded to the plain ones the patterns know ("２" → "2").
    text = unicodedata.normalize("NFKC", raw[: MAX_CHARS * 4])
    if letters:
        text = text.translate(_SAME_LENGTH)
    text = text.translate(_QUOTES).replace("—", "-")
    kept = [
        " " if c.isspace() else c
        for c in text
        if c.isspace() or unicodedata.category(c) not in _DROP_CATEGORIES
    ]
    return _SPACES.sub(" ", "".join(kept)).strip()[:MAX_CHARS].strip()


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_number(self) -> bool:
        return self.text.isascii() and self.text.isdecimal()

    @property
    def folded(self) -> str:
        return self.text.casefold()

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper()


class Text:
    """A cleaned utterance. Regexes run on `value` with IGNORECASE; spans slice it back."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.value = clean(raw)
        # Character ranges of words that carry an act ("sorry", "selge", "пожалуйста"):
        # set once by `spans.reserve`; no extractor takes a value from inside one.
        self.reserved: tuple[tuple[int, int], ...] = ()

    def is_reserved(self, token: Token) -> bool:
        return any(start <= token.start and token.end <= end for start, end in self.reserved)

    def as_said(self, value: str | None) -> str | None:
        """A value read off `value`, in the visitor's own letters: "Пётр Щукин" stays
        so, though matching reads it as "Петр Щукин"."""
        if not value:
            return value
        at = self.value.find(value)
        if at < 0 or self.value == self.said:
            return value
        return self.said[at : at + len(value)] if len(self.said) == len(self.value) else value

    @cached_property
    def said(self) -> str:
        """`value` in the visitor's own letters (same length)."""
        return clean(self.raw, letters=False)

    def __bool__(self) -> bool:
        return bool(self.value)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.value))

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    def index_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        for i, token in enumerate(self.tokens):
            if token.start >= pos:
                return i
        return len(self.tokens)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """Sentences, not split after "Dr." and the like, so that names stay whole."""
        parts: list[str] = []
        start = 0
        for m in _SENTENCE_END.finditer(self.value):
            before = self.value[start : m.start()].split()
            if m.group() == "." and before and before[-1].casefold() in _ABBREVIATIONS:
                continue
            parts.append(self.value[start : m.end()].strip())
            start = m.end()
        parts.append(self.value[start:].strip())
        return tuple(p for p in parts if p)
