"""A query phrase taken apart into words, each with every reading it may stand for.

The understanding layer hands over a phrase ("Jüri Tammega", "Ивану Петрову", "Dr. Patel",
"S-A-R-A-H"), but leftover filler and titles are common, so they are dropped here. Each
remaining word carries its Latin readings (one for Latin, several for Cyrillic), the
nominatives it may be a Russian case form of, and the stems it may be an Estonian case form
of. Matching never has to guess again after this.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.directory import given_names, inflect_et, inflect_ru
from core.directory.common_words import COMMON
from core.directory.normalize import spelled_words, words
from core.directory.phonetic import heard, sound_keys
from core.directory.words import COMMON_WORDS, FILLER, TITLES
from core.text.translit import has_cyrillic, latin_readings

# A name is a few words. Anything longer is not a name, and must not cost a second of CPU
# (every word may need a fuzzy scan): the rest of an overlong query is ignored.
MAX_QUERY_CHARS = 200
MAX_WORDS = 6

# A Russian nominative guessed from a case form is slightly weaker evidence than the word
# as written.
LEMMA_FACTOR = 0.97


@dataclass(frozen=True, slots=True)
class Probe:
    """One reading of a query word, with its sound keys and how much to trust it."""

    reading: str
    skeleton: str
    metaphone: str
    factor: float
    heard: str  # see `phonetic.heard`


@dataclass(frozen=True, slots=True)
class QueryWord:
    text: str  # folded (Latin) or lower-case (Cyrillic)
    readings: tuple[str, ...]  # Latin readings of the word as written
    lemma_readings: tuple[str, ...]  # Latin readings of its Russian nominatives
    et_stems: tuple[tuple[str, bool], ...]  # Estonian stems, with "strong evidence" flags
    related: tuple[str, ...]  # given names the word may stand for (Dick → richard)
    probes: tuple[Probe, ...]  # readings and lemma readings, for fuzzy and sound matching
    exact_only: bool  # an everyday word: may match a name exactly, never by sound
    initial: bool  # a single letter ("S. Chen"): a tie-breaker, not a word to match
    spelled: bool  # joined from spelled letters: may hold two names ("S A R A H C H E N")

    @property
    def keys(self) -> set[str]:
        """Sound keys to look candidates up by ("s:" skeleton, "m:" metaphone)."""
        out = {"s:" + p.skeleton for p in self.probes}
        out.update("m:" + p.metaphone for p in self.probes if p.metaphone)
        return out


def _everyday(text: str, readings: tuple[str, ...], et_stems: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the word is an everyday word, or a case form of one ("kohviga", "туалета")."""
    forms = {text, *readings}
    forms.update(stem for stem, strong in et_stems if strong)
    if has_cyrillic(text):
        forms.update(inflect_ru.lemmas(text))
    return not forms.isdisjoint(COMMON_WORDS) or not forms.isdisjoint(COMMON)


def _related(text: str) -> tuple[str, ...]:
    """Given names the word may stand for, as written or as a Russian case form ("с Сашей")."""
    forms = [text, *inflect_ru.lemmas(text)] if has_cyrillic(text) else [text]
    return tuple(dict.fromkeys(r for form in forms for r in given_names.related(form)))


def _probes(readings: tuple[str, ...], factor: float, *, english: bool) -> tuple[Probe, ...]:
    """`english`: the readings are the word as written in Latin letters, not transliterated."""
    return tuple(Probe(r, *sound_keys(r), factor, heard(r, english=english)) for r in readings)


# Letters that begin names with an apostrophe: O'Brien, D'Souza, L'Estrange. Said or typed
# apart ("O Brien"), the letter is joined to the next word as an extra reading.
_NAME_PREFIXES = frozenset("odl")


def _word(text: str, *, exact_only: bool, prefix: str = "", spelled: bool = False) -> QueryWord:
    readings = latin_readings(text)
    latin = not has_cyrillic(text)
    if prefix:
        readings = (prefix + readings[0], *readings)
    lemma_readings: tuple[str, ...] = ()
    et_stems: tuple[tuple[str, bool], ...] = ()
    if has_cyrillic(text):
        seen: dict[str, None] = {}
        for lemma in inflect_ru.lemmas(text):
            for reading in latin_readings(lemma):
                if reading not in readings:
                    seen.setdefault(reading, None)
        lemma_readings = tuple(seen)
    else:
        et_stems = tuple(inflect_et.stripped(text))
    exact_only = exact_only or _everyday(text, readings, et_stems)
    return QueryWord(
        text=text,
        readings=readings,
        lemma_readings=lemma_readings,
        et_stems=et_stems,
        related=() if exact_only else _related(text),
        probes=()
        if exact_only
        else _probes(readings, 1.0, english=latin)
        + _probes(lemma_readings, LEMMA_FACTOR, english=latin),
        exact_only=exact_only,
        initial=len(text) == 1,
        spelled=spelled,
    )


def parse(query: str) -> list[QueryWord]:
    """The words of a query worth matching, in order.

    Titles and filler are dropped. If nothing else is left, the filler words are matched
    after all, but only exactly: a phrase of filler is almost never a name, and when it is
    (someone called "Will"), it is spelled the same.
    """
    raw = spelled_words(query[:MAX_QUERY_CHARS])
    kept = [(w, sp) for w, sp in raw if w not in TITLES and w not in FILLER]
    if not kept:
        return [_word(w, exact_only=True) for w, _ in raw if w not in TITLES and len(w) > 1]
    out: list[QueryWord] = []
    prefix = ""
    for i, (w, spelled) in enumerate(kept):
        if w in _NAME_PREFIXES and i + 1 < len(kept) and not has_cyrillic(kept[i + 1][0]):
            prefix = w
            continue
        out.append(_word(w, exact_only=False, prefix=prefix, spelled=spelled))
        prefix = ""
    return out[:MAX_WORDS]


def split_word(word: QueryWord, left: str, right: str) -> list[QueryWord]:
    """A run-together word ("sarahchen" from spelled letters) as the two words it holds."""
    return [_word(left, exact_only=word.exact_only), _word(right, exact_only=word.exact_only)]


def name_words(name: str) -> list[str]:
    """Words of a directory name or alias, without titles ("Dr. Patel" → ["patel"])."""
    return [w for w in words(name) if w not in TITLES]


# A speech recogniser may cut one name into sound-alike words ("Ann Der son" for Anderson,
# "mar tin soo" for Martinsoo). Such a run is joined back only if one of its pieces is a
# syllable this short: whole name words ("Mari Kask") are not glued together.
SYLLABLE = 3


def joined(run: list[QueryWord]) -> QueryWord | None:
    """The words of a run as one word, if they may be a name cut into syllables."""
    if len(run) < 2 or not any(len(w.text) <= SYLLABLE for w in run):
        return None
    if any(w.initial or w.spelled for w in run) or len({has_cyrillic(w.text) for w in run}) > 1:
        return None
    return _word("".join(w.text for w in run), exact_only=False)
