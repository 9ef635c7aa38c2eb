"""A circuit breaker for one provider: after `failures` failures in a row it is open (the
provider is skipped) for `cooldown` seconds; then one trial call is let through
(half-open). The trial's success closes it, its failure opens it for another cool-down.

Vendor-neutral and clock-injectable: `clock` returns seconds (monotonic by default), so a
test moves time instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal

State = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    def __init__(
        self,
        *,
        failures: int = 3,
        cooldown: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failures < 1 or cooldown <= 0:
            raise ValueError("a breaker needs failures >= 1 and cooldown > 0")
        self._threshold = failures
        self._cooldown = cooldown
        self._clock = clock
        self._failures = 0  # in a row
        self._opened_at: float | None = None  # None: closed
        self._trial = False  # the one half-open call is under way

    @property
    def state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._trial or self._clock() - self._opened_at >= self._cooldown:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """May the provider be called now? In half-open, only the one trial call may."""
        state = self.state
        if state == "closed":
            return True
        if state == "open" or self._trial:
            return False
        self._trial = True
        return True

    def succeeded(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial = False

    def failed(self) -> None:
        self._failures += 1
        if self._trial or self._failures >= self._threshold:
            self._opened_at = self._clock()
        self._trial = False

    def abandoned(self) -> None:
        """The call was cancelled before it said anything (the visitor's turn was): neither
        a success nor a failure, but a half-open trial is free to be made again."""
        self._trial = False

    def health(self) -> dict[str, Any]:
        line: dict[str, Any] = {"state": self.state, "failures_in_a_row": self._failures}
        if self.state == "open" and self._opened_at is not None:
            line["retry_in_seconds"] = round(self._opened_at + self._cooldown - self._clock(), 1)
        return line
