"""The resolver's pieces on their own: normalising, transliterating, case forms, sound keys."""

from __future__ import annotations

import pytest

from core.directory import inflect_et, inflect_ru
from core.directory.decide import decide
from core.directory.normalize import words
from core.directory.phonetic import skeleton
from core.directory.query import parse
from core.directory.types import Candidate, MatchStatus, Resolution
from core.text.fold import fold
from core.text.translit import latin_readings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S-A-R-A-H", ["sarah"]),
        ("T A M M", ["tamm"]),
        ("S-A-R-A-H C-H-E-N", ["sarah", "chen"]),
        ("s.e.p.p", ["sepp"]),
        ("Michael O'Brien", ["michael", "obrien"]),
        ("Chen's office", ["chen", "office"]),
        ("Chen'iga", ["cheniga"]),
        ("Tõnu Õunapuu", ["tonu", "ounapuu"]),
        ("Šmidt Žanna", ["shmidt", "zhanna"]),
        ("г-н Петров", ["господин", "петров"]),
        ("Ёлкин Йогурт", ["елкин", "йогурт"]),
        ("Jüri-Mikk Tamm!", ["juri", "mikk", "tamm"]),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_fold_keeps_cyrillic_short_i() -> None:
    assert fold("Андрей") == "андрей"
    assert fold("MÄGI") == "magi"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("сара", "sara"),
        ("чен", "chen"),
        ("мяги", "magi"),  # я after a consonant read back as ä
        ("юри", "juri"),
        ("тыну", "tonu"),  # ы read as õ
        ("лийс", "liis"),  # ий read as ii
        ("уилсон", "wilson"),
        ("кристьян", "kristjan"),
        ("кузнецов", "kuznetsov"),
    ],
)
def test_latin_readings(cyrillic: str, latin: str) -> None:
    assert latin in latin_readings(cyrillic)


def test_latin_word_is_its_own_reading() -> None:
    assert latin_readings("tamm") == ("tamm",)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("tamm", "tamme"),
        ("sepp", "sepa"),
        ("kask", "kase"),
        ("kuusk", "kuuse"),
        ("magi", "mae"),
        ("peeter", "peetri"),
        ("miller", "milleri"),
        ("rebane", "rebase"),
    ],
)
def test_estonian_stems(name: str, stem: str) -> None:
    assert stem in inflect_et.stems(name)


@pytest.mark.parametrize(
    ("form", "stem"),
    [("tammega", "tamme"), ("sepale", "sepa"), ("ounapuule", "ounapuu"), ("saaresse", "saare")],
)
def test_estonian_endings_are_stripped(form: str, stem: str) -> None:
    assert stem in {s for s, _ in inflect_et.stripped(form)}


@pytest.mark.parametrize(
    ("form", "nominative"),
    [
        ("ивану", "иван"),
        ("петровым", "петров"),
        ("ивановой", "иванова"),
        ("анной", "анна"),
        ("марии", "мария"),
        ("алексею", "алексей"),
        ("дмитрием", "дмитрий"),
        ("саре", "сара"),
        ("джеймсом", "джеймс"),
        ("игорю", "игорь"),
    ],
)
def test_russian_nominatives(form: str, nominative: str) -> None:
    assert nominative in inflect_ru.lemmas(form)


def test_feminine_surname_is_not_made_masculine() -> None:
    assert "иванов" not in inflect_ru.lemmas("ивановой")


@pytest.mark.parametrize(
    ("a", "b"),
    [("sarah", "sara"), ("chen", "chin"), ("chen", "tshen"), ("magi", "mjagi"), ("juri", "yuri")],
)
def test_skeleton_merges_spellings(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_parse_drops_titles_and_filler_but_not_everything() -> None:
    assert [w.text for w in parse("Dr. Patel please")] == ["patel"]
    assert [w.text for w in parse("härra Tamm juurde")] == ["tamm"]
    only_filler = parse("the one")
    assert [w.text for w in only_filler] == ["the", "one"]
    assert all(w.exact_only for w in only_filler)
    assert parse("pizza")[0].exact_only


def _c(pid: int, score: float, *, active: bool = True) -> Candidate:
    return Candidate(pid, f"P{pid}", "", score, active)


def _decide(candidates: list[Candidate]) -> Resolution:
    return decide(candidates, accept=0.8, margin=0.07, limit=5)


def test_decide() -> None:
    assert _decide([]).status is MatchStatus.NOT_FOUND
    assert _decide([_c(1, 0.7)]).status is MatchStatus.NOT_FOUND
    assert _decide([_c(1, 0.95), _c(2, 0.7)]).status is MatchStatus.FOUND
    assert _decide([_c(1, 0.95), _c(2, 0.9)]).status is MatchStatus.MULTIPLE
    departed = _decide([_c(1, 1.0, active=False), _c(2, 0.9)])
    assert departed.status is MatchStatus.INACTIVE
    assert departed.candidates == (_c(1, 1.0, active=False),)
    # An active person matching as well as a departed one wins.
    tie = _decide([_c(1, 1.0, active=False), _c(2, 1.0)])
    assert (tie.status, tie.candidates) == (MatchStatus.FOUND, (_c(2, 1.0),))
    many = _decide([_c(i, 1.0) for i in range(10)])
    assert many.status is MatchStatus.MULTIPLE
    assert len(many.candidates) == 5
