"""Which notifier a message goes through, and where it goes when that one cannot deliver.

Slack first (a host can answer with a button), then SMS (reaches a phone in a pocket),
then the console of the machine running frontdesk, which is where a front desk without
either is watching and which cannot fail. Only the notifiers that are configured take
part. The console reaches the front desk, not a host: a host that Slack and SMS cannot
reach is the front desk's to handle (`host_unreachable`), which is a message of its own.
A message to a visitor has no fallback: it goes on the visitor's own channel or not at
all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.notifications.compose import HOST_KINDS, VISITOR_KINDS

CHAIN: tuple[str, ...] = ("slack", "sms", "console")


@dataclass(frozen=True, slots=True)
class Routes:
    available: tuple[str, ...]  # the configured notifiers, in CHAIN order first

    @classmethod
    def of(cls, names: Iterable[str]) -> Routes:
        names = list(names)
        ordered = [n for n in CHAIN if n in names] + [n for n in names if n not in CHAIN]
        return cls(tuple(ordered))

    @property
    def first(self) -> str:
        return self.available[0]

    def fallback(self, kind: str, channel: str) -> str | None:
        """The next notifier to try for a `kind` message that `channel` could not deliver."""
        if kind in VISITOR_KINDS or channel not in CHAIN:
            return None
        later = CHAIN[CHAIN.index(channel) + 1 :]
        if kind in HOST_KINDS:
            later = tuple(name for name in later if name != "console")
        return next((name for name in later if name in self.available), None)
