"""`POST /api/admin/calls` and `GET /api/admin/calls/{sid}`: success and every refusal."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from frontdesk.runtime import Providers
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import Running, twilio, twilio_settings
from tests.standins.server import Failure
from tests.standins.twilio_api import CALLS_CREATE, CALLS_FETCH
from web.app import create_app

__all__ = ["twilio"]

NUMBER = "+3725551234"


@pytest.fixture
def settings(db_url: str, tmp_path: Path, twilio: Running) -> Settings:
    return make_settings(db_url, tmp_path, **twilio_settings(twilio.url))


async def test_place_a_call_and_read_its_status(
    client: httpx.AsyncClient, auth: dict[str, str], twilio: Running
) -> None:
    response = await client.post(
        "/api/admin/calls",
        json={"to": "+372 555 1234", "purpose": "Your parcel is here."},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body == {
        "sid": body["sid"],
        "to": NUMBER,
        "status": "queued",
        "purpose": "Your parcel is here.",
    }
    call = twilio.api.calls[body["sid"]]
    says = ET.fromstring(call.twiml or "").findall("Say")
    assert says[0].text == "Hello, this is a call from the front desk. Your parcel is here."

    twilio.api.set_status(body["sid"], "completed")
    response = await client.get(f"/api/admin/calls/{body['sid']}", headers=auth)
    assert response.status_code == 200
    assert response.json() == {**body, "status": "completed"}


async def test_admin_auth_is_required(client: httpx.AsyncClient, twilio: Running) -> None:
    response = await client.post("/api/admin/calls", json={"to": NUMBER, "purpose": "hi"})
    assert response.status_code == 401
    response = await client.get("/api/admin/calls/CA" + "0" * 32)
    assert response.status_code == 401
    assert twilio.api.calls == {}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "5551234", "purpose": "hi"}, "to"),
        ({"to": "call me", "purpose": "hi"}, "to"),
        ({"to": "", "purpose": "hi"}, "to"),
        ({"to": 3725551234, "purpose": "hi"}, "to"),
        ({"purpose": "hi"}, "to"),
        ({"to": NUMBER}, "purpose"),
        ({"to": NUMBER, "purpose": ""}, "purpose"),
        ({"to": NUMBER, "purpose": "   "}, "purpose"),
        ({"to": NUMBER, "purpose": "x" * 501}, "purpose"),
        ({"to": NUMBER, "purpose": "hi", "when": "now"}, "when"),
    ],
)
async def test_bad_input_names_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], twilio: Running, body: object, field: str
) -> None:
    response = await client.post("/api/admin/calls", json=body, headers=auth)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert field in response.json()["detail"]
    assert twilio.api.calls == {}


@pytest.mark.parametrize("body", [None, [], "text", 5])
async def test_a_body_that_is_not_an_object(
    client: httpx.AsyncClient, auth: dict[str, str], body: object
) -> None:
    response = await client.post("/api/admin/calls", json=body, headers=auth)
    assert response.status_code == 422


@pytest.mark.parametrize("sid", ["nope", "CA123", "SM" + "0" * 32, "CA" + "g" * 32])
async def test_a_bad_sid_names_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], sid: str
) -> None:
    response = await client.get(f"/api/admin/calls/{sid}", headers=auth)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sid"


async def test_an_unknown_call_is_404(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    response = await client.get("/api/admin/calls/CA" + "e" * 32, headers=auth)
    assert response.status_code == 404
    assert "Twilio has no call" in response.json()["detail"]


@pytest.mark.parametrize("failure", [Failure(500), Failure(429, retry_after=1), Failure(401)])
async def test_twilio_failing_is_502_naming_twilio(
    client: httpx.AsyncClient, auth: dict[str, str], twilio: Running, failure: Failure
) -> None:
    twilio.api.script.fail(CALLS_CREATE, failure)
    response = await client.post(
        "/api/admin/calls", json={"to": NUMBER, "purpose": "hi"}, headers=auth
    )
    assert response.status_code == 502
    assert "Twilio" in response.json()["detail"]
    twilio.api.script.fail(CALLS_FETCH, failure)
    response = await client.get("/api/admin/calls/CA" + "0" * 32, headers=auth)
    assert response.status_code == 502
    assert "Twilio" in response.json()["detail"]


@pytest.fixture
async def no_twilio(db_url: str, tmp_path: Path) -> AsyncIterator[FastAPI]:
    app = create_app(make_settings(db_url, tmp_path), Providers())
    async with app.router.lifespan_context(app):
        yield app


async def test_without_twilio_it_is_503_saying_what_to_set(no_twilio: FastAPI, db_url: str) -> None:
    from core.store.auth import hash_token
    from core.store.models import ApiToken

    async with no_twilio.state.runtime.sessionmaker() as db, db.begin():
        db.add(ApiToken(name="t", token_hash=hash_token("fd_test_token"), prefix="fd_test_to"))
    headers = {"Authorization": "Bearer fd_test_token"}
    transport = httpx.ASGITransport(app=no_twilio)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post(
            "/api/admin/calls", json={"to": NUMBER, "purpose": "hi"}, headers=headers
        )
        assert response.status_code == 503
        assert "TWILIO_ACCOUNT_SID" in response.json()["detail"]
        response = await client.get("/api/admin/calls/CA" + "0" * 32, headers=headers)
        assert response.status_code == 503


async def test_without_a_phone_number_it_is_503(
    db_url: str, tmp_path: Path, twilio: Running
) -> None:
    values = twilio_settings(twilio.url)
    del values["twilio_phone_number"]
    app = create_app(make_settings(db_url, tmp_path, **values), Providers())
    async with app.router.lifespan_context(app):
        from core.store.auth import hash_token
        from core.store.models import ApiToken

        async with app.state.runtime.sessionmaker() as db, db.begin():
            db.add(ApiToken(name="t", token_hash=hash_token("fd_test_token"), prefix="fd_test_to"))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.post(
                "/api/admin/calls",
                json={"to": NUMBER, "purpose": "hi"},
                headers={"Authorization": "Bearer fd_test_token"},
            )
    assert response.status_code == 503
    assert "TWILIO_PHONE_NUMBER" in response.json()["detail"]
    assert twilio.api.calls == {}
