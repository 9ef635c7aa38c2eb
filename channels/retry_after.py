"""How long a throttled vendor (Slack, Twilio) asks us to wait: its `Retry-After` header,
for the outbox to schedule the next attempt by."""

from __future__ import annotations

from collections.abc import Mapping


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from a `Retry-After` header (an HTTP date is rare enough to ignore)."""
    value = (headers or {}).get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
