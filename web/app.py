"""The ASGI app factory. `create_app(settings, providers)`; the lifespan opens the runtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from frontdesk.providers.telephony import call_control
from frontdesk.runtime import Providers, Runtime
from frontdesk.settings import Settings, get_settings
from web import api_docs, errors, log_redaction, metrics, openapi, widget
from web.admin import (
    error_pages,
    pages_auth,
    pages_directory,
    pages_kiosks,
    pages_privacy,
    pages_settings,
    pages_visits,
)
from web.admin.common import HERE as ADMIN_DIR
from web.admin.common import NotSignedIn, to_sign_in
from web.admin.directory_search import DirectorySearch
from web.edge import Edge
from web.routes import (
    admin_api,
    admin_calls,
    admin_visit_actions,
    chat,
    health,
    kiosk,
    slack,
    twilio_sms,
    twilio_voice,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None, providers: Providers | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime.open(settings, providers)
        app.state.runtime = runtime
        app.state.call_control = call_control(settings)  # the admin API's placed calls
        runtime.warm_up()
        if settings.run_workers:
            runtime.start_workers()
        try:
            yield
        finally:
            if app.state.call_control is not None:
                await app.state.call_control.aclose()
            await runtime.close()

    app = FastAPI(
        title="frontdesk", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    log_redaction.install()
    errors.install(app)
    openapi.install(app)
    if settings.api_docs:
        api_docs.install(app)
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(chat.router)
    app.include_router(widget.router)
    app.include_router(kiosk.router)
    app.include_router(admin_api.router)
    app.include_router(admin_visit_actions.router)
    app.include_router(twilio_sms.router)
    app.include_router(twilio_voice.router)
    app.include_router(admin_calls.router)
    app.include_router(slack.router)
    for admin_pages in (
        pages_auth,
        pages_visits,
        pages_directory,
        pages_settings,
        pages_privacy,
        pages_kiosks,
    ):
        app.include_router(admin_pages.router)
    app.add_exception_handler(NotSignedIn, to_sign_in)
    error_pages.install(app)  # after errors.install: it falls back on those handlers
    app.state.directory_search = DirectorySearch()
    app.add_middleware(
        Edge,
        max_body_bytes=settings.max_body_bytes,
        widget_origins=settings.widget_origins,
        trusted_proxies=settings.trusted_proxy_list,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/admin/static", StaticFiles(directory=ADMIN_DIR / "static"), name="admin-static")
    return app
