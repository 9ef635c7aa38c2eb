"""A refused admin page (404, 403, 422 …) as a page in the admin's language for a browser;
other clients, and every path outside the admin UI, keep the JSON answer."""

from __future__ import annotations

import inspect

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from web.admin.auth import SignedIn
from web.admin.common import page

# What each status means to an office manager; anything else is "the request was wrong".
KNOWN = (400, 403, 404, 405, 422)


def _for_a_browser(request: Request) -> bool:
    path = request.url.path
    on_admin = path == "/admin" or (
        path.startswith("/admin/") and not path.startswith("/admin/static/")
    )
    return on_admin and "text/html" in request.headers.get("accept", "")


def _error_page(request: Request, status: int) -> Response:
    admin = request.scope.get("frontdesk.admin_session")
    signed_in = admin if isinstance(admin, SignedIn) else None
    key = f"admin.http.{status if status in KNOWN else 'other'}"
    response = page(request, "error.html", signed_in, status=status, key=key)
    response.status_code = status
    return response


def install(app: FastAPI) -> None:
    """Call after `web.errors.install`: the JSON handlers stay for everything else."""
    validation = app.exception_handlers[RequestValidationError]
    refused = app.exception_handlers[HTTPException]

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        http = request.scope["type"] == "http"
        if http and _for_a_browser(request) and 400 <= exc.status_code < 500:
            response = _error_page(request, exc.status_code)
            if exc.headers:
                response.headers.update(exc.headers)
            return response
        answer = refused(request, exc)
        return await answer if inspect.isawaitable(answer) else answer

    async def on_invalid(request: Request, exc: Exception) -> Response:
        if request.scope["type"] == "http" and _for_a_browser(request):
            return _error_page(request, 422)
        answer = validation(request, exc)
        return await answer if inspect.isawaitable(answer) else answer

    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
