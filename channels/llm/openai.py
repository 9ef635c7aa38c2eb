"""OpenAI's Chat Completions API through the official SDK: one forced function call."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import openai

from core.understanding.llm import TOOL_NAME


class OpenAIBackend:
    name = "openai"

    def __init__(self, api_key: str, *, model: str, base_url: str | None = None) -> None:
        self._client = openai.AsyncOpenAI(api_key=api_key, base_url=base_url, max_retries=1)
        self._model = model

    async def call_tool(
        self, system: str, user: str, tool_schema: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        completion = await self._client.chat.completions.create(
            model=self._model,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": TOOL_NAME,
                        "description": "Report what the message means.",
                        "parameters": dict(tool_schema),
                    },
                }
            ],
            tool_choice={"type": "function", "function": {"name": TOOL_NAME}},
            temperature=0,
        )
        for call in completion.choices[0].message.tool_calls or []:
            if call.type == "function" and call.function.name == TOOL_NAME:
                data = json.loads(call.function.arguments)
                if isinstance(data, dict):
                    return data
        raise ValueError("the model did not call the interpret tool")

    async def close(self) -> None:
        await self._client.close()
