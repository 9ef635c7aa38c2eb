from __future__ import annotations

import httpx


async def test_health_reports_embedded_providers(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["ok"] is True
    assert checks["database"]["provider"] in {"sqlite", "postgresql"}
    assert checks["understanding"] == {"ok": True, "provider": "rules"}
    assert checks["notifier"] == {"ok": True, "provider": "console"}


async def test_health_without_credentials_says_what_is_off(client: httpx.AsyncClient) -> None:
    checks = (await client.get("/health")).json()["checks"]
    assert checks["sms"] == {"ok": True, "provider": "off"}
    assert checks["slack_events"] == {"ok": True, "provider": "off"}
    assert checks["badges"]["provider"] == "pdf"
    response = await client.post("/slack/events", content=b"{}")
    assert response.status_code == 404 and "SLACK_SIGNING_SECRET" in response.json()["detail"]
    # Without Twilio's auth token nothing can be verified, so no SMS is taken in.
    assert (await client.post("/twilio/sms", data={"From": "+1555"})).status_code == 403
