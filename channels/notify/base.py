"""The notifier seam: deliver one rendered message to one member of staff, or raise."""

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


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    notification_id: int
    kind: str
    text: str
    recipient: Recipient | None  # None: the front desk
    payload: Mapping[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """Delivery failed. `retry_after` (seconds) when the provider said when to come back."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Notifier(Protocol):
    name: str

    async def deliver(self, message: OutgoingMessage) -> None: ...
