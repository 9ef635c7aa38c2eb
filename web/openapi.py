"""/openapi.json as this app answers, not only as its route functions say.

FastAPI documents what a route function declares. Some answers come from elsewhere, for
every route alike, and are added here once:

- bad input: 422 with our `ErrorBody` (web.errors), in place of FastAPI's
  `HTTPValidationError`, which this app never sends;
- a body that cannot be read (400: not JSON, or a lone surrogate — web.request_limits and
  FastAPI's parser) or is too large (413), on every operation that takes a body;
- the database unavailable (503, web.errors), on every operation.

Checked by tests/test_openapi_conformance.py, which runs schemathesis against a server.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from web.api_errors import MEANINGS, ErrorBody

REF = "#/components/schemas/"
FASTAPI_VALIDATION = (REF + "HTTPValidationError", REF + "ValidationError")
BODY_METHODS = frozenset({"post", "put", "patch"})


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = with_error_answers(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override


def _error(status: int) -> dict[str, Any]:
    return {
        "description": MEANINGS[status],
        "content": {"application/json": {"schema": {"$ref": REF + "ErrorBody"}}},
    }


def with_error_answers(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in (
        ErrorBody.model_json_schema(ref_template=REF + "{model}").pop("$defs", {}).items()
    ):
        components.setdefault(name, definition)
    components.setdefault("ErrorBody", _error_body_schema())
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            if _is_fastapi_validation(responses.get("422")):
                responses["422"] = _error(422)
            statuses = [503]
            if method in BODY_METHODS:
                statuses += [400, 413]
            for status in statuses:
                responses.setdefault(str(status), _error(status))
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema


def _error_body_schema() -> dict[str, Any]:
    body = ErrorBody.model_json_schema(ref_template=REF + "{model}")
    body.pop("$defs", None)
    return body


def _is_fastapi_validation(response: dict[str, Any] | None) -> bool:
    if response is None:
        return False
    schemas = [c.get("schema", {}) for c in response.get("content", {}).values()]
    return any(s.get("$ref") in FASTAPI_VALIDATION for s in schemas)
