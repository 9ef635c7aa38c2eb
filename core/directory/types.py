"""What the directory resolver takes in and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MatchStatus(StrEnum):
    FOUND = "found"
    MULTIPLE = "multiple"
    NOT_FOUND = "not_found"
    INACTIVE = "inactive"


@dataclass(frozen=True, slots=True)
class Person:
    """One employee as the resolver sees them (no contact details: it does not need them)."""

    id: int
    name: str
    department: str = ""
    aliases: tuple[str, ...] = ()
    active: bool = True
    department_names: tuple[str, ...] = ()  # the department in other languages ("Arendus")


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str
    department: str
    score: float  # 0..1, higher is a better match
    active: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "department": self.department,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    status: MatchStatus
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None
