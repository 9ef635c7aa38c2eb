"""Anthropic's Messages API through the official SDK: one forced tool call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anthropic

from core.understanding.llm import TOOL_NAME


class AnthropicBackend:
    name = "anthropic"

    def __init__(self, api_key: str, *, model: str, base_url: str | None = None) -> None:
        self._client = anthropic.AsyncAnthropic(api_key=api_key, base_url=base_url, max_retries=1)
        self._model = model

    async def call_tool(
        self, system: str, user: str, tool_schema: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        message = await self._client.messages.create(
            model=self._model,
            max_tokens=400,
            system=system,
            messages=[{"role": "user", "content": user}],
            tools=[
                {
                    "name": TOOL_NAME,
                    "description": "Report what the message means.",
                    "input_schema": dict(tool_schema),
                }
            ],
            tool_choice={"type": "tool", "name": TOOL_NAME},
        )
        for block in message.content:
            if block.type == "tool_use" and block.name == TOOL_NAME:
                return dict(block.input)
        raise ValueError("the model did not call the interpret tool")

    async def close(self) -> None:
        await self._client.close()
