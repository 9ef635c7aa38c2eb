"""API tokens are stored as SHA-256 of a 256-bit random secret: a leaked database does not
leak working tokens, and a fast hash is enough for a secret that cannot be guessed."""

from __future__ import annotations

import hashlib
import hmac


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(expected: str | None, given: str | None) -> bool:
    """Both present and equal, compared in constant time (CSRF tokens, signatures)."""
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))
