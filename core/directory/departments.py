"""Departments as a way to tell people apart: "Sarah from Marketing", "the one in Engineering".

A department never finds a person on its own in `resolve` (a visitor asking for "Marketing"
is not asking for a person), but it can fill in for a name word, and it is how a visitor
picks between candidates in `match_among`. The directory spells departments in English,
and may also name them in Estonian and Russian (`department_et`, `department_ru`): those
names are words of the department too, so "Kalle laondusest" finds Kalle of "Logistics"
named "Laondus". Without them, a small synonym table maps the usual departments' stems.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from core.directory.normalize import words
from core.directory.query import QueryWord
from core.directory.words import DEPARTMENT_SYNONYMS, FILLER
from core.text.translit import latin_readings

_PREFIX_MIN = 4
# A misspelt department ("Enginering") is close; a name that merely resembles one is not
# ("Martin"/"Marketing" is 0.8, "Hümtain"/"Human" 0.83).
_FUZZY_MIN = 0.86


class DepartmentMatcher:
    def __init__(self) -> None:
        self._words: set[str] = set()

    def add(self, *names: str) -> tuple[str, ...]:
        """Register a department by its names (English first, then its other languages');
        returns their folded words ("Human Resources" → human, …). A Cyrillic word is kept
        in Latin letters, as a query word's readings are compared ("Склад" → sklad)."""
        found: dict[str, None] = {}
        for name in names:
            for word in words(name):
                if word in FILLER or len(word) <= 1:
                    continue
                found.update(dict.fromkeys(latin_readings(word)[:1]))
        self._words.update(found)
        return tuple(found)

    def scores(self, word: QueryWord) -> dict[str, float]:
        """How well the word names each department word of the directory (those above 0.5).

        Computed once per query word; there are far fewer department words than people.
        """
        synonyms = _synonyms(word)
        out = {}
        for department_word in self._words:
            value = 1.0 if department_word in synonyms else _likeness(word, department_word)
            if value >= 0.5:
                out[department_word] = value
        return out

    @staticmethod
    def similarity(word: QueryWord, department_word: str) -> float:
        if department_word in _synonyms(word):
            return 1.0
        return _likeness(word, department_word)


def _synonyms(word: QueryWord) -> set[str]:
    """The departments the word names by a stem of the synonym table ("arendusest")."""
    return {
        canonical
        for text in (word.text, *word.readings)
        for stem, canonical in DEPARTMENT_SYNONYMS.items()
        if text.startswith(stem)
    }


def _likeness(word: QueryWord, department_word: str) -> float:
    """How alike the word's readings are spelled to the department word."""
    best = 0.0
    for reading in (*word.readings, *word.lemma_readings):
        if reading == department_word:
            return 1.0
        if len(department_word) >= _PREFIX_MIN and reading.startswith(department_word):
            best = max(best, 0.95)  # an Estonian case form: "marketingist"
        elif (
            len(reading) >= _PREFIX_MIN + 1
            and 2 * len(reading) >= len(department_word)
            and department_word.startswith(reading)
        ):
            best = max(best, 0.85)  # a short form: "market", "engineer" (not "Mark")
        similarity = Indel.normalized_similarity(reading, department_word)
        if similarity >= _FUZZY_MIN:
            best = max(best, similarity)
    return best
