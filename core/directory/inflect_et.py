"""Estonian case forms of names: stems generated at build time, endings stripped at query time.

Estonian adds case endings to a stem that is not predictable from the nominative (Tamm →
Tamme-, Sepp → Sepa-, Kask → Kase-, Mägi → Mäe-, Peeter → Peetri-, Miller → Milleri-). So
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


def _weak_grade(word: str) -> str | None:
    """The weak-grade form of a word's last syllable (Sepp → Sep, Kask → Kas), if any."""
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        return word[:-1]  # Sepp → Sep(a), Kukk → Kuk(e), Lepp → Lep(a)
    if word.endswith("sk"):
        return word[:-1]  # Kask → Kas(e), Kuusk → Kuus(e)
    if word.endswith("ht"):
        return word[:-1]  # Saht → Sah(a)
    return None


def stems(word: str) -> set[str]:
    """Plausible inflection stems of one folded Latin name word (the word itself included)."""
    out = {word}
    if len(word) < 2:
        return out
    last = word[-1]
    if last not in _VOWELS:
        out.update(word + v for v in "aeiu")  # Tamme, Saare, Milleri, Metsa, Kõivu
        weak = _weak_grade(word)
        if weak:
            out.update(weak + v for v in "aeiu")  # Sepa, Kase, Kuuse
        if len(word) >= 5 and word[-2] == "e" and last in "lrn" and word[-3] not in _VOWELS:
            out.add(word[:-2] + last + "i")  # Peeter → Peetri, Mihkel → Mihkli
        if word.endswith("nen"):
            out.add(word[:-3] + "se")  # Laaksonen → Laaksose
        if word.endswith(("as", "es", "is", "us")):
            out.add(word + "e")  # Ilves → Ilvese (also covered above; kept for clarity)
    else:
        if word.endswith("ne") and len(word) > 3:
            out.update((word[:-2] + "se", word[:-2] + "s"))  # Rebane → Rebase, Rebas-t
        if last in "ie" and len(word) >= 3:
            out.add(word[:-1] + "e")  # Mägi → Mäge (partitive)
            if word[-2] in "gbd" and word[-3] in _VOWELS:
                out.add(word[:-2] + "e")  # Mägi → Mäe, Jõgi → Jõe
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
