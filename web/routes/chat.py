"""The web chat: the contract's session, message and event routes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, field_validator
from sse_starlette import EventSourceResponse, ServerSentEvent

from core.agent import UnknownSession
from core.messages import WEB_STYLE, Filler, Final, Inbound, ReplyEvent, Sentence, final_reply
from core.replies import Say, render
from core.store.event_signals import SAFETY_SECONDS
from core.store.sessions import EVENTS_PER_LOOK, events_after
from frontdesk.runtime import Runtime
from web.api_errors import documented
from web.client_address import client_host
from web.deps import RuntimeDep
from web.i18n import Words, remember, ui_language
from web.routes.chat_schema import (
    LATER_EVENT,
    SSE,
    TURN_EVENTS,
    ChatReply,
    SessionOpened,
    sse_content,
    sse_response,
)

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
LANGUAGE_NAMES = (("en", "English"), ("et", "Eesti"), ("ru", "Русский"))
MAX_TEXT = 2000
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class NewSession(BaseModel):
    language: Literal["en", "et", "ru"] | None = None


class NewMessage(BaseModel):
    text: str = Field(description="What the visitor typed.")

    @field_validator("text")
    @classmethod
    def _clean(cls, value: str) -> str:
        value = _CONTROL.sub(" ", unicodedata.normalize("NFC", value)).strip()
        if not value:
            raise ValueError("must not be empty")
        if len(value) > MAX_TEXT:
            raise ValueError(f"is too long: at most {MAX_TEXT} characters, got {len(value)}")
        return value


NO_SESSION_DETAIL = "No such chat session."
NO_SESSION = HTTPException(status_code=404, detail=NO_SESSION_DETAIL)


def _require_token_shape(session_id: str) -> None:
    # Ids are URL-safe tokens: anything else cannot be a session (and must not reach the
    # database, where a NUL byte is an error of its own).
    if not _SESSION_ID.fullmatch(session_id):
        raise NO_SESSION


async def _require_session(runtime: Runtime, session_id: str) -> None:
    _require_token_shape(session_id)
    if not await runtime.agent.session_exists(session_id, "web"):
        raise NO_SESSION


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def chat_page(request: Request) -> HTMLResponse:
    lang = ui_language(request)
    context = {"lang": lang, "t": Words(lang), "languages": LANGUAGE_NAMES}
    response = templates.TemplateResponse(request, "chat.html", context)
    remember(request, response)
    return response


@router.post("/api/chat/sessions", status_code=201, response_model=SessionOpened)
async def create_session(
    runtime: RuntimeDep, body: Annotated[NewSession | None, Body()] = None
) -> dict[str, str]:
    language = body.language if body else None
    session_id = await runtime.agent.open_session("web", language=language)
    greeting = render(Say("welcome"), language or runtime.settings.default_language, WEB_STYLE)
    return {"session_id": session_id, "greeting": greeting}


@router.post(
    "/api/chat/sessions/{session_id}/messages",
    response_model=None,
    responses={
        200: {
            "model": ChatReply,
            "description": "The reply object; with `Accept: text/event-stream`, an SSE stream "
            'instead: `delta` events `{"text"}`, one `message` event (the reply object), '
            "then `done`.",
            "content": sse_content(*TURN_EVENTS),
        },
        **documented(
            404,
            503,
            s404=NO_SESSION_DETAIL,
            s503="The turn ended without a reply, or the database is unavailable.",
        ),
    },
)
async def post_message(
    session_id: str,
    body: NewMessage,
    request: Request,
    accept: Annotated[str, Header()] = "application/json",
) -> JSONResponse | EventSourceResponse:
    # The runtime straight from the app, not through RuntimeDep: the busiest route of all
    # saves a dependency to solve on every turn.
    runtime: Runtime = request.app.state.runtime
    _require_token_shape(session_id)  # the agent itself says when a session is unknown
    inbound = Inbound(
        text=body.text,
        channel="web",
        session_key=session_id,
        session_opened=True,
        meta={"client": client_host(request.scope)},  # limits wrong booking codes per client
    )
    events = runtime.agent.turn(inbound, WEB_STYLE)
    # Pull the first event before answering, so a failure becomes a status code rather
    # than a broken stream.
    first = await _first(events)
    if SSE in accept:
        return EventSourceResponse(_sse(first, events), ping=15)
    final = await final_reply(events, first)
    if final is None:
        raise HTTPException(status_code=503, detail="The turn ended without a reply.")
    return JSONResponse(final.as_dict())


async def _first(events: AsyncIterator[ReplyEvent]) -> ReplyEvent | None:
    try:
        return await anext(events)
    except UnknownSession:
        raise NO_SESSION from None
    except StopAsyncIteration:
        return None


async def _sse(
    first: ReplyEvent | None, events: AsyncIterator[ReplyEvent]
) -> AsyncIterator[ServerSentEvent]:
    async def all_events() -> AsyncIterator[ReplyEvent]:
        if first is not None:
            yield first
        async for event in events:
            yield event

    spoken_so_far = 0
    async for event in all_events():
        match event:
            case Sentence(text=text):
                chunk = text if spoken_so_far == 0 else " " + text
                spoken_so_far += 1
                yield ServerSentEvent(
                    event="delta", data=json.dumps({"text": chunk}, ensure_ascii=False)
                )
            case Final(reply=reply):
                yield ServerSentEvent(
                    event="message", data=json.dumps(reply.as_dict(), ensure_ascii=False)
                )
            case Filler():
                pass  # a web visitor sees the reply arrive; no filler needed
    yield ServerSentEvent(event="done", data="{}")


@router.get(
    "/api/chat/sessions/{session_id}/events",
    response_class=EventSourceResponse,
    responses={
        200: sse_response(
            "An endless SSE stream of what the receptionist says later (e.g. the host is on "
            "the way): each event has an `id` (send it back as `Last-Event-ID` to resume), "
            "a kind as `event` and a JSON object as `data`.",
            LATER_EVENT,
        ),
        **documented(404, s404=NO_SESSION_DETAIL),
    },
)
async def session_events(
    session_id: str,
    request: Request,
    runtime: RuntimeDep,
    last_event_id: Annotated[str | None, Header()] = None,
) -> EventSourceResponse:
    await _require_session(runtime, session_id)
    after = int(last_event_id) if last_event_id and last_event_id.isdigit() else 0

    async def stream() -> AsyncIterator[ServerSentEvent]:
        nonlocal after
        with runtime.signals.subscribe(session_id) as woken:
            while not await request.is_disconnected():
                woken.clear()  # before looking: a wake-up from now on is not missed
                async with runtime.sessionmaker() as db:
                    rows = await events_after(db, session_id, after)
                for row in rows:
                    after = row.id
                    yield ServerSentEvent(
                        id=str(row.id),
                        event=row.kind,
                        data=json.dumps(row.payload, ensure_ascii=False),
                    )
                if len(rows) < EVENTS_PER_LOOK:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(woken.wait(), timeout=SAFETY_SECONDS)

    return EventSourceResponse(stream(), ping=15)
