"""Which of the offered candidates the visitor picked.

The receptionist has just read out a short list; the reply names one by position ("the
second", "teine", "вторая", "2"), by department ("the one in Marketing") or by name
("Chen", "Miller!", "Чен"). An index is set only when the reply makes it clear; otherwise
the phrase goes back to the flow, which asks the directory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from core.text import translit
from core.text.fold import fold
from core.understanding import extract
from core.understanding import patterns as P
from core.understanding.phrases import Phrase, take_name
from core.understanding.text import Text
from core.understanding.types import CandidateRef

_NUMBER_CUE = re.compile(r"(?<!\w)(?:number|nr|no|option|#|номер|вариант|variant)\.?\s*$", re.I)
_NAME_MATCH = 85  # rapidfuzz score for "this word is that name part"
_CLEAR_MARGIN = 10
_MAX_BARE_WORDS = 4  # "2" or "number 2" picks; a long sentence with a 2 in it does not
_MIN_PART = 4  # a department's word this long may be said alone ("Arendus" of "Arendus ja IT")
_MAX_ENDING = 4  # the longest Estonian case ending after a department's word ("-sse", "-st")


@dataclass(frozen=True, slots=True)
class Choice:
    index: int | None = None
    other: bool = False
    host: str | None = None
    department: str | None = None
    phrase: Phrase | None = None  # the words read as a name, for the span resolver
    by_name: bool = False  # the index came from that phrase

    @property
    def found(self) -> bool:
        return self.index is not None or self.other or bool(self.host or self.department)


def latin(word: str) -> str:
    """A name in plain Latin for comparing: "Jüri" → "juri", "Чен" → "chen"."""
    # y and j are the same sound in the names we meet: "Юри" → "yuri" must meet "Jüri".
    return translit.latin(word.replace("-", "")).replace("y", "j")


def readings(word: str) -> tuple[str, ...]:
    """Every Latin reading of a word the visitor said, compared like `latin`: "Айвар" is
    "ajvar" in one scheme and "aivar" in another, and the best one counts."""
    said = translit.latin_readings(fold(word, hyphens=False))
    return tuple(dict.fromkeys(r.replace("y", "j") for r in said)) or (latin(word),)


def choose(text: Text, candidates: Sequence[CandidateRef]) -> Choice:
    index = position(text, len(candidates))
    other = index is None and P.OTHER_ONE.search(text.value) is not None
    department = extract.department(text.value)
    if index is None and candidates:
        index, department = _by_department(text, candidates, department)
    phrase = _name_phrase(text)
    by_name = False
    if index is None and phrase and candidates:
        index = _by_name(phrase.value, candidates)
        by_name = index is not None
    host = phrase.value if phrase and index is None and not other else None
    return Choice(index, other, host, department, phrase, by_name)


def position(text: Text, count: int) -> int | None:
    """An ordinal ("the second", "teine", "вторая") or a lone small number, 0-based."""
    index: int | None = None
    for token in text.tokens:
        if token.folded in P.ORDINALS:
            index = P.ORDINALS[token.folded]
            break
    if index is None:
        numbers = [t for t in text.tokens if t.is_number]
        if len(numbers) == 1 and len(numbers[0].text) == 1:
            before = text.value[: numbers[0].start]
            if len(text.words) <= _MAX_BARE_WORDS or _NUMBER_CUE.search(before):
                index = int(numbers[0].text) - 1
    if index is None:
        return None
    if index < 0:
        return count - 1 if count else None
    return index if not count or index < count else None


def _by_department(
    text: Text, candidates: Sequence[CandidateRef], canonical: str | None
) -> tuple[int | None, str | None]:
    words = [r for w in text.words if w.folded not in P.STOPWORDS for r in readings(w.text)]
    hits = []
    for i, candidate in enumerate(candidates):
        dept = candidate.department.casefold()
        names = [n.casefold() for n in (candidate.department, *candidate.other_departments) if n]
        named = canonical is not None and canonical.casefold() == dept
        said = any(_names(w, name) for name in names for w in words if len(w) > 3)
        if named or said:
            hits.append(i)
    if not hits:
        return None, canonical
    department = candidates[hits[0]].department
    return (hits[0] if len(hits) == 1 else None), department


def _names(word: str, department: str) -> bool:
    """Whether a word the visitor said names the department, or one word of it, as written
    or in a case form: "laondusest" (from Laondus), «склада» (Склад), "marketing"."""
    if fuzz.ratio(word, latin(department)) >= _NAME_MATCH:
        return True
    for part in re.findall(r"[^\W\d_]+", department):
        part = latin(part)
        if len(part) < _MIN_PART:
            continue
        if fuzz.ratio(word, part) >= _NAME_MATCH:
            return True
        if word.startswith(part) and len(word) - len(part) <= _MAX_ENDING:
            return True  # an Estonian case ending: "arendusest", "platvormis"
    return False


def _name_phrase(text: Text) -> Phrase | None:
    words = [
        t
        for t in text.words
        if t.folded not in P.STOPWORDS and t.folded not in P.ORDINALS and not text.is_reserved(t)
    ]
    if not words:
        return None
    # "I think Chen": when the visitor uses capitals, the name is where they start.
    start = next((t for t in words if t.capitalized), words[0])
    phrase = take_name(text, start.start)
    if phrase is None or extract.department(phrase.value) is not None:
        return None
    return phrase


def _by_name(phrase: str, candidates: Sequence[CandidateRef]) -> int | None:
    said = [readings(w) for w in re.findall(r"[^\W\d_]+", phrase) if len(w) > 1]
    scores = []
    for candidate in candidates:
        parts = [latin(p) for p in re.findall(r"[^\W\d_]+", candidate.name) if len(p) > 1]
        scores.append(sum(max((_part_score(w, p) for p in parts), default=0) for w in said))
    if not scores:
        return None
    ranked = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    best = ranked[0]
    per_word = scores[best] / max(1, len(said))
    second = scores[ranked[1]] if len(ranked) > 1 else 0
    if per_word >= _NAME_MATCH and scores[best] - second >= _CLEAR_MARGIN:
        return best
    return None


def _part_score(said: tuple[str, ...], part: str) -> float:
    # Case endings: "tammega", "petrovu", "millerile" start with the name they inflect.
    if len(part) >= 3 and any(reading.startswith(part) for reading in said):
        return 100.0
    return max(fuzz.ratio(reading, part) for reading in said)
