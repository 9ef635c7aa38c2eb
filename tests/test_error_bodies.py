"""Every error body has the one documented shape (web/api_errors.py), whoever answers it —
a route, FastAPI's validation, the router, the request limits — and /openapi.json says so.
The exhaustive check is schemathesis (tests/test_openapi_conformance.py); these are the
fast, named cases."""

from __future__ import annotations

from typing import Any

import httpx

from web.api_errors import ErrorBody


def _error(response: httpx.Response, status: int) -> ErrorBody:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    return ErrorBody.model_validate_json(response.content, strict=True)


async def test_errors_from_every_source_have_one_shape(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    bad = await client.post("/api/chat/sessions", json={"language": "fr"})
    body = _error(bad, 422)
    assert body.errors[0].field == "language" and body.detail.startswith("language: ")

    assert _error(await client.get("/api/admin/visits"), 401).detail
    assert _error(await client.get("/api/admin/visits/99/badge", headers=auth), 404).errors == []
    assert _error(await client.get("/no/such/route"), 404).detail == "Not Found"
    assert _error(await client.delete("/api/chat/sessions"), 405).detail
    unknown = await client.post("/api/chat/sessions/nope/messages", json={"text": "hi"})
    assert _error(unknown, 404).detail == "No such chat session."
    not_json = await client.post(
        "/api/chat/sessions", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert _error(not_json, 422).detail == "body: is not valid JSON"
    not_utf8 = await client.post(
        "/api/chat/sessions",
        content=b'{"language": "\xff"}',
        headers={"Content-Type": "application/json"},
    )
    assert _error(not_utf8, 400).detail
    surrogate = await client.post(
        "/api/chat/sessions/x/messages",
        content=b'{"text": "\\ud800"}',
        headers={"Content-Type": "application/json"},
    )
    assert "Unicode" in _error(surrogate, 400).detail
    huge = await client.post("/api/chat/sessions", content=b"x" * 3_000_000)
    assert "too large" in _error(huge, 413).detail
    call = await client.post(
        "/api/admin/calls", json={"to": "nonsense", "purpose": "hi"}, headers=auth
    )
    assert _error(call, 422).errors[0].field == "to"


async def test_the_document_promises_that_shape(client: httpx.AsyncClient) -> None:
    document: dict[str, Any] = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ErrorBody" in schemas
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if "422" in responses:
                [schema] = [c["schema"] for c in responses["422"]["content"].values()]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path)
            if method == "post":
                assert {"400", "413"} <= set(responses), (method, path)
    admin = document["paths"]["/api/admin/visits"]["get"]["responses"]
    assert {"401", "403"} <= set(admin)
    events = document["paths"]["/api/chat/sessions/{session_id}/events"]["get"]["responses"]
    assert list(events["200"]["content"]) == ["text/event-stream"]
    assert "itemSchema" in events["200"]["content"]["text/event-stream"]
    sms = document["paths"]["/twilio/sms"]["post"]
    assert list(sms["responses"]["200"]["content"]) == ["text/xml"]
    assert list(sms["requestBody"]["content"]) == ["application/x-www-form-urlencoded"]
