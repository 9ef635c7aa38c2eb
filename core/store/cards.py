"""What a conversation keeps about a host and a booking: the cards stored, as JSON, in the
session's slots (`core.flows.state.ConversationSlots`).

They are TypedDicts, so mypy checks every key the flows read, while at run time they stay
the plain dicts `json` reads and writes: a session stored by an earlier release loads as it
was. A key an earlier release did not write is `NotRequired` (a host card of just `id` and
`name` still loads), and the flows read it with `.get`.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class HostCard(TypedDict):
    """A person of the directory as a conversation keeps them (`directory.employee_card`):
    enough to name them, nothing to reach them."""

    id: int
    name: str
    department: NotRequired[str]
    departments: NotRequired[dict[str, str]]  # the department by language: {"et": "Arendus"}
    aliases: NotRequired[list[str]]


class FormerHost(TypedDict):
    """A booking's host who is no longer in the directory: the id and name the booking kept
    (the id is unset once the employee row is gone)."""

    id: int | None
    name: str | None
    # Never written for a former host; declared so that a card of either kind is read alike.
    department: NotRequired[str]
    departments: NotRequired[dict[str, str]]
    aliases: NotRequired[list[str]]


class BookingCard(TypedDict):
    """A booking found by its code or the visitor's name (`core.tools.bookings.card`)."""

    id: int
    code: str | None
    status: str  # expected, checked_in, cancelled, …
    visitor_name: str | None
    company: str | None
    expected_at: str | None  # ISO 8601, aware
    host: HostCard | FormerHost
