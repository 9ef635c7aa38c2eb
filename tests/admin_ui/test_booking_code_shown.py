"""The admin UI shows a booking code the way the visitor was given it, in groups."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from core.store.models import Visit, utcnow


async def test_a_visit_page_shows_its_code_in_groups(
    client: httpx.AsyncClient, app: FastAPI, signed_in: str
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        visit = Visit(
            kind="visit",
            status="expected",
            visitor_name="Tom Baker",
            host_name="Priya Patel",
            channel="web",
            language="en",
            code="4829135706",
            expected_at=utcnow() + timedelta(days=2),
        )
        db.add(visit)
        await db.flush()
        visit_id = visit.id
    page = await client.get(f"/admin/visits/{visit_id}")
    assert page.status_code == 200 and "482 913 5706" in page.text
