"""API tokens are stored as SHA-256 of a 256-bit random secret: a leaked database does not
leak working tokens, and a fast hash is enough for a secret that cannot be guessed."""

from __future__ import annotations

import hashlib


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
