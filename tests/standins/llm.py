"""Local stand-ins for Anthropic's Messages API and OpenAI's Chat Completions API: the
same routes, headers and JSON shapes the official SDKs send and expect, on loopback."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

_VISITOR = re.compile(r"<visitor_text>(.*)</visitor_text>", re.DOTALL)


@dataclass
class ScriptedModel:
    """Answers by the visitor's text; `failure` makes every call fail that way."""

    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    failure: str | None = None  # "500", "slow", "no_tool"
    requests: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, user_content: str) -> dict[str, Any]:
        match = _VISITOR.search(user_content)
        text = match.group(1) if match else ""
        return self.answers.get(text, {"intent": "unknown"})


def anthropic_app(model: ScriptedModel, api_key: str) -> Starlette:
    async def messages(request: Request) -> JSONResponse:
        # The API takes the key as x-api-key; newer SDKs send it as a Bearer token.
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if api_key not in (request.headers.get("x-api-key"), bearer):
            return JSONResponse(
                {
                    "type": "error",
                    "error": {"type": "authentication_error", "message": "invalid x-api-key"},
                },
                401,
            )
        if not request.headers.get("anthropic-version"):
            return JSONResponse(
                {
                    "type": "error",
                    "error": {"type": "invalid_request_error", "message": "anthropic-version"},
                },
                400,
            )
        body = await request.json()
        model.requests.append(body)
        if model.failure == "500":
            return JSONResponse(
                {"type": "error", "error": {"type": "api_error", "message": "Internal"}}, 500
            )
        if model.failure == "slow":
            await asyncio.sleep(2)
        tool = body["tool_choice"]["name"]
        content: list[dict[str, Any]] = [{"type": "text", "text": "Sure."}]
        if model.failure != "no_tool":
            content.append(
                {
                    "type": "tool_use",
                    "id": "toolu_01",
                    "name": tool,
                    "input": model.answer(body["messages"][-1]["content"]),
                }
            )
        return JSONResponse(
            {
                "id": "msg_01",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": content,
                "stop_reason": "tool_use",
                "stop_sequence": None,
                "usage": {"input_tokens": 100, "output_tokens": 20},
            }
        )

    return Starlette(routes=[Route("/v1/messages", messages, methods=["POST"])])


def openai_app(model: ScriptedModel, api_key: str) -> Starlette:
    async def completions(request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {api_key}":
            return JSONResponse(
                {"error": {"message": "Incorrect API key", "type": "invalid_request_error"}}, 401
            )
        body = await request.json()
        model.requests.append(body)
        if model.failure == "500":
            return JSONResponse({"error": {"message": "server error", "type": "server_error"}}, 500)
        if model.failure == "slow":
            await asyncio.sleep(2)
        name = body["tool_choice"]["function"]["name"]
        calls = (
            []
            if model.failure == "no_tool"
            else [
                {
                    "id": "call_01",
                    "type": "function",
                    "function": {
                        "name": name,
                        "arguments": json.dumps(model.answer(body["messages"][-1]["content"])),
                    },
                }
            ]
        )
        return JSONResponse(
            {
                "id": "chatcmpl-01",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "tool_calls",
                        "message": {
                            "role": "assistant",
                            "content": None,
                            "tool_calls": calls or None,
                        },
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
            }
        )

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])
