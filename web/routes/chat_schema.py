"""The chat API's answers as /openapi.json shows them: the reply object, a new session, and
the two event streams (`text/event-stream`) described event by event, as OpenAPI 3.2's
`itemSchema` does (FastAPI's own SSE routes write the same shape), so a client — and
schemathesis in tests/test_openapi_conformance.py — can check each event's `data`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

SSE = "text/event-stream"


class ChatReply(BaseModel):
    """The contract's reply object (core.messages.Reply), as /openapi.json shows it."""

    reply: str
    language: Literal["en", "et", "ru"]
    state: str = Field(description="Where the conversation is, e.g. `identify_host`.")
    expecting: str | None = Field(description="What the receptionist waits for, if anything.")
    done: bool = Field(description="The conversation reached an end.")


class SessionOpened(BaseModel):
    session_id: str
    greeting: str = Field(description="The receptionist's first words, to show at once.")


def event_schema(kind: dict[str, Any], data: dict[str, Any], **more: Any) -> dict[str, Any]:
    """One kind of SSE event as OpenAPI 3.2's `itemSchema` describes it (FastAPI's own SSE
    routes write the same): the event's fields, its `data` a JSON text of the given shape."""
    data_field = {"type": "string", "contentMediaType": "application/json", "contentSchema": data}
    return {
        "type": "object",
        "properties": {"event": kind, "data": data_field, **more},
        "required": ["event", "data", *more],
    }


def sse_content(*events: dict[str, Any]) -> dict[str, Any]:
    """A response's `content` for a stream of these kinds of event."""
    item = events[0] if len(events) == 1 else {"oneOf": list(events)}
    return {SSE: {"itemSchema": item}}


def sse_response(description: str, *events: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": sse_content(*events)}


TURN_EVENTS = (
    event_schema(
        {"const": "delta"},
        {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
    ),
    event_schema({"const": "message"}, {"$ref": "#/components/schemas/ChatReply"}),
    event_schema({"const": "done"}, {"type": "object"}),
)
LATER_EVENT = event_schema(
    {"type": "string", "description": "What kind of message, e.g. `host_response`."},
    {"type": "object"},
    id={"type": "string", "pattern": "^[0-9]+$"},
)
