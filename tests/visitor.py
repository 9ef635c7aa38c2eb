"""A scripted web visitor: talks to the real app through the contract's HTTP routes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx


def parse_sse(body: str) -> list[tuple[str, Any]]:
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


@dataclass
class Visitor:
    client: httpx.AsyncClient
    session_id: str
    replies: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    async def arrive(cls, client: httpx.AsyncClient, language: str | None = None) -> Visitor:
        body = {"language": language} if language else {}
        response = await client.post("/api/chat/sessions", json=body)
        assert response.status_code == 201, response.text
        return cls(client, response.json()["session_id"])

    async def say(self, text: str, *, stream: bool = False) -> dict[str, Any]:
        url = f"/api/chat/sessions/{self.session_id}/messages"
        if not stream:
            response = await self.client.post(
                url, json={"text": text}, headers={"Accept": "application/json"}
            )
            assert response.status_code == 200, response.text
            reply: dict[str, Any] = response.json()
        else:
            response = await self.client.post(
                url, json={"text": text}, headers={"Accept": "text/event-stream"}
            )
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("text/event-stream")
            events = parse_sse(response.text)
            names = [name for name, _ in events]
            assert names[-2:] == ["message", "done"], names
            assert set(names[:-2]) <= {"delta"} and names.count("delta") >= 1, names
            reply = events[-2][1]
            streamed = "".join(data["text"] for name, data in events if name == "delta")
            assert streamed == reply["reply"]
        assert set(reply) >= {"reply", "language", "state", "expecting", "done"}
        self.replies.append(reply)
        return reply
