"""The lookup tables behind a `DirectoryIndex`, and the word-level lookups on them.

Building turns every name and alias into words, and files each word under everything a
visitor might say for it: its Latin readings (Cyrillic aliases get several), its Estonian
case stems, and its sound keys. A query word then finds the name words it may mean with
dictionary lookups, falling back to a rapidfuzz scan of the vocabulary only when nothing
matched by spelling or case form.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from core.directory import inflect_et
from core.directory.departments import DepartmentMatcher
from core.directory.phonetic import head, heard, sound_keys
from core.directory.query import QueryWord, name_words
from core.directory.scoring import (
    HEARD,
    INFLECTED_STRONG,
    INFLECTED_WEAK,
    SHORT_WORD,
    SOUND_FLOOR,
    WEAK_CAP,
    WEAK_MIN,
    WordMatch,
)
from core.directory.types import Person
from core.text.translit import has_cyrillic, latin_readings

FUZZY_CUTOFF = 70  # rapidfuzz ratio (0..100) for the candidate scan; scoring decides later
FUZZY_LIMIT = 25
_SPLIT_MIN = 3  # shortest half when splitting a run-together word
HEARD_SPELLING = 0.75  # how alike a Latin word must be spelt to a name it sounds like
_SHORT_NAME = 3  # names this short get Estonian stems only before a case ending


def _blocks(reading: str) -> set[str]:
    """The vocabulary blocks a reading is filed in and searched in: its first sound class
    and its first letter. Scanning only these keeps the fuzzy scan small; a word whose
    first letter is wrong in both senses is left to the sound keys."""
    return {head(reading), "=" + reading[:1]}


@dataclass(frozen=True, slots=True)
class Entry:
    person: Person
    variants: tuple[tuple[int, ...], ...]  # token ids of the name, then of each alias
    initials: tuple[tuple[str, ...], ...]  # first letter of each word, per variant
    departments: tuple[str, ...]  # folded department words


@dataclass(slots=True)
class Tables:
    entries: list[Entry] = field(default_factory=list)
    by_id: dict[int, int] = field(default_factory=dict)  # person id → entry number
    token_ids: dict[str, int] = field(default_factory=dict)  # name word → token id
    readings: list[tuple[str, ...]] = field(default_factory=list)  # per token id
    keys: list[frozenset[str]] = field(default_factory=list)  # sound keys per token id
    token_entries: list[list[int]] = field(default_factory=list)  # per token id
    by_reading: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_short_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_heard: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: dict[str, list[str]] = field(default_factory=dict)  # readings by `_blocks`
    # The same, each block cut by word length: {block: {length: (indexes in the block,
    # readings)}}, so a fuzzy scan reads only the lengths that can reach FUZZY_CUTOFF.
    by_length: dict[str, dict[int, tuple[list[int], list[str]]]] = field(default_factory=dict)
    departments: DepartmentMatcher = field(default_factory=DepartmentMatcher)

    # ---------------------------------------------------------------- build

    def add(self, person: Person) -> None:
        entry_no = len(self.entries)
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
        variants = [v for v in variants if v]
        token_variants = tuple(tuple(self._token(w) for w in v) for v in variants)
        for token in {t for v in token_variants for t in v}:
            self.token_entries[token].append(entry_no)
        self.entries.append(
            Entry(
                person=person,
                variants=token_variants,
                initials=tuple(tuple(w[0] for w in v) for v in variants),
                departments=self.departments.add(person.department, *person.department_names),
            )
        )
        self.by_id[person.id] = entry_no

    def finish(self) -> None:
        """Freeze the lookup dicts (no more default entries) and block the vocabulary."""
        for reading in self.by_reading:
            for block in _blocks(reading):
                self.vocabulary.setdefault(block, []).append(reading)
        for block, readings in self.vocabulary.items():
            lengths: dict[int, tuple[list[int], list[str]]] = {}
            for i, reading in enumerate(readings):
                at, same = lengths.setdefault(len(reading), ([], []))
                at.append(i)
                same.append(reading)
            self.by_length[block] = lengths
        self.by_reading = dict(self.by_reading)
        self.by_stem = dict(self.by_stem)
        self.by_short_stem = dict(self.by_short_stem)
        self.by_key = dict(self.by_key)
        self.by_heard = dict(self.by_heard)

    def _token(self, word: str) -> int:
        token = self.token_ids.get(word)
        if token is not None:
            return token
        token = len(self.readings)
        self.token_ids[word] = token
        readings = latin_readings(word)
        keys: set[str] = set()
        for reading in readings:
            self.by_reading[reading].append(token)
            skel, meta = sound_keys(reading)
            keys.update(("s:" + skel, "m:" + meta) if meta else ("s:" + skel,))
            if sound := heard(reading, english=not has_cyrillic(word)):
                self.by_heard[sound].append(token)
        for key in keys:
            self.by_key[key].append(token)
        if not has_cyrillic(word):
            # A three-letter name plus a vowel is too often an ordinary word ("Min" + e =
            # "mine"): such stems count only with a case ending after them ("Minele").
            stems = self.by_stem if len(word) > _SHORT_NAME else self.by_short_stem
            for stem in inflect_et.stems(word):
                if stem != word:
                    stems[stem].append(token)
        self.readings.append(readings)
        self.keys.append(frozenset(keys))
        self.token_entries.append([])
        return token

    # ---------------------------------------------------------------- lookups

    def match(self, word: QueryWord, *, min_base: float = SOUND_FLOOR) -> WordMatch:
        """The word's exact hits, and its case-form hits when it has no exact one.

        `min_base` is the spelling similarity a fuzzy match needs at the least.
        """
        exact = {t for r in word.readings for t in self.by_reading.get(r, ())}
        inflected: dict[int, float] = {}
        if not exact:
            for reading in word.lemma_readings:
                for t in self.by_reading.get(reading, ()):
                    inflected[t] = INFLECTED_STRONG
            for stem, strong in word.et_stems:
                value = INFLECTED_STRONG if strong else INFLECTED_WEAK
                # A stem may be the nominative itself: Õunapuu-le, Sarah'-ga, Mari-t.
                hits = list(self.by_stem.get(stem, ()))
                if strong or len(stem) > _SHORT_NAME:  # "dust" is not Dus + t
                    hits.extend(self.by_reading.get(stem, ()))
                if strong and stem != word.text:  # an ending was cut off
                    hits.extend(self.by_short_stem.get(stem, ()))
                for t in hits:
                    inflected[t] = max(inflected.get(t, 0.0), value)
            if not word.exact_only:
                self._heard(word, inflected)
        # A given name the word may stand for (Dick → Richard, Саша → Aleksandr) is weak
        # evidence whatever else the word matched: it counts only beside a strong match.
        for reading in word.related:
            for t in self.by_reading.get(reading, ()):
                if t not in exact:
                    inflected[t] = max(inflected.get(t, 0.0), WEAK_CAP)
        return WordMatch(
            word, frozenset(exact), inflected, self.readings, self.keys, min_base=min_base
        )

    def _heard(self, word: QueryWord, hits: dict[int, float]) -> None:
        """Name words that sound like the query word (Райт → Wright, Кук → Cook, Vagner →
        Wagner), added to `hits`. Short keys are weak evidence, as short fuzzy matches are.
        A Latin word must also be spelt alike: "prize" and "Price" sound the same, but
        "tile" is no "Thail"."""
        cyrillic = has_cyrillic(word.text)
        for probe in word.probes:
            value = (HEARD if len(probe.heard) > SHORT_WORD else WEAK_CAP) * probe.factor
            for t in self.by_heard.get(probe.heard, ()):
                if not cyrillic and not any(
                    Indel.normalized_similarity(probe.reading, r) >= HEARD_SPELLING
                    for r in self.readings[t]
                ):
                    continue
                hits[t] = max(hits.get(t, 0.0), value)

    def candidates(self, match: WordMatch, *, widen: bool = False) -> dict[int, float]:
        """Token ids the word may name, with scores (weak ones included).

        Exact and case-form hits are trusted alone; only a word without any, or any word
        when `widen` is set, is looked up by sound and by a fuzzy scan.
        """
        found = {t: match.score(t) for t in (*match.exact, *match.inflected)}
        word = match.word
        if (found and not widen) or word.exact_only or word.initial:
            return found
        tokens: set[int] = set()
        for key in word.keys:
            tokens.update(self.by_key.get(key, ()))
        for probe in word.probes:
            if probe.factor < 1.0:
                continue  # lemma guesses are looked up by sound, not scanned
            for block in _blocks(probe.reading):
                for reading in self._scan(probe.reading, block):
                    tokens.update(self.by_reading[reading])
        for t in tokens.difference(found):
            if (score := match.score(t)) >= WEAK_MIN:
                found[t] = score
        return found

    def _scan(self, reading: str, block: str) -> list[str]:
        """The block's readings most like `reading` (fuzz.ratio from FUZZY_CUTOFF, the best
        FUZZY_LIMIT, ties in the block's order): what `process.extract` finds in the whole
        block, read only in the word lengths whose ratio can reach the cutoff (two words of
        lengths n ≤ m are at most 200·n/(n+m) alike: "ma" is compared with words of two
        and three letters, not the block's thousands of longer names)."""
        n = len(reading)
        found: list[tuple[float, int, str]] = []
        for m, (at, readings) in self.by_length.get(block, {}).items():
            if 200 * min(n, m) < FUZZY_CUTOFF * (n + m):
                continue
            for _, score, i in process.extract(
                reading, readings, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
            ):
                found.append((-score, at[i], readings[i]))
        found.sort()
        return [r for _, _, r in found[:FUZZY_LIMIT]]

    def split(self, word: QueryWord) -> tuple[str, str] | None:
        """A run-together word as two name words ("sarahchen" → sarah, chen), if it is one."""
        if not word.spelled or len(word.text) < 2 * _SPLIT_MIN:
            return None
        text = word.readings[0]
        if text in self.by_reading:
            return None
        for cut in range(_SPLIT_MIN, len(text) - _SPLIT_MIN + 1):
            left, right = text[:cut], text[cut:]
            if left in self.by_reading and right in self.by_reading:
                return left, right
        return None
