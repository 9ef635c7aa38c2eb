"""Admin logins and API tokens. Passwords are hashed with Argon2id; tokens are stored as
SHA-256 of a 256-bit random secret, shown once."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher

from core.store.auth import hash_token
from core.store.db import create_sessionmaker
from core.store.models import AdminUser, ApiToken, utcnow
from frontdesk.settings import Settings
from frontdesk.setup import engine_for, require_schema

MIN_PASSWORD = 10
DEMO_ADMIN = "demo@frontdesk.invalid"
TOKEN_PREFIX = "fd_"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    pass


def password_hasher() -> PasswordHasher:
    return PasswordHasher()  # Argon2id with the library's current recommended parameters


async def create_user(settings: Settings, email: str, password: str) -> None:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise AccountError(f"'{email}' is not an e-mail address")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters long")
    async with engine_for(settings) as engine:
        await require_admin_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            if await db.scalar(sa.select(AdminUser.id).where(AdminUser.email == email)):
                raise AccountError(f"an admin {email} already exists")
            db.add(AdminUser(email=email, password_hash=password_hasher().hash(password)))


async def create_token(settings: Settings, name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("the token name must be 1 to 100 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with engine_for(settings) as engine:
        await require_admin_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            db.add(ApiToken(name=name, token_hash=hash_token(token), prefix=token[:10]))
    return token


async def list_tokens(settings: Settings) -> list[ApiToken]:
    async with engine_for(settings) as engine:
        await require_admin_schema(engine)
        async with create_sessionmaker(engine)() as db:
            return list((await db.scalars(sa.select(ApiToken).order_by(ApiToken.id))).all())


async def revoke_token(settings: Settings, which: str) -> int:
    """Revoke the live tokens named `which`, or the one whose printed prefix it is (as
    `list-tokens` shows it); how many were revoked. Revoked tokens stop working at once,
    on every instance: each request looks its token up."""
    which = which.strip()
    if not which:
        raise AccountError("say which token: its name or its prefix (see list-tokens)")
    async with engine_for(settings) as engine:
        await require_admin_schema(engine)
        async with create_sessionmaker(engine)() as db, db.begin():
            result = await db.execute(
                sa.update(ApiToken)
                .where(
                    sa.or_(ApiToken.name == which, ApiToken.prefix == which),
                    ApiToken.revoked_at.is_(None),
                )
                .values(revoked_at=utcnow())
            )
            return int(getattr(result, "rowcount", 0) or 0)


async def replace_token(settings: Settings, name: str) -> str:
    """Revoke tokens of this name and make a new one (the demo prints a fresh token)."""
    async with engine_for(settings) as engine, create_sessionmaker(engine)() as db, db.begin():
        await db.execute(
            sa.update(ApiToken)
            .where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    return await create_token(settings, name)


async def reset_demo_user(settings: Settings, email: str) -> str:
    """The demo's admin login with a fresh random password, printed at start-up: a demo
    database left on a laptop has no password anyone else knows."""
    password = secrets.token_urlsafe(12)
    async with engine_for(settings) as engine, create_sessionmaker(engine)() as db, db.begin():
        user = await db.scalar(sa.select(AdminUser).where(AdminUser.email == email))
        if user is None:
            db.add(AdminUser(email=email, password_hash=password_hasher().hash(password)))
        else:
            user.password_hash, user.active = password_hasher().hash(password), True
    return password


async def require_admin_schema(engine: object) -> None:
    try:
        await require_schema(engine)  # type: ignore[arg-type]
    except RuntimeError as exc:
        raise AccountError(str(exc)) from None
