"""The directory index: built once when the directory changes, queried on every turn.

Building turns every name and alias into words, and files each word under everything a
visitor might say for it: its Latin readings (Cyrillic aliases get several), its Estonian
case stems, and its sound keys. A query then finds candidates with dictionary lookups,
falling back to a rapidfuzz scan of the word vocabulary only when nothing matched by
spelling, case form or sound. Candidates are scored in full (see `scoring`) in the order of
an optimistic bound, so a query for a common first name does not score thousands of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from core.directory import inflect_et
from core.directory.decide import decide
from core.directory.departments import DepartmentMatcher
from core.directory.normalize import has_cyrillic
from core.directory.phonetic import head, sound_keys
from core.directory.query import QueryWord, name_words, parse
from core.directory.scoring import (
    INFLECTED_STRONG,
    INFLECTED_WEAK,
    WordMatch,
    score_bound,
    variant_score,
)
from core.directory.translit import latin_readings
from core.directory.types import Candidate, Person, Resolution

# Calibrated on tests/directory (see scoring.py for what the numbers mean).
TOKEN_MIN = 0.80  # a query word counts as naming a name word from here on
ACCEPT = 0.80  # a person is plausible from here on …
MARGIN = 0.07  # … and only if this close to the best one
AMONG_TOKEN_MIN = 0.70  # match_among knows the few people just offered: it can be lenient
AMONG_ACCEPT = 0.60
FUZZY_CUTOFF = 70  # rapidfuzz ratio (0..100) for the candidate scan; scoring decides later
FUZZY_LIMIT = 25


@dataclass(frozen=True, slots=True)
class _Entry:
    person: Person
    variants: tuple[tuple[int, ...], ...]  # token ids of the name, then of each alias
    initials: tuple[tuple[str, ...], ...]  # first letter of each word, per variant
    departments: tuple[str, ...]  # folded department words


class DirectoryIndex:
    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._by_id: dict[int, int] = {}
        self._token_ids: dict[str, int] = {}
        self._readings: list[tuple[str, ...]] = []
        self._keys: list[frozenset[str]] = []
        self._token_entries: list[list[int]] = []
        self._by_reading: dict[str, list[int]] = defaultdict(list)
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._vocabulary: dict[str, list[str]] = {}  # readings by head sound class
        self._departments = DepartmentMatcher()

    # ---------------------------------------------------------------- build

    @classmethod
    def build(cls, people: Iterable[Person]) -> DirectoryIndex:
        index = cls()
        for person in people:
            index._add(person)
        for reading in index._by_reading:
            index._vocabulary.setdefault(head(reading), []).append(reading)
        index._by_reading = dict(index._by_reading)
        index._by_stem = dict(index._by_stem)
        index._by_key = dict(index._by_key)
        return index

    def _token(self, word: str) -> int:
        token = self._token_ids.get(word)
        if token is not None:
            return token
        token = len(self._readings)
        self._token_ids[word] = token
        readings = latin_readings(word)
        keys: set[str] = set()
        for reading in readings:
            self._by_reading[reading].append(token)
            skel, meta = sound_keys(reading)
            keys.update(("s:" + skel, "m:" + meta) if meta else ("s:" + skel,))
        for key in keys:
            self._by_key[key].append(token)
        if not has_cyrillic(word):
            for stem in inflect_et.stems(word):
                if stem != word:
                    self._by_stem[stem].append(token)
        self._readings.append(readings)
        self._keys.append(frozenset(keys))
        self._token_entries.append([])
        return token

    def _add(self, person: Person) -> None:
        entry_no = len(self._entries)
        main = name_words(person.name)
        variants: list[list[str]] = [main]
        for alias in person.aliases:
            alias_words = name_words(alias)
            if not alias_words:
                continue
            variants.append(alias_words)
            # A nickname stands for the first name: "Mike" also makes "Mike O'Brien".
            if len(alias_words) == 1 and len(main) >= 2 and alias_words[0] not in main:
                variants.append(alias_words + main[1:])
        token_variants = tuple(tuple(self._token(w) for w in v) for v in variants if v)
        for token in {t for v in token_variants for t in v}:
            self._token_entries[token].append(entry_no)
        self._entries.append(
            _Entry(
                person=person,
                variants=token_variants,
                initials=tuple(tuple(w[0] for w in v) for v in variants if v),
                departments=self._departments.add(person.department),
            )
        )
        self._by_id[person.id] = entry_no

    def __len__(self) -> int:
        return len(self._entries)

    # ---------------------------------------------------------------- lookups

    def _match(self, word: QueryWord) -> WordMatch:
        exact = {t for r in word.readings for t in self._by_reading.get(r, ())}
        inflected: dict[int, float] = {}
        if not exact:
            for reading in word.lemma_readings:
                for t in self._by_reading.get(reading, ()):
                    inflected[t] = INFLECTED_STRONG
            for stem, strong in word.et_stems:
                value = INFLECTED_STRONG if strong else INFLECTED_WEAK
                # A stem may be the nominative itself: Õunapuu-le, Sarah'-ga, Mari-t.
                for t in (*self._by_stem.get(stem, ()), *self._by_reading.get(stem, ())):
                    inflected[t] = max(inflected.get(t, 0.0), value)
        return WordMatch(word, frozenset(exact), inflected, self._readings, self._keys)

    def _candidates(self, match: WordMatch) -> dict[int, float]:
        """Token ids this word plausibly names, with their scores."""
        if match.exact or match.inflected:
            return {t: match.score(t) for t in (*match.exact, *match.inflected)}
        word = match.word
        if word.exact_only or word.initial:
            return {}
        tokens: set[int] = set()
        for key in word.keys:
            tokens.update(self._by_key.get(key, ()))
        for probe in word.probes:
            if probe.factor < 1.0:
                continue  # lemma guesses are looked up by sound, not scanned
            # Only words starting with the same sound class are scanned: a misspelt first
            # letter is rare, and a misheard one is usually caught by the sound keys above.
            for reading, _, _ in process.extract(
                probe.reading,
                self._vocabulary.get(head(probe.reading), ()),
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
                limit=FUZZY_LIMIT,
            ):
                tokens.update(self._by_reading[reading])
        scored = {t: match.score(t) for t in tokens}
        return {t: s for t, s in scored.items() if s >= TOKEN_MIN}

    def _bounds(
        self, matches: Sequence[WordMatch], dept: Sequence[dict[str, float]]
    ) -> dict[int, float]:
        """An optimistic score per candidate person, to score the most promising first.

        Each query word counts with its best name word, ignoring the one-to-one rule; a word
        that names no name word of a person might still name a department.
        """
        bests: list[dict[int, float]] = []
        for m in matches:
            best: dict[int, float] = {}
            for token, score in self._candidates(m).items():
                for e in self._token_entries[token]:
                    if score > best.get(e, 0.0):
                        best[e] = score
            bests.append(best)
        fallback = [max(d.values(), default=0.0) for d in dept]
        people = set().union(*bests)
        return {
            e: score_bound([b.get(e, f) for b, f in zip(bests, fallback, strict=True)])
            for e in people
        }

    def _score_entry(
        self,
        entry: _Entry,
        matches: Sequence[WordMatch],
        dept: Sequence[dict[str, float]],
        initials: Sequence[str],
        token_min: float,
    ) -> float:
        dept_scores = [max((d.get(w, 0.0) for w in entry.departments), default=0.0) for d in dept]
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

    def _candidate(self, entry: _Entry, score: float) -> Candidate:
        p = entry.person
        return Candidate(p.id, p.name, p.department, round(score, 4), p.active)

    # ---------------------------------------------------------------- public

    def resolve(self, query: str, *, limit: int = 5) -> Resolution:
        parsed = parse(query)
        words = [w for w in parsed if not w.initial]
        initials = [w.text for w in parsed if w.initial]
        if not words or limit < 1:
            return decide([], accept=ACCEPT, margin=MARGIN, limit=limit)
        matches = [self._match(w) for w in words]
        dept = [self._departments.scores(m.word) for m in matches]
        bound = self._bounds(matches, dept)
        scored: list[tuple[float, int]] = []
        best_score = 0.0
        for e in sorted(bound, key=lambda e: (-bound[e], e)):
            floor = max(ACCEPT, best_score - MARGIN)
            if bound[e] < floor:
                break
            if sum(1 for s, _ in scored if s >= bound[e]) > limit + 1:
                break
            score = self._score_entry(self._entries[e], matches, dept, initials, TOKEN_MIN)
            best_score = max(best_score, score)
            scored.append((score, e))
        candidates = [self._candidate(self._entries[e], s) for s, e in scored]
        return decide(candidates, accept=ACCEPT, margin=MARGIN, limit=limit)

    def match_among(self, query: str, ids: Sequence[int]) -> list[Candidate]:
        parsed = parse(query)
        words = [w for w in parsed if not w.initial]
        initials = [w.text for w in parsed if w.initial]
        if not words:
            return []
        matches = [self._match(w) for w in words]
        dept = [self._departments.scores(m.word) for m in matches]
        scored: list[Candidate] = []
        for pid in dict.fromkeys(ids):
            e = self._by_id.get(pid)
            if e is None:
                continue
            entry = self._entries[e]
            score = self._score_entry(entry, matches, dept, initials, AMONG_TOKEN_MIN)
            if score == 0.0:  # no name word: "the one in Marketing"
                hits = [
                    s
                    for d in dept
                    if (s := max((d.get(w, 0.0) for w in entry.departments), default=0.0))
                    >= AMONG_TOKEN_MIN
                ]
                score = 0.9 * sum(hits) / len(matches) if hits else 0.0
            scored.append(self._candidate(entry, score))
        if not scored:
            return []
        best = max(c.score for c in scored)
        keep = [c for c in scored if c.score >= max(AMONG_ACCEPT, best - MARGIN)]
        return sorted(keep, key=lambda c: -c.score)

    def keyterms(self, limit: int = 500) -> list[str]:
        """Names to boost in speech recognition: active people's names, then their aliases."""
        out: dict[str, str] = {}
        active = [e.person for e in self._entries if e.person.active]
        for term in [p.name for p in active] + [a for p in active for a in p.aliases]:
            out.setdefault(term.casefold(), term.strip())
            if len(out) >= limit:
                break
        return list(out.values())[:limit]
