"""The notifier seam, owned by the outbox that consumes it: deliver one rendered message to
one person, or raise. Slack, SMS and the console implement it in `channels/notify/`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who to tell. None of this is logged: logs carry ids."""

    employee_id: int | None
    name: str
    email: str | None = None
    phone: str | None = None
    slack_id: str | None = None
    # A visitor rather than staff: `phone` is then their address on their own channel.
    visitor: bool = False


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    notification_id: int
    kind: str
    text: str
    recipient: Recipient | None  # None: the front desk
    payload: Mapping[str, Any] = field(default_factory=dict)
    visit_id: int | None = None
    language: str = "en"  # the language `text` is in, for whatever else a notifier adds


class DeliveryError(Exception):
    """Delivery failed. `retry_after` (seconds) when the provider said when to come back;
    `permanent` when trying again cannot help (no such user, no phone number, opted out),
    so the outbox moves on to the next notifier at once instead of retrying."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Notifier(Protocol):
    name: str

    async def deliver(self, message: OutgoingMessage) -> None: ...
