"""Where a conversation is, and which moves between states are legal.

The flow mutates a `Conversation` only through `goto`, which refuses a transition the
table does not list. That table is the receptionist's rulebook: whatever the understanding
proposes, there is no edge into `notify_host` except from a state where the host was
confirmed, and `goto` checks that too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypedDict, cast

from core.messages import Language
from core.store.cards import BookingCard, FormerHost, HostCard


class State(StrEnum):
    GREETING = "greeting"
    IDENTIFY_HOST = "identify_host"
    DISAMBIGUATE = "disambiguate"
    CONFIRM_HOST = "confirm_host"
    COLLECT_VISITOR_INFO = "collect_visitor_info"
    NOTIFY_HOST = "notify_host"
    COMPLETE = "complete"
    TRANSFER_HUMAN = "transfer_human"
    # Booking ahead (core/flows/booking.py): when, then who the visitor is, then read-back.
    BOOK_WHEN = "book_when"
    BOOK_DETAILS = "book_details"
    BOOK_CONFIRM = "book_confirm"
    # A booking found by its code or the visitor's name (arrival.py), or to change (manage.py).
    FIND_BOOKING = "find_booking"
    CONFIRM_CHANGE = "confirm_change"
    # Moving a booking found by its code: the new day and time (manage.py), apart from
    # booking ahead's book_when, so neither flow reads the other's answers.
    MOVE_WHEN = "move_when"


class Expecting(StrEnum):
    HOST = "host"
    CHOICE = "choice"
    CONFIRMATION = "confirmation"
    VISITOR_NAME = "visitor_name"
    COMPANY = "company"
    PURPOSE = "purpose"
    DATE = "date"
    TIME = "time"
    CONTACT = "contact"
    CODE = "code"


S = State
_FINDING = {S.IDENTIFY_HOST, S.DISAMBIGUATE, S.CONFIRM_HOST}
_BOOKING = {S.BOOK_WHEN, S.BOOK_DETAILS, S.BOOK_CONFIRM}
_CHANGING = {S.FIND_BOOKING, S.CONFIRM_CHANGE, S.MOVE_WHEN}
_ENDS = {S.TRANSFER_HUMAN, S.COMPLETE}
_CHECKIN = {*_FINDING, S.COLLECT_VISITOR_INFO, S.NOTIFY_HOST, *_ENDS}
TRANSITIONS: dict[State, frozenset[State]] = {
    S.GREETING: frozenset({S.GREETING, *_FINDING, *_BOOKING, *_CHANGING, *_ENDS}),
    S.IDENTIFY_HOST: frozenset({*_CHECKIN, *_BOOKING, *_CHANGING}),
    S.DISAMBIGUATE: frozenset({*_CHECKIN, *_BOOKING, *_CHANGING}),
    S.CONFIRM_HOST: frozenset({*_CHECKIN, *_BOOKING, *_CHANGING}),
    S.COLLECT_VISITOR_INFO: frozenset({*_CHECKIN, *_CHANGING}),
    S.NOTIFY_HOST: frozenset({S.COMPLETE}),
    # A finished conversation on a lobby tablet may start over for the next visitor, or
    # (going round in circles, see progress.py) be handed to a person.
    S.COMPLETE: frozenset({S.COMPLETE, S.GREETING, S.TRANSFER_HUMAN}),
    S.TRANSFER_HUMAN: frozenset({S.TRANSFER_HUMAN, S.GREETING, S.COMPLETE}),
    # Booking ahead: the host was confirmed before any of these, and the booking is only
    # written (telling the host: notify_host) from the read-back the visitor said yes to.
    S.BOOK_WHEN: frozenset({*_BOOKING, *_FINDING, *_ENDS}),
    S.BOOK_DETAILS: frozenset({*_BOOKING, *_FINDING, *_ENDS}),
    S.BOOK_CONFIRM: frozenset({*_BOOKING, *_FINDING, S.NOTIFY_HOST, *_ENDS}),
    # An arrival goes from the booking found straight to telling its (confirmed) host; a
    # change goes through its own yes/no first.
    S.FIND_BOOKING: frozenset({*_CHANGING, *_FINDING, S.NOTIFY_HOST, *_ENDS}),
    S.CONFIRM_CHANGE: frozenset({*_CHANGING, S.NOTIFY_HOST, *_ENDS}),
    S.MOVE_WHEN: frozenset({*_CHANGING, *_ENDS}),
}

BOOKING_STATES = frozenset({*_BOOKING, *_CHANGING})


# --- the conversation's slots, by what they are --------------------------------------
# A conversation's slots are stored as one JSON object (the session row); these say which
# keys it may hold, of what type, and which of three kinds each is. A key not declared
# here is a bug (tests/test_visitor_simulator.py checks every row it leaves).


class Said(TypedDict, total=False):
    """What the visitor told us, kept whenever they said it (`turn.absorb`) and never
    asked for again."""

    visitor_name: str
    company: str  # "" when they said they have none
    purpose: str
    party_size: int
    contact: str  # a phone number or an e-mail, for a booking
    department: str  # a delivery for a department rather than a person
    day: str  # ISO date of a booking or a move, as understood and accepted
    at: str  # HH:MM of the same


class Expected(TypedDict):
    """The bookings noted around today for a name said (`arrival._by_visitor`), which
    the host named next may check in (`arrival.by_host`)."""

    name: str
    ids: list[int]


class Progress(TypedDict, total=False):
    """The progress guard's counts (`core.flows.progress`)."""

    seen: list[str]  # fingerprints of the facts seen
    replies: dict[str, int]  # fingerprint of a reply: how often it was given
    stale: int  # turns in a row without a new fact


class Offer(TypedDict):
    """A person offered (`host.offer_human`), and the question the offer interrupted, to
    ask again if the visitor says no."""

    kind: str  # "human"
    expecting: str | None  # an `Expecting` value


class OfficeHours(TypedDict):
    """The office's opening hours and time zone as a booking was checked against them."""

    hours: str  # as `OfficeSettings.opening_hours` writes them
    tz: str  # an IANA zone name


class Settled(TypedDict, total=False):
    """What the receptionist settled from what was said: whom, which flow, what was written."""

    kind: str  # None: a check-in; delivery, booking, arrival, cancel or move
    host: HostCard | FormerHost  # the person found (`tools.person`), or a booking's host
    host_confirmed: bool
    booking: BookingCard  # the booking found by its code (arrival, cancel, move)
    expected: Expected  # bookings noted for the name said, for the host named next
    visit_id: int  # the visit written (or found)
    code: str  # the code of the booking written
    office: OfficeHours  # the opening hours and time zone a booking is checked against


class Bookkeeping(TypedDict, total=False):
    """How the conversation is going, not what the visitor told us: never a fact for the
    progress guard, never shown."""

    offer: Offer  # a person offered; the question it interrupted
    offered: list[int]  # whom the last lookup offered
    candidates: list[HostCard]  # the people to choose among
    rejected: list[int]  # people the visitor said no to
    query: str  # the host asked for, as said
    progress: Progress  # the progress guard's counts
    last_given: str  # what a correction replaces


class ConversationSlots(Said, Settled, Bookkeeping, total=False):
    """All of a conversation's slots: at run time the very dict stored as JSON in the
    session row, so mypy checks each key and its type and storage is unchanged."""


def slots_from_json(stored: Mapping[str, Any] | None) -> ConversationSlots:
    """The slots of a session row as stored (a JSON object; None for none yet). Not
    checked: a key or type the declarations above do not know is a bug the simulator's
    check of every row it leaves reports (tests/test_visitor_simulator.py)."""
    return cast(ConversationSlots, dict(stored or {}))


def slots_to_json(slots: ConversationSlots) -> dict[str, Any]:
    """The slots as stored in the session row: the same keys and values, as a plain dict."""
    return dict(slots)


SAID = frozenset(Said.__annotations__)
SETTLED = frozenset(Settled.__annotations__)
BOOKKEEPING = frozenset(Bookkeeping.__annotations__)
SLOT_KEYS = SAID | SETTLED | BOOKKEEPING


class IllegalTransition(RuntimeError):
    pass


@dataclass
class Conversation:
    """The mutable state of one conversation during one turn; stored as the session row."""

    state: State
    expecting: Expecting | None
    language: Language
    slots: ConversationSlots = field(default_factory=lambda: ConversationSlots())
    failures: int = 0
    done: bool = False

    def goto(self, state: State, expecting: Expecting | None = None) -> None:
        if state not in TRANSITIONS[self.state]:
            raise IllegalTransition(f"{self.state} -> {state}")
        if state is S.NOTIFY_HOST and not self.slots.get("host_confirmed"):
            raise IllegalTransition("notify_host before the visitor confirmed the host")
        self.state = state
        self.expecting = expecting
        self.done = state in (S.COMPLETE, S.TRANSFER_HUMAN)

    def restart(self) -> None:
        """Start over for a new visitor, keeping the language — and, unless a visit was
        written (real progress), the replies given so far: the progress guard counts them
        per session (`core.flows.progress`), so starting over is no way round it."""
        self.goto(S.GREETING)
        progress = self.slots.get("progress") or {}
        keep = progress and not self.slots.get("visit_id")
        self.slots = {"progress": {"replies": progress.get("replies", {})}} if keep else {}
        self.failures = 0

    @property
    def said(self) -> Said:
        """What the visitor told us, apart from the bookkeeping."""
        return cast(Said, {k: v for k, v in self.slots.items() if k in SAID})

    # Slot accessors the handlers share, so the JSON shape lives in one place.
    @property
    def host(self) -> HostCard | FormerHost | None:
        return self.slots.get("host")

    @property
    def candidates(self) -> list[HostCard]:
        return list(self.slots.get("candidates", []))

    @property
    def rejected(self) -> list[int]:
        return list(self.slots.get("rejected", []))

    def reject(self, person_id: int | None) -> None:
        """The visitor said no to this person (None: a booking's host no longer in the
        directory, whom no lookup offers again anyway)."""
        if person_id is not None:
            self.slots["rejected"] = [*self.rejected, person_id]
        self.slots["candidates"] = [c for c in self.candidates if c["id"] != person_id]
        if self.host and self.host["id"] == person_id:
            self.slots.pop("host", None)
            self.slots["host_confirmed"] = False

    @property
    def is_delivery(self) -> bool:
        return self.slots.get("kind") == "delivery"

    @property
    def kind(self) -> str | None:
        """None for a plain check-in; delivery, booking, arrival, cancel or move."""
        return self.slots.get("kind")
