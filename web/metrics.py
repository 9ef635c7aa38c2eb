"""`GET /metrics` for Prometheus, behind a bearer token (FRONTDESK_METRICS_TOKEN; without it
the route does not exist: 404), and the count of open chat event streams it reports."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

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


class StreamGauge:
    """Counts the chat event streams (`…/events`) open on this instance, while they are open."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        metrics = None
        if path.startswith("/api/chat/") and path.endswith(STREAM_SUFFIX):
            runtime = getattr(scope["app"].state, "runtime", None)
            metrics = getattr(runtime, "metrics", None)
        if metrics is None:
            await self.app(scope, receive, send)
            return
        metrics.chat_streams.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            metrics.chat_streams.dec()
