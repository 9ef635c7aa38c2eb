"""Booking tests talk to the real app; the office is open every day so that relative days
("homme", "в пятницу") are bookable whatever day the suite runs on."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import Notification, Visit
from core.store.office import OfficeSettings, save_office

ALWAYS_OPEN = "Mon-Sun 07:00-20:00"


@pytest.fixture
async def office(app: FastAPI, demo_directory: None) -> OfficeSettings:
    office = OfficeSettings(opening_hours=ALWAYS_OPEN, timezone="Europe/Tallinn")
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await save_office(db, office)
    return office


async def visits(app: FastAPI) -> list[Visit]:
    async with app.state.runtime.sessionmaker() as db:
        return list((await db.scalars(sa.select(Visit).order_by(Visit.id))).all())


async def notifications(app: FastAPI) -> list[dict[str, Any]]:
    async with app.state.runtime.sessionmaker() as db:
        rows = (await db.scalars(sa.select(Notification).order_by(Notification.id))).all()
        return [{"kind": n.kind, "host_id": n.host_id, "payload": n.payload} for n in rows]
