"""What the agent tells whoever watches it: a closed set of small events, and the one-method
seam they go through. The wiring turns them into metrics (frontdesk/metrics.py); the core
knows no metrics library.

A turn's events are collected while it runs and handed over only after its transaction
committed, so a turn that is interpreted again (two messages racing) is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Outcome = Literal["completed", "handed_over", "no_result"]


@dataclass(frozen=True, slots=True)
class TurnTaken:
    channel: str
    seconds: float  # from the message's arrival to the committed reply


@dataclass(frozen=True, slots=True)
class CheckedIn:
    channel: str
    booked: bool  # a booking arriving, or a walk-in


@dataclass(frozen=True, slots=True)
class HandedOver:
    channel: str
    reason: str  # one of the flow's fixed reasons, never the visitor's words


@dataclass(frozen=True, slots=True)
class NameSearched:
    outcome: str  # found | multiple | not_found | inactive


@dataclass(frozen=True, slots=True)
class ConversationEnded:
    channel: str
    language: str
    outcome: Outcome


Observation = TurnTaken | CheckedIn | HandedOver | NameSearched | ConversationEnded


class Observer(Protocol):
    def __call__(self, event: Observation, /) -> None: ...


def ignore(event: Observation, /) -> None:
    """The default observer: nobody is watching."""


def ended(state: str, has_visit: bool) -> Outcome:
    """How a conversation that ends in `state` ended."""
    if state == "transfer_human":
        return "handed_over"
    if state == "complete" or has_visit:
        return "completed"
    return "no_result"
