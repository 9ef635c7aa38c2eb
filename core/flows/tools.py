"""What a flow may ask the world to do. The agent binds it to one turn's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from core.directory.types import Candidate, Resolution
from core.flows.state import Conversation
from core.replies import PersonRef
from core.store.cards import BookingCard, FormerHost, HostCard
from core.store.office import OfficeSettings


class TooManyTries(Exception):
    """Too many wrong booking codes (or names) from this conversation, this client, for
    this booking or in total: nothing more is looked up until the limit's window passes."""


class FlowTools(Protocol):
    async def lookup(self, query: str) -> Resolution: ...

    async def match_among(self, query: str, ids: Sequence[int]) -> list[Candidate]: ...

    async def people(self, ids: Sequence[int]) -> list[HostCard]:
        """The cards of these people of the directory, in this order (anyone gone since the
        look-up left out), in one look."""

    def answer(self, question: str) -> str | None: ...

    async def check_in(self, conv: Conversation) -> int: ...

    async def record_delivery(self, conv: Conversation) -> int: ...

    async def call_front_desk(self, conv: Conversation, reason: str) -> None: ...

    badges_printed: bool
    """A badge printer is configured, so a checked-in visitor's badge comes out of it."""

    def slow(self) -> None:
        """About to do something the visitor may notice: a voice channel says a filler."""

    # --- bookings (core/flows/booking.py, arrival.py, manage.py) ------------------------
    office: OfficeSettings

    def now(self) -> datetime:
        """Now on the office's clock (aware, in the office's time zone)."""

    async def book(self, conv: Conversation, expected_at: datetime) -> tuple[int, str]:
        """Create the expected visit and tell the host; returns (visit id, code)."""

    async def find_booking(self, code: str) -> BookingCard | None:
        """The expected booking with this code (a finished one only to the conversation that
        finished it); raises TooManyTries."""

    async def expected_today(self, name: str | None, company: str | None) -> list[BookingCard]:
        """Today's bookings of the visitor with this name; raises TooManyTries."""

    async def expected_around(self, name: str | None, company: str | None) -> list[BookingCard]:
        """Today's matching bookings, or else those within a week either side."""

    async def booking_with_host(self, visit_ids: Sequence[int], host: str) -> BookingCard | None:
        """The expected booking among these whose host the phrase names; a phrase naming
        someone else is a wrong guess. Raises TooManyTries."""

    async def arrive(self, conv: Conversation, visit_id: int) -> bool: ...

    async def cancel_booking(self, conv: Conversation, visit_id: int) -> bool: ...

    async def move_booking(
        self, conv: Conversation, visit_id: int, expected_at: datetime
    ) -> bool: ...


def person_ref(person: HostCard | FormerHost) -> PersonRef:
    return PersonRef(
        name=person["name"] or "",
        department=person.get("department") or "",
        aliases=tuple(person.get("aliases") or ()),
        departments=tuple(sorted((person.get("departments") or {}).items())),
    )
