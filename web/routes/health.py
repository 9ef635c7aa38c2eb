"""`/health`: which provider is in use for each seam, and whether it works.

Anyone may ask (a load balancer does, without credentials) and is told each check's
`ok` and `provider` — the contract's shape — and nothing more. The details (migration
revisions, what is wrong, folders, fallbacks, voices) are for an admin: an API token
or the admin UI's session, as every admin route takes."""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from frontdesk.serving import this_worker
from migrations.runner import current_revision, head_revision
from web.deps import DbSession, RuntimeDep, current_admin

router = APIRouter()


PUBLIC_FIELDS = ("ok", "provider")


async def _is_admin(request: Request, db: DbSession) -> bool:
    try:
        await current_admin(request, db)
    except HTTPException:
        return False
    return True


@router.get("/health")
async def health(request: Request, runtime: RuntimeDep, db: DbSession) -> JSONResponse:
    checks: dict[str, dict[str, Any]] = {}
    dialect = runtime.engine.dialect.name
    try:
        async with runtime.engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        revision = await current_revision(runtime.engine)
        head = head_revision()
        checks["database"] = {
            "ok": revision == head,
            "provider": dialect,
            "revision": revision,
            "expected_revision": head,
        }
        if revision != head:
            checks["database"]["error"] = "schema is not up to date: run `frontdesk migrate`"
    except Exception as exc:  # the point of a health check is to report, not to raise
        checks["database"] = {"ok": False, "provider": dialect, "error": type(exc).__name__}
    for name, provider in runtime.provider_names.items():
        checks[name] = {"ok": True, "provider": provider, **runtime.details(name)}
    checks["process"] = {
        "ok": True,
        "provider": "uvicorn",
        "pid": os.getpid(),
        "worker": this_worker.index,
        "workers": this_worker.count,
        "background_jobs": runtime.settings.run_workers,
    }
    ok = all(c["ok"] for c in checks.values())
    if not await _is_admin(request, db):
        checks = {
            name: {k: v for k, v in check.items() if k in PUBLIC_FIELDS}
            for name, check in checks.items()
        }
    return JSONResponse({"status": "ok" if ok else "degraded", "checks": checks})
