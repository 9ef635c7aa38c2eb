"""Picking among the people just offered, from a short reply."""

from __future__ import annotations

import pytest

from core.directory import DirectoryIndex

SARAHS = ("Sarah Chen", "Sarah Miller")
TAMMS = ("Jüri Tamm", "Liis Tamm")

CASES = [
    ("Chen!", SARAHS, ["Sarah Chen"]),
    ("Чен", SARAHS, ["Sarah Chen"]),
    ("Miller", SARAHS, ["Sarah Miller"]),
    ("Millerit", SARAHS, ["Sarah Miller"]),
    ("Миллер", SARAHS, ["Sarah Miller"]),
    ("the one in Marketing", SARAHS, ["Sarah Miller"]),
    ("Engineering", SARAHS, ["Sarah Chen"]),
    ("engineering please", SARAHS, ["Sarah Chen"]),
    ("из маркетинга", SARAHS, ["Sarah Miller"]),
    ("turundusest", SARAHS, ["Sarah Miller"]),
    ("Sarah Chin", SARAHS, ["Sarah Chen"]),
    ("Chan", SARAHS, ["Sarah Chen"]),
    ("Jüri", TAMMS, ["Jüri Tamm"]),
    ("Yuri", TAMMS, ["Jüri Tamm"]),
    ("Юри", TAMMS, ["Jüri Tamm"]),
    ("Liisiga", TAMMS, ["Liis Tamm"]),
    ("Liis from marketing", TAMMS, ["Liis Tamm"]),
    ("arendusest", TAMMS, ["Jüri Tamm"]),
    ("pizza", SARAHS, []),
    ("yes", SARAHS, []),
    ("Patel", SARAHS, []),  # a real person, but not one of those offered
]


@pytest.mark.parametrize(("reply", "offered", "expected"), CASES)
def test_match_among(
    demo_index: DirectoryIndex,
    ids: dict[str, int],
    reply: str,
    offered: tuple[str, ...],
    expected: list[str],
) -> None:
    got = demo_index.match_among(reply, [ids[n] for n in offered])
    assert [c.name for c in got] == expected


def test_both_plausible_best_first(demo_index: DirectoryIndex, ids: dict[str, int]) -> None:
    got = demo_index.match_among("Sarah", [ids["Sarah Chen"], ids["Sarah Miller"]])
    assert {c.name for c in got} == {"Sarah Chen", "Sarah Miller"}
    got = demo_index.match_among("Sarah Mill", [ids["Sarah Chen"], ids["Sarah Miller"]])
    assert [c.name for c in got] == ["Sarah Miller"]


def test_unknown_ids_and_empty_input(demo_index: DirectoryIndex, ids: dict[str, int]) -> None:
    assert demo_index.match_among("Chen", [9999]) == []
    assert demo_index.match_among("Chen", []) == []
    assert demo_index.match_among("", [ids["Sarah Chen"]]) == []
    got = demo_index.match_among("Chen", [ids["Sarah Chen"], ids["Sarah Chen"], 9999])
    assert [c.id for c in got] == [ids["Sarah Chen"]]


def test_scores_are_bounded(demo_index: DirectoryIndex, ids: dict[str, int]) -> None:
    for c in demo_index.match_among("Sarah Chen Engineering", list(ids.values())):
        assert 0.0 <= c.score <= 1.0
