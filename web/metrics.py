"""`GET /metrics` for Prometheus, behind a bearer token (FRONTDESK_METRICS_TOKEN; without it
the route does not exist: 404), and the count of open chat event streams it reports."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import Gauge

from frontdesk.metrics import CONTENT_TYPE
from frontdesk.runtime import Runtime

router = APIRouter()
STREAM_SUFFIX = "/events"


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    token = runtime.settings.metrics_token
    if token is None or runtime.metrics is None:
        return Response(status_code=404)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return Response(await runtime.metrics.render(), media_type=CONTENT_TYPE)


def stream_gauge(app: Any) -> Gauge | None:
    """The app's gauge of open chat event streams (none before start-up, or without
    metrics)."""
    runtime = getattr(app.state, "runtime", None)
    metrics = getattr(runtime, "metrics", None)
    return None if metrics is None else metrics.chat_streams


def is_stream(path: str) -> bool:
    """A chat event stream (`/api/chat/sessions/{id}/events`), which `web.edge` counts in
    the gauge of open streams on this instance while it is open."""
    return path.startswith("/api/chat/") and path.endswith(STREAM_SUFFIX)
