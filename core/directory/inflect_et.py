"""Estonian case forms of names: stems generated at build time, endings stripped at query time.

Estonian adds case endings to a stem that is not predictable from the nominative (Tamm →
Tamme-, Sepp → Sepa-, Kask → Kase-, Mägi → Mäe-, Peeter → Peetri-, Miller → Milleri-). Two
rules generate most of them: consonant gradation, the weak grade of the last syllable (kk → k,
nd → nn, nt → nd, rg → r, g → ∅ …), and syncope, the loss of the last-syllable vowel of
-el/-er/-ar/-ur stems (Sõber → Sõbra-). So
when the directory changes, each Latin name token gets a handful of plausible stems
(over-generation is harmless: a stem only points back at its own name), and a query word is
looked up after cutting each known ending off it. That is a few dictionary lookups per word
instead of a morphological analyser (estnltk is a 580 MB install).

Cases covered: genitive and partitive (the bare stems, and partitive -t/-d), and the endings
of allative -le, adessive -l, ablative -lt, comitative -ga, terminative -ni, illative -sse,
inessive -s, elative -st, translative -ks, essive -na, abessive -ta.
"""

from __future__ import annotations

_VOWELS = frozenset("aeiouy")

# Endings, longest first so "Tammele" is tried as Tamme + le before Tammel + e.
# A one-letter ending is weaker evidence ("Janet" is not "Jan" + t), so it is marked.
CASE_ENDINGS: tuple[tuple[str, bool], ...] = (
    ("sse", True),
    ("ile", True),  # Cheni-le written without the apostrophe: chen + i + le
    ("le", True),
    ("lt", True),
    ("ga", True),
    ("ni", True),
    ("st", True),
    ("ks", True),
    ("na", True),
    ("ta", True),
    ("l", False),
    ("s", False),
    ("t", False),
    ("d", False),
)
_MIN_STEM = 3


# Consonant gradation: the strong grade of a nominative's last syllable and the weak grades
# the inflected stem may take (Rand → Ranna-, Hunt → Hundi-, Jalg → Jala-, Lamp → Lambi-).
# Over-generated on purpose: a stem only points back at the name it was made from.
_GRADATION: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nd", ("nn",)),  # Rand → Ranna, Mänd → Männi, Lind → Linnu
    ("ld", ("ll",)),  # Põld → Põllu, Kuld → Kulla
    ("rd", ("rr",)),  # Kõrd → Kõrra
    ("mb", ("mm",)),  # Kamb → Kammi
    ("nt", ("nd",)),  # Hunt → Hundi, Kont → Kondi
    ("lt", ("ld",)),  # Valt → Valdi
    ("rt", ("rd",)),  # Pärt → Pärdi, Kärt → Kärdi
    ("mp", ("mb",)),  # Lamp → Lambi
    ("nk", ("ng",)),  # Kink → Kingi
    ("lk", ("lg",)),  # Valk → Valge
    ("rk", ("rg",)),  # Mark → Margi
    ("lg", ("l",)),  # Jalg → Jala
    ("rg", ("r",)),  # Kurg → Kure
    ("hk", ("h",)),  # Nahk → Naha
    ("sk", ("s",)),  # Kask → Kase, Kuusk → Kuuse
    ("ht", ("h",)),  # Saht → Saha
)
# A single stop after a vowel softens (Saak → Saagi, Leet → Leedi), or a soft one after
# a long vowel or diphthong drops (Raud → Raua, Haug → Haua).
_SOFTEN = {"k": "g", "p": "b", "t": "d"}
# A vowel left next to another when a consonant drops is often lowered (Mägi → Mäe, Kägu →
# Käo, Tigu → Teo); folded text has already turned ü/ö into u/o.
_LOWER = {"i": "e", "u": "o"}


def _weak_grades(word: str) -> set[str]:
    """Weak-grade forms of a consonant-final word's last syllable (Sepp → Sep, Rand → Rann)."""
    out: set[str] = set()
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        out.add(word[:-1])  # Sepp → Sep(a), Kukk → Kuk(e), Kütt → Küt(i)
    for strong, weak in _GRADATION:
        if word.endswith(strong) and len(word) > len(strong) + 1:
            out.update(word[: -len(strong)] + w for w in weak)
    if len(word) >= 3 and word[-2] in _VOWELS:
        if word[-1] in _SOFTEN:
            out.add(word[:-1] + _SOFTEN[word[-1]])  # Saak → Saag(i)
        if word[-1] in "bdg" and word[-3] in _VOWELS:
            out.add(word[:-1])  # Raud → Rau(a)
    return out


def _syncopated(word: str) -> str | None:
    """The stem without its last-syllable vowel (Sõber → Sõbr-, Kangur → Kangr-, Mihkel →
    Mihkl-): -el/-er/-ar/-ur/-al/-an/-en/-em stems lose it before a case ending."""
    if (
        len(word) >= 5
        and word[-1] in "lrnm"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and not _VOWELS.isdisjoint(word[:-3])
    ):
        return word[:-2] + word[-1]
    return None


def _dropped_consonant(word: str) -> set[str]:
    """Stems of a vowel-final word whose last soft consonant drops (Mägi → Mäe, Kägu → Käo,
    Madu → Mao, Tuba → Toa), with the vowels around it lowered or not."""
    if len(word) < 4 or word[-2] not in "gbd" or word[-3] not in _VOWELS:
        return set()
    head, before, after = word[:-3], word[-3], word[-1]
    return {
        head + b + a
        for b in {before, _LOWER.get(before, before)}
        for a in {after, _LOWER.get(after, after)}
    }


def stems(word: str) -> set[str]:
    """Plausible inflection stems of one folded Latin name word (the word itself included)."""
    out = {word}
    if len(word) < 2:
        return out
    last = word[-1]
    if last not in _VOWELS:
        bases = {word, *_weak_grades(word)}
        if (short := _syncopated(word)) is not None:
            bases.add(short)  # Sõber → Sõbra, Peeter → Peetri, Kangur → Kangru
            bases.update(_weak_grades(short))
        for base in bases:
            out.update(base + v for v in "aeiu")  # Tamme, Sepa, Ranna, Hundi, Sõbra
        if word.endswith("nen"):
            out.add(word[:-3] + "se")  # Laaksonen → Laaksose
    else:
        if word.endswith("ne") and len(word) > 3:
            out.update((word[:-2] + "se", word[:-2] + "s"))  # Rebane → Rebase, Rebas-t
        if last in "ie" and len(word) >= 3:
            out.add(word[:-1] + "e")  # Mägi → Mäge (partitive)
        out.update(_dropped_consonant(word))  # Mägi → Mäe, Kägu → Käo
    return {s for s in out if len(s) >= _MIN_STEM - 1}


def stripped(word: str) -> list[tuple[str, bool]]:
    """Candidate stems of a query word: (stem, strong_evidence) for each ending it carries.

    The bare word is a candidate too (genitive and partitive are often the stem itself:
    "Tamme juurde", "Seppa"); it counts as strong evidence.
    """
    out = [(word, True)]
    for ending, strong in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            out.append((word[: -len(ending)], strong))
    return out
