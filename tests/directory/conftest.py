"""Fixtures: the demo directory as the CSV ships it, and a larger synthetic one."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from bench.synthetic import generate_people
from core.directory import DirectoryIndex, Person

DEMO_CSV = Path(__file__).resolve().parents[2] / "frontdesk" / "demo_directory.csv"


def read_directory(path: Path) -> list[Person]:
    """People from a directory CSV, with ids 1..N in row order."""
    with path.open(newline="", encoding="utf-8") as f:
        return [
            Person(
                id=number,
                name=row["name"],
                department=row["department"],
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                active=row["active"].strip().lower() == "true",
            )
            for number, row in enumerate(csv.DictReader(f), start=1)
        ]


@pytest.fixture(scope="session")
def demo_people() -> list[Person]:
    return read_directory(DEMO_CSV)


@pytest.fixture(scope="session")
def demo_index(demo_people: list[Person]) -> DirectoryIndex:
    return DirectoryIndex.build(demo_people)


@pytest.fixture(scope="session")
def bare_index(demo_people: list[Person]) -> DirectoryIndex:
    """The demo directory without any alias: Cyrillic queries must manage on their own."""
    return DirectoryIndex.build(dataclasses.replace(p, aliases=()) for p in demo_people)


@pytest.fixture(scope="session")
def ids(demo_people: list[Person]) -> dict[str, int]:
    return {p.name: p.id for p in demo_people}


@pytest.fixture(scope="session")
def synthetic_people() -> list[Person]:
    return generate_people(8000, seed=11)


@pytest.fixture(scope="session")
def synthetic_index(synthetic_people: list[Person]) -> DirectoryIndex:
    return DirectoryIndex.build(synthetic_people)
