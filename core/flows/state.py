"""Where a conversation is, and which moves between states are legal.

The flow mutates a `Conversation` only through `goto`, which refuses a transition the
table does not list. That table is the receptionist's rulebook: whatever the understanding
proposes, there is no edge into `notify_host` except from a state where the host was
confirmed, and `goto` checks that too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.messages import Language


class State(StrEnum):
    GREETING = "greeting"
    IDENTIFY_HOST = "identify_host"
    DISAMBIGUATE = "disambiguate"
    CONFIRM_HOST = "confirm_host"
    COLLECT_VISITOR_INFO = "collect_visitor_info"
    NOTIFY_HOST = "notify_host"
    COMPLETE = "complete"
    TRANSFER_HUMAN = "transfer_human"


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
TRANSITIONS: dict[State, frozenset[State]] = {
    S.GREETING: frozenset({S.GREETING, *_FINDING, S.TRANSFER_HUMAN, S.COMPLETE}),
    S.IDENTIFY_HOST: frozenset(
        {*_FINDING, S.COLLECT_VISITOR_INFO, S.NOTIFY_HOST, S.TRANSFER_HUMAN, S.COMPLETE}
    ),
    S.DISAMBIGUATE: frozenset(
        {*_FINDING, S.COLLECT_VISITOR_INFO, S.NOTIFY_HOST, S.TRANSFER_HUMAN, S.COMPLETE}
    ),
    S.CONFIRM_HOST: frozenset(
        {*_FINDING, S.COLLECT_VISITOR_INFO, S.NOTIFY_HOST, S.TRANSFER_HUMAN, S.COMPLETE}
    ),
    S.COLLECT_VISITOR_INFO: frozenset(
        {*_FINDING, S.COLLECT_VISITOR_INFO, S.NOTIFY_HOST, S.TRANSFER_HUMAN, S.COMPLETE}
    ),
    S.NOTIFY_HOST: frozenset({S.COMPLETE}),
    # A finished conversation on a lobby tablet may start over for the next visitor.
    S.COMPLETE: frozenset({S.COMPLETE, S.GREETING}),
    S.TRANSFER_HUMAN: frozenset({S.TRANSFER_HUMAN, S.GREETING, S.COMPLETE}),
}


class IllegalTransition(RuntimeError):
    pass


@dataclass
class Conversation:
    """The mutable state of one conversation during one turn; stored as the session row."""

    state: State
    expecting: Expecting | None
    language: Language
    slots: dict[str, Any] = field(default_factory=dict)
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
        """Start over for a new visitor, keeping only the language."""
        self.goto(S.GREETING)
        self.slots = {}
        self.failures = 0

    # Slot accessors the handlers share, so the JSON shape lives in one place.
    @property
    def host(self) -> dict[str, Any] | None:
        host: dict[str, Any] | None = self.slots.get("host")
        return host

    @property
    def candidates(self) -> list[dict[str, Any]]:
        return list(self.slots.get("candidates", []))

    @property
    def rejected(self) -> list[int]:
        return list(self.slots.get("rejected", []))

    def reject(self, person_id: int) -> None:
        self.slots["rejected"] = [*self.rejected, person_id]
        self.slots["candidates"] = [c for c in self.candidates if c["id"] != person_id]
        if self.host and self.host["id"] == person_id:
            self.slots.pop("host", None)
            self.slots["host_confirmed"] = False

    @property
    def is_delivery(self) -> bool:
        return self.slots.get("kind") == "delivery"
