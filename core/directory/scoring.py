"""How well a query word fits a name word, and a query fits one way of writing a name.

Word level, best first: the same word (1.0); a case form of it (0.95, or 0.9 when the
ending is a single letter); otherwise string similarity (rapidfuzz Indel ratio) raised
towards 1 when the sound keys agree. Evidence that is only sound-deep (low spelling
similarity) or between very short words is *weak*: it counts only next to a strongly
matched word of the same name ("Kathryn Brown" finds Catherine Brown; "Kathryn" alone
does not). Everyday words get no fuzzy or sound credit at all.

Name level: query words are paired one-to-one with the words of one name variant (the
name, or an alias); the score is the mean over query words, so a word that fits nothing
pulls the score down ("Sarah Connor" is not Sarah Chen). A full name matched completely
keeps a good score despite leftover words ("Sarah Chen kohtumine"), and an everyday word
that names nobody is a leftover that does not count ("pizza for Sarah Miller").

The thresholds were calibrated on tests/directory and the benchmark's synthetic 100k
directory: near misses ("Sarah Chin", "Jurii Tam", "Petrof") land above them, unrelated
words ("pizza", "toilet", "everyone", and ordinary words outside any list) below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from core.directory.query import QueryWord

INFLECTED_STRONG = 0.95
INFLECTED_WEAK = 0.90
# A different spelling of the same sound (Райт/Wright, Vagner/Wagner): see `phonetic.heard`.
HEARD = 0.90
# Below SOUND_BASE_MIN, only agreeing sound keys give any credit, and never more than a
# weak match: "Kathryn"/"Catherine" (0.63 similar, same Metaphone) is plausible next to a
# matching surname, but "banana"/"Benina" alone is not. Below SOUND_FLOOR nothing counts.
SOUND_BASE_MIN = 0.7
SOUND_FLOOR = 0.6
WEAK_MIN = 0.70
WEAK_CAP = 0.79
# A weak word match counts only beside a word of the same name matched at least this well.
STRONG_SUPPORT = 0.9
# Between words this short, one edit is a different word ("boat"/"Bat", "cold"/"Col"): a
# fuzzy match is weak whatever the sound keys say ("Jurii Tam" still finds Jüri Tamm).
SHORT_WORD = 3
SKELETON_BONUS = 0.35
METAPHONE_BONUS = 0.30
# Spelling alone, with no sound key agreeing, is weaker: "banana" is 0.8 similar to "anna".
SPELLING_ONLY_FACTOR = 0.97
FULL_NAME_FLOOR = 0.85
INITIAL_BONUS = 0.02
COVERAGE_BONUS = 0.01


def fuzzy_score(
    word: QueryWord,
    readings: Sequence[str],
    keys: frozenset[str],
    min_base: float = SOUND_FLOOR,
) -> float:
    """Similarity of a query word to a name word by spelling and sound (0..1).

    `min_base` is the least spelling similarity that counts at all.
    """
    best = 0.0
    for probe in word.probes:
        for reading in readings:
            base = Indel.normalized_similarity(probe.reading, reading)
            if base < min_base:
                continue
            bonus = 0.0
            if "s:" + probe.skeleton in keys:
                bonus += SKELETON_BONUS
            if probe.metaphone and "m:" + probe.metaphone in keys:
                bonus += METAPHONE_BONUS
            if base < SOUND_BASE_MIN:
                score = min(base + (1.0 - base) * bonus, WEAK_CAP) if bonus else 0.0
            elif bonus:
                score = base + (1.0 - base) * bonus
            else:
                score = base * SPELLING_ONLY_FACTOR
            if min(len(probe.reading), len(reading)) <= SHORT_WORD:
                score = min(score, WEAK_CAP)
            score *= probe.factor
            if score > best:
                best = score
    return best


@dataclass(slots=True)
class WordMatch:
    """One query word against the index: its exact and inflected hits, and a score cache."""

    word: QueryWord
    exact: frozenset[int]
    inflected: dict[int, float]
    readings: Sequence[tuple[str, ...]]  # the index's readings per token id
    keys: Sequence[frozenset[str]]  # the index's sound keys per token id
    min_base: float = SOUND_FLOOR  # see `fuzzy_score`
    cache: dict[int, float] = field(default_factory=dict)

    @property
    def leftover(self) -> bool:
        """An everyday word that names nobody in the directory: droppable, not a rival name.

        ("sild" is a bridge, but where somebody is called Sild it is a name.)"""
        return self.word.exact_only and not self.exact and not self.inflected

    def score(self, token: int) -> float:
        cached = self.cache.get(token)
        if cached is not None:
            return cached
        if token in self.exact:
            value = 1.0
        elif token in self.inflected:
            value = self.inflected[token]
        elif self.word.exact_only or self.word.initial:
            value = 0.0
        else:
            value = fuzzy_score(self.word, self.readings[token], self.keys[token], self.min_base)
            value = max(value, 0.0)
        self.cache[token] = value
        return value


def _best_assignment(matrix: list[list[float]]) -> tuple[float, list[int]]:
    """Best one-to-one pairing of rows (query words) with columns (name words).

    Returns the total and, per row, the chosen column or -1. Names and queries have a handful
    of words, so an exhaustive search is cheap and exact; long inputs fall back to greedy.
    """
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    if rows == 0 or cols == 0:
        return 0.0, [-1] * rows
    if rows > 5 or cols > 6:
        pairs = sorted(
            ((matrix[r][c], r, c) for r in range(rows) for c in range(cols)), reverse=True
        )
        chosen = [-1] * rows
        used: set[int] = set()
        total = 0.0
        for value, r, c in pairs:
            if value > 0 and chosen[r] == -1 and c not in used:
                chosen[r], total = c, total + value
                used.add(c)
        return total, chosen

    best_total, best_choice = 0.0, [-1] * rows

    def walk(r: int, used: int, total: float, choice: list[int]) -> None:
        nonlocal best_total, best_choice
        if r == rows:
            if total > best_total:
                best_total, best_choice = total, choice.copy()
            return
        walk(r + 1, used, total, [*choice, -1])
        for c in range(cols):
            value = matrix[r][c]
            if value > 0 and not used & (1 << c):
                walk(r + 1, used | (1 << c), total + value, [*choice, c])

    walk(0, 0, 0.0, [])
    return best_total, best_choice


def score_bound(word_bests: Sequence[float]) -> float:
    """An upper bound of `variant_score` from each query word's best score alone."""
    raw = sum(word_bests) / len(word_bests)
    if len(word_bests) >= 3 and raw > 0:
        raw = max(raw, FULL_NAME_FLOOR)  # the floor can only lift queries of 3+ words
    return min(1.0, raw + COVERAGE_BONUS + INITIAL_BONUS)


def variant_score(
    matches: Sequence[WordMatch],
    variant: Sequence[int],
    *,
    token_min: float,
    dept_scores: Sequence[float] = (),
    initials: Sequence[str] = (),
    variant_initials: Sequence[str] = (),
) -> tuple[float, int]:
    """Score of a query against one name variant, and how many name words it matched.

    `dept_scores[i]` is how well query word i names the person's department; a word left
    unmatched by the name may count as a department mention instead. An everyday word left
    unmatched is a leftover, not a rival name: it does not count at all, whereas an unknown
    word does ("Sarah Connor" is not Sarah Chen, "pizza for Sarah" is about a Sarah).
    """
    low = min(token_min, WEAK_MIN)
    matrix = [[s if (s := m.score(t)) >= low else 0.0 for t in variant] for m in matches]
    total, chosen = _best_assignment(matrix)
    picked = [matrix[i][c] for i, c in enumerate(chosen) if c >= 0]
    if any(s < token_min for s in picked) and not any(s >= STRONG_SUPPORT for s in picked):
        # Weak matches without a strong neighbour do not count.
        matrix = [[s if s >= token_min else 0.0 for s in row] for row in matrix]
        total, chosen = _best_assignment(matrix)
    matched = sum(1 for c in chosen if c >= 0)
    if matched == 0:
        return 0.0, 0
    counted = len(matches)
    for i, c in enumerate(chosen):
        if c >= 0:
            continue
        if i < len(dept_scores) and dept_scores[i] >= token_min:
            total += dept_scores[i]
        elif matches[i].leftover:
            counted -= 1  # an everyday word left over ("I have a meeting with …")
    score = total / counted
    if matched == len(variant) >= 2:
        name_mean = sum(matrix[i][c] for i, c in enumerate(chosen) if c >= 0) / matched
        score = max(score, FULL_NAME_FLOOR * name_mean)
    score += COVERAGE_BONUS * matched / len(variant)
    free = [variant_initials[c] for c in range(len(variant)) if c not in chosen]
    if any(letter in free for letter in initials):
        score += INITIAL_BONUS
    return min(score, 1.0), matched
