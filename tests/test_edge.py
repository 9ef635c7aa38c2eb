"""web.edge: every answer carries its request's id and the security headers of its kind of
page, once each, whichever inner layer answered (the route, the body limits, the router)."""

from __future__ import annotations

import re

import httpx


def assert_edge_headers(response: httpx.Response) -> str:
    rid = response.headers["x-request-id"]
    assert re.fullmatch(r"r-[0-9a-f]{12}", rid)
    assert response.headers.get_list("x-request-id") == [rid]
    assert response.headers.get_list("content-security-policy") == [
        response.headers["content-security-policy"]
    ]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    return rid


async def test_each_answer_has_its_own_request_id_and_the_headers(
    client: httpx.AsyncClient,
) -> None:
    opened = await client.post("/api/chat/sessions", json={})
    assert opened.status_code == 201
    session_id = opened.json()["session_id"]
    turn = await client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hi"})
    assert turn.status_code == 200
    refused = await client.post(
        f"/api/chat/sessions/{session_id}/messages",
        content=b'{"text": "\\ud800"}',
        headers={"content-type": "application/json"},
    )
    assert refused.status_code == 400
    missing = await client.get("/no/such/page")
    assert missing.status_code == 404
    ids = [assert_edge_headers(r) for r in (opened, turn, refused, missing)]
    assert len(set(ids)) == len(ids)
