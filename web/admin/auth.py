"""Admin UI sign-in: sessions in the database, CSRF tokens, and sign-in rate limiting.

The session cookie is a random secret; the database keeps its SHA-256, so any instance
recognises it and signing out ends it everywhere. Every form carries the session's CSRF
token (the sign-in form, before there is a session, a double-submit cookie). Sign-in
attempts are counted in the database per e-mail and per client address — hashed — so the
limit holds however many instances answer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Receive, Scope, Send

from core.store.models import AdminSession, AdminUser, LoginAttempt, utcnow

log = logging.getLogger(__name__)
COOKIE = "fd_admin"
LOGIN_CSRF_COOKIE = "fd_login_csrf"
SESSION_LIFETIME = timedelta(hours=12)
WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_CLIENT = 20
_hasher = PasswordHasher()
# Verifying against this when the e-mail is unknown keeps the answer time the same.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    admin_id: int
    email: str
    session_id: str
    csrf: str

    @property
    def actor(self) -> str:
        return f"admin:{self.admin_id}"  # what audit entries and CurrentAdmin carry


class TooManyAttempts(Exception):
    pass


async def check_rate(db: AsyncSession, email: str, client: str) -> None:
    since = utcnow() - WINDOW
    for key, limit in (
        (f"email:{email}", MAX_FAILURES_PER_EMAIL),
        (f"ip:{client}", MAX_FAILURES_PER_CLIENT),
    ):
        failures = await db.scalar(
            sa.select(sa.func.count()).where(
                LoginAttempt.key_hash == _sha(key),
                LoginAttempt.ok.is_(False),
                LoginAttempt.attempted_at >= since,
            )
        )
        if (failures or 0) >= limit:
            raise TooManyAttempts


async def sign_in(db: AsyncSession, email: str, password: str, client: str) -> str | None:
    """The new session's cookie value, or None for a wrong e-mail or password. Raises
    TooManyAttempts (before checking the password) when either limit is reached."""
    email = email.strip().lower()
    await check_rate(db, email, client)
    user = await db.scalar(sa.select(AdminUser).where(AdminUser.email == email))
    ok = _verify(user.password_hash if user and user.active else _DUMMY_HASH, password)
    ok = ok and user is not None and user.active
    for key in (f"email:{email}", f"ip:{client}"):
        db.add(LoginAttempt(key_hash=_sha(key), ok=ok))
    if not ok or user is None:
        return None
    await db.execute(
        sa.delete(LoginAttempt).where(
            LoginAttempt.key_hash == _sha(f"email:{email}"), LoginAttempt.ok.is_(False)
        )
    )
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    secret = secrets.token_urlsafe(32)
    db.add(
        AdminSession(
            id=_sha(secret),
            admin_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            expires_at=utcnow() + SESSION_LIFETIME,
        )
    )
    return secret


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def current(db: AsyncSession, cookie: str | None) -> SignedIn | None:
    if not cookie or len(cookie) > 100:
        return None
    row = await db.execute(
        sa.select(AdminSession, AdminUser.email)
        .join(AdminUser, AdminUser.id == AdminSession.admin_id)
        .where(
            AdminSession.id == _sha(cookie),
            AdminSession.expires_at > utcnow(),
            AdminUser.active.is_(True),
        )
    )
    found = row.first()
    if found is None:
        return None
    session, email = found
    return SignedIn(session.admin_id, email, session.id, session.csrf_token)


async def sign_out(db: AsyncSession, signed_in: SignedIn) -> None:
    await db.execute(sa.delete(AdminSession).where(AdminSession.id == signed_in.session_id))


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


class AdminSessionMiddleware:
    """Recognise a signed-in admin on /admin and /api/admin, so the JSON admin API accepts
    the UI's session too (`web/deps.py` reads `scope["frontdesk.admin"]`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path.startswith("/admin") or path.startswith("/api/admin")):
            cookie = _cookie(scope, COOKIE)
            if cookie:
                signed_in = await self._signed_in(scope, cookie)
                if signed_in is not None:
                    scope["frontdesk.admin"] = signed_in.actor
                    scope["frontdesk.admin_session"] = signed_in
        await self.app(scope, receive, send)

    async def _signed_in(self, scope: Scope, cookie: str) -> SignedIn | None:
        try:
            async with scope["app"].state.runtime.sessionmaker() as db:
                return await current(db, cookie)
        except SQLAlchemyError:  # the route will meet the same database and say so
            log.warning("admin session lookup failed: database unavailable")
            return None


def _cookie(scope: Scope, name: str) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])  # ASGI: raw byte pairs
    for key, value in headers:
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None
