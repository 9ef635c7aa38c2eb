"""What a host is told about a booking, built from the outbox row's payload (which holds
the moments in UTC and the office's time zone, so the host reads the office's clock)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.replies.render import Say
from core.replies.values import When

BOOKING_NOTICES = ("host_booking", "host_booking_cancelled", "host_booking_moved")


def booking_notice(kind: str, payload: Mapping[str, Any], visitor: str) -> Say:
    zone = ZoneInfo(payload.get("timezone") or "UTC")

    def when(key: str) -> Any:
        value = payload.get(key)
        return When(datetime.fromisoformat(value).astimezone(zone)) if value else "?"

    if kind == "host_booking_moved":
        return Say(
            kind, {"visitor": visitor, "new": when("expected_at"), "old": when("previous_at")}
        )
    if kind == "host_arrival":  # a booked visitor: the host is told which booking
        return Say("host_arrival_booked", {"visitor": visitor, "when": when("booked_for")})
    params = {"visitor": visitor, "when": when("expected_at")}
    if kind == "host_booking":
        params["purpose"] = payload.get("purpose") or "—"
    return Say(kind, params)
