"""How long the date/time rule layer takes per phrase (the booking flow runs it on every
date or time a visitor says). Prints microseconds per phrase; the dateparser fallback is
measured apart, since only phrases the rules do not know reach it.

    python bench/dates_parse.py
"""

from __future__ import annotations

import time
from datetime import date

from core.dates.parse import parse_when

RULES = [
    "next Tuesday at 2pm",
    "homme kell 14",
    "järgmisel esmaspäeval kell pool kolm",
    "завтра в два часа дня",
    "в пятницу в 9",
    "15. märtsil kell 10",
    "15 марта в 10:00",
    "March 15 at 10am",
]
FALLBACK = ["on the 20th", "the 3rd"]


def per_phrase(phrases: list[str], rounds: int) -> float:
    today = date(2026, 3, 12)
    start = time.perf_counter()
    for _ in range(rounds):
        for phrase in phrases:
            parse_when(phrase, today=today)
    return (time.perf_counter() - start) / (rounds * len(phrases)) * 1e6


if __name__ == "__main__":
    per_phrase(FALLBACK, 1)  # import dateparser once, outside the measurement
    print(f"rules:    {per_phrase(RULES, 2000):8.1f} µs per phrase")
    print(f"fallback: {per_phrase(FALLBACK, 50):8.1f} µs per phrase (dateparser)")
