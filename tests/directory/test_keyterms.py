"""Names handed to speech recognition for keyword boosting."""

from __future__ import annotations

from core.directory import DirectoryIndex, Person


def test_keyterms_lists_active_names_first(demo_index: DirectoryIndex) -> None:
    terms = demo_index.keyterms()
    assert terms[0] == "Sarah Chen"
    assert "Jüri Tamm" in terms
    assert "Tõnu Õunapuu" in terms
    assert "Mike" in terms  # aliases follow the names
    assert "Kristjan Kuusk" not in terms  # departed people are not boosted
    assert len(terms) == len(set(terms))


def test_keyterms_respects_limit_and_dedupes() -> None:
    index = DirectoryIndex.build(
        [
            Person(1, "Sarah Chen", aliases=("Sara",)),
            Person(2, "Sarah Chen", aliases=("Sara",)),
            Person(3, "sarah chen"),
            Person(4, "Liis Tamm"),
        ]
    )
    assert index.keyterms() == ["Sarah Chen", "Liis Tamm", "Sara"]
    assert index.keyterms(limit=1) == ["Sarah Chen"]
    assert index.keyterms(limit=0) == []


def test_len(demo_index: DirectoryIndex, demo_people: list[Person]) -> None:
    assert len(demo_index) == len(demo_people) == 20
    assert len(DirectoryIndex.build([])) == 0
    assert DirectoryIndex.build([]).resolve("Sarah").status == "not_found"
