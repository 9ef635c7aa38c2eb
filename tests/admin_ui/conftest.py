"""An admin account and a signed-in HTTP client for the admin UI."""

from __future__ import annotations

import re

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from core.store.models import AdminUser

EMAIL, PASSWORD = "manager@example.com", "correct horse battery"


@pytest.fixture
async def admin_user(app: FastAPI) -> str:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        db.add(AdminUser(email=EMAIL, password_hash=PasswordHasher().hash(PASSWORD)))
    return EMAIL


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, password: str = PASSWORD) -> httpx.Response:
    form = await client.get("/admin/login")
    return await client.post(
        "/admin/login",
        data={"email": EMAIL, "password": password, "csrf": csrf_of(form.text), "next": ""},
    )


@pytest.fixture
async def signed_in(client: httpx.AsyncClient, admin_user: str) -> str:
    """Signs the shared client in; returns the CSRF token of the session."""
    response = await sign_in(client)
    assert response.status_code == 303, response.text
    page = await client.get("/admin/today")
    assert page.status_code == 200
    return csrf_of(page.text)
