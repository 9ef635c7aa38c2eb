"""What a recogniser raises when it cannot do its job, so the call can say so and go on
(transfer, or ask the caller to try again) instead of dying with a vendor's exception."""

from __future__ import annotations


class SttError(RuntimeError):
    """Recognition failed (the vendor is unreachable, answered nonsense, or a model is
    missing)."""


class SttAuthError(SttError):
    """The vendor rejected our credentials: retrying will not help until the key is fixed."""
