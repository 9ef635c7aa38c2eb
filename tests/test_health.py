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


async def test_the_public_is_told_ok_and_providers_and_an_admin_the_details(
    live_server: str, admin_token: str
) -> None:
    """Over real HTTP: no revision, paths, labels or errors without admin credentials."""
    async with httpx.AsyncClient(base_url=live_server) as anyone:
        public = (await anyone.get("/health")).json()
        admin = (
            await anyone.get("/health", headers={"Authorization": f"Bearer {admin_token}"})
        ).json()
        forged = (await anyone.get("/health", headers={"Authorization": "Bearer nope"})).json()
    assert public["status"] == admin["status"] == "ok"
    assert set(public["checks"]) == set(admin["checks"])
    for check in public["checks"].values():
        assert set(check) == {"ok", "provider"}
    assert forged == public
    assert admin["checks"]["database"]["revision"]  # the details, for an admin
    assert "models_dir" in admin["checks"]["stt"] and "label" in admin["checks"]["badges"]
    text = str(public)
    assert "revision" not in text and "/" not in text.replace("ok/", "")
