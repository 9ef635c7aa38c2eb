"""No route answers 500 to any input: a bounded barrage of odd requests."""

from __future__ import annotations

import random
from urllib.parse import quote

import httpx
import pytest

from tests.visitor import Visitor

ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "💥" * 50,
    "a" * 5000,
    "<script>",
    "' OR 1=1 --",
    "../../etc",
    "%00",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "Ивану Петрову" * 40,
    "null",
    "{}",
    "[]",
    "-1",
    "1e309",
]
ODD_JSON: list[object] = [
    None,
    0,
    -1,
    1.5,
    True,
    [],
    {},
    {"text": 5},
    {"text": {"a": 1}},
    {"language": []},
    {"text": "hi", "extra": "x" * 1000},
    "text",
    [{"text": "hi"}],
]


@pytest.mark.parametrize("seed", [1, 2])
async def test_odd_requests_never_500(
    client: httpx.AsyncClient, auth: dict[str, str], seed: int
) -> None:
    rng = random.Random(seed)
    visitor = await Visitor.arrive(client, "en")
    sid = visitor.session_id
    for _ in range(60):
        s = rng.choice(ODD_STRINGS)
        body = rng.choice(ODD_JSON)
        requests = [
            client.post("/api/chat/sessions", json=body),
            client.post(f"/api/chat/sessions/{sid}/messages", json=body),
            client.post(f"/api/chat/sessions/{sid}/messages", json={"text": s}),
            client.post(
                f"/api/chat/sessions/{quote(s or 'x', safe='')}/messages", json={"text": "hi"}
            ),
            client.post(
                f"/api/chat/sessions/{sid}/messages",
                content=s.encode(),
                headers={"Content-Type": "application/json"},
            ),
            client.get("/api/admin/directory/search", params={"q": s}, headers=auth),
            client.get("/api/admin/visits", params={"status": s, "since": s}, headers=auth),
            client.get("/api/admin/visits", params={"limit": s}, headers=auth),
        ]
        for request in requests:
            response = await request
            assert response.status_code < 500, (response.request.url, response.text)
