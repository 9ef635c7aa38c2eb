"""Booking tests talk to the real app; the office is open every day so that relative days
("homme", "в пятницу") are bookable whatever day the suite runs on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.store.models import Employee, Notification, Visit
from core.store.office import OfficeSettings, save_office

ALWAYS_OPEN = "Mon-Sun 07:00-20:00"
TALLINN = ZoneInfo("Europe/Tallinn")


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


async def seed_booking(
    app: FastAPI,
    *,
    name: str,
    host: str,
    at: datetime,
    company: str | None = None,
    code: str = "482913",
) -> int:
    """An expected visit as the booking flow leaves it (for arrival and change tests)."""
    async with app.state.runtime.sessionmaker() as db, db.begin():
        employee = await db.scalar(sa.select(Employee).where(Employee.name == host))
        assert employee is not None
        visit = Visit(
            kind="visit",
            status="expected",
            visitor_name=name,
            company=company,
            purpose="Demo",
            host_id=employee.id,
            host_name=employee.name,
            channel="web",
            language="en",
            code=code,
            contact_email="guest@example.com",
            expected_at=at,
        )
        db.add(visit)
        await db.flush()
        return visit.id


def later_today(hours: int = 1) -> datetime:
    """A moment later today on the office's clock (or just before midnight, late at night)."""
    now = datetime.now(TALLINN)
    end = now.replace(hour=23, minute=59, second=0, microsecond=0)
    return min(now + timedelta(hours=hours), end)
