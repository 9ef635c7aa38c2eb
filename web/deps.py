"""What routes receive: the runtime, a database session, the signed-in admin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.auth import hash_token
from core.store.models import ApiToken, utcnow
from frontdesk.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_db(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.sessionmaker() as db:
        yield db


DbSession = Annotated[AsyncSession, Depends(get_db)]


async def current_admin(request: Request, db: DbSession) -> str:
    """An admin is a valid API token (Bearer) or, from the admin UI, a signed-in session."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        row = await db.scalar(
            sa.select(ApiToken).where(
                ApiToken.token_hash == hash_token(token.strip()), ApiToken.revoked_at.is_(None)
            )
        )
        if row is not None:
            row.last_used_at = utcnow()
            await db.commit()
            return f"token:{row.id}"
    admin = request.scope.get("frontdesk.admin")  # set by the admin UI's session middleware
    if isinstance(admin, str):
        return admin
    raise HTTPException(
        status_code=401,
        detail="Sign in, or send Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": "Bearer"},
    )


CurrentAdmin = Annotated[str, Depends(current_admin)]
