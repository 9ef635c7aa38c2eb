"""`/health`: which provider is in use for each seam, and whether it works."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from migrations.runner import current_revision, head_revision
from web.deps import RuntimeDep

router = APIRouter()


@router.get("/health")
async def health(runtime: RuntimeDep) -> JSONResponse:
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
    ok = all(c["ok"] for c in checks.values())
    return JSONResponse({"status": "ok" if ok else "degraded", "checks": checks})
