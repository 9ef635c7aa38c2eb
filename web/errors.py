"""Bad input gets a message naming the field; nothing answers 500 with a traceback. Every
error body has the one shape of `web.api_errors` (documented in /openapi.json).

The handlers also run for WebSocket routes (`/twilio/media`), where there is no HTTP
response to send: there they close the socket (1011 once accepted; before the handshake
is accepted the server turns the close into an HTTP 403) and send nothing else."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from web.api_errors import error_response

log = logging.getLogger(__name__)


def _where(conn: HTTPConnection) -> str:
    method = conn.scope.get("method") or conn.scope["type"].upper()
    return f"{method} {conn.url.path}"


async def _close_socket(conn: HTTPConnection) -> None:
    """A WebSocket route failed: close the socket, if nobody has yet."""
    if not isinstance(conn, WebSocket):
        return
    if conn.application_state == WebSocketState.DISCONNECTED:
        return
    if conn.client_state == WebSocketState.DISCONNECTED:
        return
    with contextlib.suppress(RuntimeError, OSError):
        await conn.close(code=1011, reason="internal error")


def _field(loc: tuple[object, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _field_error(error: dict[str, Any]) -> dict[str, str]:
    if error.get("type") == "json_invalid":  # its loc is (body, character position)
        return {"field": "body", "message": "is not valid JSON"}
    return {
        "field": _field(tuple(error.get("loc", ()))),
        "message": str(error.get("msg", "invalid")),
    }


async def _validation_error(request: HTTPConnection, exc: Exception) -> JSONResponse | None:
    assert isinstance(exc, RequestValidationError)
    if request.scope["type"] != "http":
        await _close_socket(request)
        return None
    errors = [_field_error(e) for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return error_response(422, detail, errors)


async def _http_error(request: HTTPConnection, exc: Exception) -> Response | None:
    """A route's (or the router's: 404, 405) HTTPException, in the one error shape."""
    assert isinstance(exc, StarletteHTTPException)
    if request.scope["type"] != "http":
        await _close_socket(request)
        return None
    headers = getattr(exc, "headers", None)
    if exc.status_code in (204, 304) or exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=headers)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return error_response(exc.status_code, detail, headers=headers)


async def _unavailable(request: HTTPConnection, exc: Exception) -> JSONResponse | None:
    log.error("database unavailable on %s: %s", _where(request), type(exc).__name__)
    if request.scope["type"] != "http":
        await _close_socket(request)
        return None
    return error_response(503, "The database is unavailable right now; please try again shortly.")


async def _unexpected(request: HTTPConnection, exc: Exception) -> JSONResponse | None:
    # A bug, not bad input: logged with its traceback, answered without one.
    log.exception("unhandled error on %s", _where(request))
    if request.scope["type"] != "http":
        await _close_socket(request)
        return None
    return error_response(500, "Something went wrong on our side; the error has been logged.")


class WebSocketErrors:
    """Starlette's catch-all handler (`Exception`) serves HTTP only: an unexpected error in a
    WebSocket route would reach the server, which drops the connection (1006) or answers
    the handshake with 500. This closes the socket properly instead: 1011 once accepted,
    before that a close the server turns into 403."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        closed = False

        async def tracking_send(message: Message) -> None:
            nonlocal closed
            if message["type"] in ("websocket.close", "websocket.http.response.body"):
                closed = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except WebSocketDisconnect:
            return  # the client went away: nothing to close, nothing went wrong here
        except Exception:
            log.exception("unhandled error on WEBSOCKET %s", scope.get("path", "?"))
            if not closed:
                with contextlib.suppress(Exception):
                    await send({"type": "websocket.close", "code": 1011, "reason": ""})


def install(app: FastAPI) -> None:
    # Starlette types a handler as for HTTP *or* for WebSocket; these serve both.
    handlers: dict[type[Exception], Any] = {
        RequestValidationError: _validation_error,
        StarletteHTTPException: _http_error,
        OperationalError: _unavailable,
        InterfaceError: _unavailable,
        Exception: _unexpected,
    }
    for exc_class, handler in handlers.items():
        app.add_exception_handler(exc_class, handler)
    app.add_middleware(WebSocketErrors)
