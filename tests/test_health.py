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
