"""One shape for every error body the HTTP API answers, and its place in /openapi.json.

`{"detail": str, "errors"?: [{"field": str, "message": str}]}`: `detail` is one sentence
naming the problem (for a person and a log line); `errors` lists the fields at fault when
the input was bad (422), so a client can mark them. FastAPI's own 422 body
(`HTTPValidationError`, `detail` a list) is not used anywhere: `web.errors` answers
validation errors in this shape, and `web.openapi` documents it in FastAPI's place.

Routes declare the error statuses they answer themselves with `documented(404, …)`; the
ones every route may answer (middleware, handlers) are added by `web.openapi`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field


class FieldError(BaseModel):
    field: str = Field(description="The field at fault, dotted for nested ones (`body` for all).")
    message: str = Field(description="What is wrong with it.")


class ErrorBody(BaseModel):
    """What every error answer of this API carries."""

    detail: str = Field(description="What went wrong, in one sentence.")
    errors: list[FieldError] = Field(
        default_factory=list, description="For bad input (422): each field at fault."
    )


# What each status means on this API, as /openapi.json says it.
MEANINGS: dict[int, str] = {
    400: "The body cannot be read: not valid JSON, or text that is not valid Unicode.",
    401: "No valid credentials: an API token (`Authorization: Bearer …`) or the admin UI's "
    "session is needed.",
    403: "Signed in with the admin UI's cookie, but without its CSRF token (`X-CSRF-Token`).",
    404: "Nothing with that id.",
    413: "The request body is larger than FRONTDESK_MAX_BODY_BYTES.",
    422: "Bad input: `detail` names the field, `errors` lists each one.",
    502: "A provider's API (e.g. Twilio's) failed.",
    503: "The database is unavailable right now; try again shortly.",
}


def documented(*statuses: int, **meanings: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: these statuses answer an `ErrorBody`. A route's own
    meaning of a status is given as `s404="No such chat session."`."""
    return {
        status: {
            "model": ErrorBody,
            "description": meanings.get(f"s{status}", MEANINGS.get(status, "An error.")),
        }
        for status in statuses
    }


def error_response(
    status: int,
    detail: str,
    errors: Iterable[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An error answer in the one shape (`errors` only when there are any)."""
    body: dict[str, Any] = {"detail": detail}
    listed = [{"field": e["field"], "message": e["message"]} for e in errors]
    if listed:
        body["errors"] = listed
    return JSONResponse(body, status_code=status, headers=dict(headers) if headers else None)


def invalid_field(message: str) -> JSONResponse:
    """A 422 from a `"field: problem"` message (what our own parsers raise)."""
    field, _, problem = message.partition(": ")
    return error_response(422, message, [{"field": field, "message": problem or message}])
