"""Booking codes: how they are made, written, said, and read back from what a visitor
typed or said.

A code is ten digits, written in three groups like a phone number ("482 913 5706") and
said digit by digit ("four eight two, nine one three, five seven zero six"). Digits,
not letters, because a code must survive every channel in three languages: typed on a
phone's number pad, said over a bad line and written down by a speech recogniser — which
writes spoken digits as digits, but spoken letters as whatever word they sound like
(«ка», «эс», "bee", "tsee") — and entered on a call's keypad. Ten digits because guessing
must be hopeless at the rate the limits allow (core/tools/booking_tools.py; the
arithmetic is in the README): one in nine billion a guess.

Codes made before were six digits; they are still read (`LENGTHS`) and found while their
bookings are expected, and the column holds either. A code is a key to a booking still to
come, never to a finished visit (core/tools/bookings.py: `by_code`).
"""

from __future__ import annotations

import re
import secrets
from functools import cache

from core.messages import LANGUAGES
from core.text.fold import fold_case
from core.text.numbers import number_words

LENGTH = 10
LENGTHS = (LENGTH, 6)  # six: codes made before ten-digit ones, still valid until they expire
SPACE = 9 * 10 ** (LENGTH - 1)  # the first digit is never 0: "0…" may lose it on the way


def new() -> str:
    return str(10 ** (LENGTH - 1) + secrets.randbelow(SPACE))


def groups(code: str) -> list[str]:
    """The code in groups of three, the last of four rather than a lone digit:
    "482 913 5706", "482 913"."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if len(parts) > 1 and len(parts[-1]) == 1:
        parts[-2:] = [parts[-2] + parts[-1]]
    return parts


# A run of digits with at most one separator between them ("482 913 5706", "482-913-5706",
# "482, 913, 5706", "4 8 2 9 1 3" from spoken words), never part of a longer number nor a
# phone number written with its country code ("+7 912 345-67-89").
_RUN = re.compile(
    r"(?<![\d+])(?<!\+\d )(?<!\+\d\d )(?<!\+\d\d\d )\d(?:(?:, ?|[ \-])?\d){5,13}(?!\d)"
)


def find(text: str) -> str | None:
    """Frontdesk's own code in `text`, digits only: the first run of digits, typed or said
    in words in any of the three languages, that is as long as a code."""
    for m in _RUN.finditer(with_digits(text)):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) in LENGTHS:
            return digits
    return None


def digits_heard(text: str) -> int | None:
    """How many digits `text` holds when it is nothing but digits (typed, or said in
    words); None when it holds anything else. For a call's endpointing: a code is not
    finished while fewer digits than a code were said."""
    rest = re.sub(r"[\s,.\-]+", "", with_digits(text))
    return len(rest) if rest.isdigit() else None


# --- number words ---------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_BETWEEN = re.compile(r"[\s,\-]*")  # what may separate the words of one run of numbers
_EXTRA = {"oh": "0", "nought": "0", "две": "2", "одна": "1", "одно": "1"}


@cache
def _readings() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """{folded words: digits} for 0–999 in every language, every word that occurs in one,
    and the most words one takes."""
    table: dict[tuple[str, ...], str] = {(said,): digits for said, digits in _EXTRA.items()}

    def add(said: str, n: int) -> None:
        table[tuple(fold_case(w) for w in said.replace("-", " ").split())] = str(n)

    for language in LANGUAGES:
        below = [number_words(n, language) for n in range(100)]
        for n, said in enumerate(below):
            add(said, n)
        for h in range(100, 1000, 100):
            hundred = number_words(h, language)  # "four hundred", "nelisada", "четыреста"
            add(hundred, h)
            for n in range(1, 100):
                add(f"{hundred} {below[n]}", h + n)
                if language == "en":  # "four hundred and eighty-two"
                    add(f"{hundred} and {below[n]}", h + n)
    vocabulary = frozenset(w for said in table for w in said)
    return table, vocabulary, max(len(said) for said in table)


def with_digits(text: str) -> str:
    """`text` with numbers said in words written in digits, each number on its own:
    "four eight two" → "4 8 2", "сорок восемь ноль шесть" → "48 0 6", "nelisada
    kaheksakümmend kaks" → "482". Other words stay as they are."""
    table, vocabulary, longest = _readings()
    words = list(_WORD.finditer(text))
    folded = [fold_case(w.group()) for w in words]
    out: list[str] = []
    done = 0  # text[:done] is in `out`
    i = 0
    while i < len(words):
        if folded[i] not in vocabulary:
            i += 1
            continue
        n = 1  # the longest run of number words from here, joined by spaces or commas only
        while (
            n < longest
            and i + n < len(words)
            and folded[i + n] in vocabulary
            and _BETWEEN.fullmatch(text[words[i + n - 1].end() : words[i + n].start()])
        ):
            n += 1
        for k in range(n, 0, -1):
            digits = table.get(tuple(folded[i : i + k]))
            if digits is not None:
                out += [text[done : words[i].start()], digits]
                done = words[i + k - 1].end()
                i += k
                break
        else:
            i += 1
    out.append(text[done:])
    return "".join(out)
