"""What every HTTP request body must be before a route reads it: not larger than
FRONTDESK_MAX_BODY_BYTES (413; the admin UI's directory upload has its own, larger,
allowance), and — for JSON — valid Unicode. JSON may spell a lone surrogate (`"\\ud800"`),
which Python decodes into a string no database, encoder or log can take: refused here
with 400, once for every route, rather than failing somewhere deep with a 500.

The body is read here in full (it is small by then) and handed on unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.api_errors import error_response

LARGER_ALLOWANCES = {"/admin/directory/import": 2_200_000}  # a CSV upload, with its form


class TooLarge(Exception):
    pass


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def has_lone_surrogate(body: bytes) -> bool:
    if _plainly_utf8(body):
        return False
    try:
        document = json.loads(body)
    except ValueError:
        return False  # not JSON: the route's validation says what is wrong
    return any(any("\ud800" <= c <= "\udfff" for c in s) for s in _strings(document))


def _plainly_utf8(body: bytes) -> bool:
    """True when the JSON text cannot hold a surrogate, without parsing it: it spells no
    `\\u` escape, and it is UTF-8 (`json.loads` reads UTF-16 or -32 when the first bytes
    hold a NUL, and UTF-8 with `surrogatepass`, which strict decoding refuses)."""
    if b"\\u" in body or b"\x00" in body[:4]:
        return False
    if body.isascii():
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RequestLimits:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    def _limit(self, path: str) -> int:
        for prefix, allowance in LARGER_ALLOWANCES.items():
            if path.startswith(prefix):
                return max(allowance, self.max_body_bytes)
        return self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        declared = content_type = ""
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = value.decode("latin-1")
            elif name == b"content-type":
                content_type = value.decode("latin-1").lower()
        if declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        try:
            body, more_messages = await _read(receive, limit)
        except TooLarge:
            await _too_large(limit)(scope, receive, send)
            return
        if "json" in content_type and has_lone_surrogate(body):
            response = error_response(
                400,
                "The request contains text that is not valid Unicode "
                "(a lone surrogate such as \\ud800); send UTF-8 text.",
            )
            await response(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await more_messages()

        await self.app(scope, replay, send)


async def _read(receive: Receive, limit: int) -> tuple[bytes, Receive]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return b"".join(chunks), _always(message)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), receive


def _always(message: Message) -> Receive:
    async def receive() -> Message:
        return message

    return receive


def _too_large(limit: int) -> JSONResponse:
    return error_response(413, f"The request body is too large: at most {limit} bytes.")
