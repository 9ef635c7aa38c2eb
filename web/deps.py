"""What routes receive: the runtime, a database session, the signed-in admin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.auth import hash_token, same_token
from core.store.models import ApiToken, utcnow
from frontdesk.runtime import Runtime


async def get_runtime(request: Request) -> Runtime:
    # async, though it awaits nothing: FastAPI runs a plain function in its thread pool,
    # a thread hop per request for one attribute.
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_db(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.sessionmaker() as db:
        yield db


DbSession = Annotated[AsyncSession, Depends(get_db)]


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"


async def current_admin(request: Request, db: DbSession) -> str:
    """An admin is a valid API token (Bearer) or, from the admin UI, a signed-in session.
    A browser sends the session's cookie with any site's request, so a change made with
    the cookie alone must also carry the session's CSRF token (`X-CSRF-Token`); a bearer
    token is never sent by a browser on its own and needs none."""
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
    session = request.scope.get("frontdesk.admin_session")
    if isinstance(admin, str) and session is not None:
        if request.method not in SAFE_METHODS and not same_token(
            session.csrf, request.headers.get(CSRF_HEADER)
        ):
            raise HTTPException(
                status_code=403,
                detail=f"Signed in with the admin UI's cookie: send its CSRF token in "
                f"{CSRF_HEADER}.",
            )
        return admin
    raise HTTPException(
        status_code=401,
        detail="Sign in, or send Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": "Bearer"},
    )


CurrentAdmin = Annotated[str, Depends(current_admin)]
