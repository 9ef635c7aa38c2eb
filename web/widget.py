"""The chat widget for a company's own website, and the CORS that lets it talk to us.

`<script src="https://frontdesk.example/widget.js" data-language="et" async></script>` puts a
chat bubble on any page; the bubble opens the chat page in a frame. Which sites may frame it
is the chat page's `frame-ancestors` (see `security_headers`); which may call the chat API
from their own scripts is CORS here, answered only for `FRONTDESK_WIDGET_ORIGINS` and only on
the chat API: the admin API and the webhooks never answer another origin.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

router = APIRouter()
SCRIPT = Path(__file__).resolve().parent / "static" / "widget.js"
CHAT_API = "/api/chat/"


@router.get("/widget.js", include_in_schema=False)
async def widget_script() -> FileResponse:
    # Short caching: a fixed widget reaches every site within the hour.
    return FileResponse(
        SCRIPT,
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )


def chat_api_cors(app: ASGIApp, origins: Iterable[str]) -> ASGIApp:
    """Starlette's CORSMiddleware, for the widget's origins; `web.edge` puts it in front of
    the chat API (`CHAT_API`) alone."""
    return CORSMiddleware(
        app,
        allow_origins=list(origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Accept", "Last-Event-ID"],
        max_age=600,
    )
