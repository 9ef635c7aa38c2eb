"""The badge seam, owned by the badge worker that consumes it: what a badge shows, and a
printer that prints a PDF or raises. CUPS implements it in `channels/badges/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class BadgeCard:
    """Everything printed on one badge; the words around the names are already rendered
    in the office language."""

    visit_id: int
    visitor_name: str
    company: str | None
    host_line: str  # "Host: James Wilson"
    date_line: str  # "23.11.2026"
    title: str  # "VISITOR"
    group_line: str | None = None  # "Group of 3"

    @property
    def qr_payload(self) -> str:
        """What the QR code carries: the visit id, for a scanner at the door or the desk."""
        return f"frontdesk:visit:{self.visit_id}"


class PrintError(Exception):
    """The printer did not take the job. `permanent` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Printer(Protocol):
    name: str

    async def print_pdf(self, path: Path, *, copies: int, title: str) -> None: ...
