"""The directory index: built once when the directory changes, queried on every turn.

`tables` holds the lookups; this module ranks people. Candidates are scored in full (see
`scoring`) in the order of an optimistic bound, so a query for a common first name does not
score thousands of people. A query of several words that finds nobody is searched a second
time with every word also looked up by sound and spelling ("Sarah Chin" when somebody else
is really called Chin).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence

from core.directory.decide import decide
from core.directory.query import SYLLABLE, QueryWord, joined, parse, split_word
from core.directory.scoring import (
    INFLECTED_WEAK,
    SOUND_FLOOR,
    WordMatch,
    score_bound,
    variant_score,
)
from core.directory.tables import Entry, Tables
from core.directory.types import Candidate, MatchStatus, Person, Resolution

# Calibrated on tests/directory (see scoring.py for what the numbers mean).
TOKEN_MIN = 0.80  # a query word counts as naming a name word from here on
# A lone word has nothing to corroborate it: its fuzzy match must be closer, and close in
# spelling, not only in sound ("beer" sounds like "Bear" but is 0.75 similar).
SINGLE_WORD_MIN = 0.90
SINGLE_WORD_BASE = 0.80
ACCEPT = 0.80  # a person is plausible from here on …
MARGIN = 0.07  # … and only if this close to the best one
AMONG_TOKEN_MIN = 0.70  # match_among knows the few people just offered: it can be lenient
AMONG_ACCEPT = 0.60
DEPARTMENT_ONLY_FACTOR = 0.9  # "the one in Marketing" is a little less sure than a name


class _Lookups:
    """One query's word-level lookups, each done once: a query is read up to three ways (as
    heard, with syllables joined back, widened), and a word the same in two readings ("nsoo"
    in "ma rti nsoo" and in "marti nsoo") is matched, scanned and compared with the
    departments only the first time."""

    __slots__ = ("_candidates", "_departments", "_matches", "_t")

    def __init__(self, tables: Tables) -> None:
        self._t = tables
        self._matches: dict[tuple[QueryWord, float], WordMatch] = {}
        self._candidates: dict[tuple[QueryWord, float, bool], dict[int, float]] = {}
        self._departments: dict[QueryWord, dict[str, float]] = {}

    def match(self, word: QueryWord, min_base: float = SOUND_FLOOR) -> WordMatch:
        key = (word, min_base)
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = self._t.match(word, min_base=min_base)
        return found

    def candidates(self, match: WordMatch, *, widen: bool) -> dict[int, float]:
        # Widening changes nothing for a word without exact or case-form hits: it is
        # scanned either way.
        widen = widen and bool(match.exact or match.inflected)
        key = (match.word, match.min_base, widen)
        found = self._candidates.get(key)
        if found is None:
            found = self._candidates[key] = self._t.candidates(match, widen=widen)
        return found

    def departments(self, word: QueryWord) -> dict[str, float]:
        found = self._departments.get(word)
        if found is None:
            found = self._departments[word] = self._t.departments.scores(word)
        return found


class DirectoryIndex:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    @classmethod
    def build(cls, people: Iterable[Person]) -> DirectoryIndex:
        tables = Tables()
        for person in people:
            tables.add(person)
        tables.finish()
        return cls(tables)

    def __len__(self) -> int:
        return len(self._t.entries)

    # ---------------------------------------------------------------- helpers

    def _parse(self, query: str) -> tuple[list[QueryWord], list[str]]:
        """Query words (run-together ones split) and single-letter initials."""
        words: list[QueryWord] = []
        initials: list[str] = []
        for word in parse(query):
            if word.initial:
                initials.append(word.text)
            elif halves := self._t.split(word):
                words.extend(split_word(word, *halves))
            else:
                words.append(word)
        return words, initials

    def _rejoined(self, words: Sequence[QueryWord], look: _Lookups) -> list[list[QueryWord]]:
        """The query again with a run of 2–3 words joined into the name word they may be cut
        from ("Ann Der son" → anderson), for each run whose joined word names somebody
        exactly, as a case form, or by sound. A join that leaves a syllable behind which
        names nobody on its own ("rich ard | son") is not a reading of the query."""
        out: list[list[QueryWord]] = []
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                word = joined(list(words[i : i + size]))
                if word is None or not self._names_somebody(word, look):
                    continue
                rest = [*words[:i], *words[i + size :]]
                if all(len(w.text) > SYLLABLE or self._names_somebody(w, look) for w in rest):
                    out.append([*words[:i], word, *words[i + size :]])
        return out

    def _names_somebody(self, word: QueryWord, look: _Lookups) -> bool:
        match = look.match(word)
        return bool(match.exact) or any(v >= INFLECTED_WEAK for v in match.inflected.values())

    def _ranked(
        self,
        words: Sequence[QueryWord],
        initials: Sequence[str],
        limit: int,
        look: _Lookups,
        *,
        widen: bool,
    ) -> list[Candidate]:
        min_base = SINGLE_WORD_BASE if len(words) == 1 else SOUND_FLOOR
        matches = [look.match(w, min_base) for w in words]
        return self._rank(matches, initials, limit, look, widen=widen)

    def _rejoined_ranked(
        self, words: Sequence[QueryWord], initials: Sequence[str], limit: int, look: _Lookups
    ) -> list[Candidate]:
        """Candidates of every way of joining syllables back into a name word, each person
        with their best score."""
        best: dict[int, Candidate] = {}
        for alternative in self._rejoined(words, look):
            for c in self._ranked(alternative, initials, limit, look, widen=False):
                if c.id not in best or c.score > best[c.id].score:
                    best[c.id] = c
        return list(best.values())

    def _dept_scores(self, entry: Entry, dept: Sequence[dict[str, float]]) -> list[float]:
        return [max((d.get(w, 0.0) for w in entry.departments), default=0.0) for d in dept]

    def _score(
        self,
        entry: Entry,
        matches: Sequence[WordMatch],
        dept: Sequence[dict[str, float]],
        initials: Sequence[str],
        token_min: float,
    ) -> float:
        dept_scores = self._dept_scores(entry, dept)
        return max(
            variant_score(
                matches,
                variant,
                token_min=token_min,
                dept_scores=dept_scores,
                initials=initials,
                variant_initials=entry.initials[i],
            )[0]
            for i, variant in enumerate(entry.variants)
        )

    def _bounds(
        self,
        matches: Sequence[WordMatch],
        dept: Sequence[dict[str, float]],
        look: _Lookups,
        *,
        widen: bool,
    ) -> dict[int, float]:
        """An optimistic score per candidate person, to score the most promising first.

        Each query word counts with its best name word, ignoring the one-to-one rule; a word
        that names no name word of a person might still name a department, or be an
        everyday word that is left out.
        """
        bests: list[dict[int, float]] = []
        # A lone word counts only from SINGLE_WORD_MIN on (weaker matches need a neighbour):
        # leaving the others out keeps "Саша" from bounding every Aleksandr.
        floor = SINGLE_WORD_MIN if len(matches) == 1 else 0.0
        for m in matches:
            best: dict[int, float] = {}
            for token, score in look.candidates(m, widen=widen).items():
                if score < floor:
                    continue
                for e in self._t.token_entries[token]:
                    if score > best.get(e, 0.0):
                        best[e] = score
            bests.append(best)
        # An everyday word may be dropped as a leftover: counting it as a full match bounds
        # that from above.
        fallback = [
            1.0 if m.leftover else max(d.values(), default=0.0)
            for m, d in zip(matches, dept, strict=True)
        ]
        return {
            e: score_bound([b.get(e, f) for b, f in zip(bests, fallback, strict=True)])
            for e in self._contenders(bests, fallback)
        }

    @staticmethod
    def _contenders(bests: Sequence[dict[int, float]], fallback: Sequence[float]) -> set[int]:
        """People named by enough query words to possibly reach ACCEPT.

        With two or more words, a person must be named by at least two of them (one may
        be a department mention): one matching word of two scores about 0.5, and the
        full-name floor needs a two-word name matched. This keeps "George Martin" from
        bounding every Martin in a large directory.
        """
        if len(bests) == 1:
            return set(bests[0])
        stand_ins = sum(1 for f in fallback if f >= TOKEN_MIN)
        needed = max(1, 2 - stand_ins)
        if needed == 1:
            return set().union(*bests)
        counts: Counter[int] = Counter()
        for best in sorted(bests, key=len):
            counts.update(best.keys())
        return {e for e, n in counts.items() if n >= needed}

    def _rank(
        self,
        matches: Sequence[WordMatch],
        initials: Sequence[str],
        limit: int,
        look: _Lookups,
        *,
        widen: bool,
    ) -> list[Candidate]:
        dept = [look.departments(m.word) for m in matches]
        bound = self._bounds(matches, dept, look, widen=widen)
        scored: list[tuple[float, int]] = []
        negated: list[float] = []  # scores so far, negated and sorted, to count with bisect
        best_score = 0.0
        for e in sorted(bound, key=lambda e: (-bound[e], e)):
            if bound[e] < max(ACCEPT, best_score - MARGIN):
                break
            # Enough people already score at least what anyone further could.
            if bisect_right(negated, -bound[e]) > limit + 1:
                break
            token_min = TOKEN_MIN if len(matches) > 1 else SINGLE_WORD_MIN
            score = self._score(self._t.entries[e], matches, dept, initials, token_min)
            best_score = max(best_score, score)
            scored.append((score, e))
            insort(negated, -score)
        return [self._candidate(self._t.entries[e], s) for s, e in scored]

    @staticmethod
    def _candidate(entry: Entry, score: float) -> Candidate:
        p = entry.person
        return Candidate(p.id, p.name, p.department, round(min(score, 1.0), 4), p.active)

    # ---------------------------------------------------------------- public

    def resolve(self, query: str, *, limit: int = 5) -> Resolution:
        words, initials = self._parse(query)
        if not words or limit < 1:
            return Resolution(MatchStatus.NOT_FOUND)
        look = _Lookups(self._t)
        ranked = self._ranked(words, initials, limit, look, widen=False)
        result = decide(ranked, accept=ACCEPT, margin=MARGIN, limit=limit)
        if result.status is MatchStatus.NOT_FOUND and len(words) >= 2:
            # Nobody as heard. Maybe the recogniser cut a name into syllables ("Ann Der
            # son"): joined back, they name somebody by lookup, which is stronger evidence
            # than the fuzzy search that comes next, and far cheaper.
            ranked = self._rejoined_ranked(words, initials, limit, look)
            result = decide(ranked, accept=ACCEPT, margin=MARGIN, limit=limit)
        if result.status is MatchStatus.NOT_FOUND and len(words) >= 2:
            ranked = self._ranked(words, initials, limit, look, widen=True)
            result = decide(ranked, accept=ACCEPT, margin=MARGIN, limit=limit)
        return result

    def match_among(self, query: str, ids: Sequence[int]) -> list[Candidate]:
        words, initials = self._parse(query)
        if not words:
            return []
        matches = [self._t.match(w) for w in words]
        dept = [self._t.departments.scores(m.word) for m in matches]
        scored: list[Candidate] = []
        for pid in dict.fromkeys(ids):
            e = self._t.by_id.get(pid)
            if e is None:
                continue
            entry = self._t.entries[e]
            score = self._score(entry, matches, dept, initials, AMONG_TOKEN_MIN)
            if score == 0.0:  # no name word: "the one in Marketing"
                hits = [s for s in self._dept_scores(entry, dept) if s >= AMONG_TOKEN_MIN]
                score = DEPARTMENT_ONLY_FACTOR * sum(hits) / len(matches)
            scored.append(self._candidate(entry, score))
        if not scored:
            return []
        best = max(c.score for c in scored)
        keep = [c for c in scored if c.score >= max(AMONG_ACCEPT, best - MARGIN)]
        return sorted(keep, key=lambda c: -c.score)

    def keyterms(self, limit: int = 500) -> list[str]:
        """Names to boost in speech recognition: active people's names, then their aliases."""
        out: dict[str, str] = {}
        active = [e.person for e in self._t.entries if e.person.active]
        names = (p.name for p in active)
        aliases = (a for p in active for a in p.aliases)
        for term in itertools.chain(names, aliases):
            if len(out) >= limit:
                break
            out.setdefault(term.casefold().strip(), term.strip())
        return list(out.values())
