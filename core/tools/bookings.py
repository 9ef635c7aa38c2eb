"""Bookings in the database: an *expected* visit with a code, found again on arrival by
the code or the visitor's own name, cancelled or moved. Every write happens in the turn's
transaction together with the outbox row that tells the host, like a check-in.

Codes are ten digits ("482 913 5706", core/codes.py), unique among all visits; six-digit
codes made before are found the same way. A code finds its booking while the booking is
expected, and only then (`by_code`).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz
from sqlalchemy.ext.asyncio import AsyncSession

from core import codes
from core.directory.normalize import words
from core.flows.state import Conversation
from core.store.cards import BookingCard, FormerHost, HostCard
from core.store.directory import employee_card
from core.store.models import ConversationSession, Employee, Visit, utcnow
from core.store.office import OfficeSettings
from core.text.translit import latin
from core.tools import visits

NAME_MATCH = 85  # rapidfuzz token-sort score from which a said name is the booked one


async def _unused_code(db: AsyncSession) -> str:
    for _ in range(20):
        code = codes.new()
        if await db.scalar(sa.select(Visit.id).where(Visit.code == code)) is None:
            return code
    raise RuntimeError("no free booking code after 20 tries")  # 9 billion codes: unreachable


def split_contact(contact: str | None) -> tuple[str | None, str | None]:
    """(phone, email) from what the visitor gave."""
    if not contact:
        return None, None
    return (None, contact) if "@" in contact else (contact, None)


async def create(
    db: AsyncSession,
    conv: Conversation,
    expected_at: datetime,
    *,
    channel: str,
    session_id: str,
    notifier: str,
    timezone: str,
) -> tuple[int, str]:
    phone, email = split_contact(conv.slots.get("contact"))
    code = await _unused_code(db)
    visit = visits.from_conversation(
        conv,
        visits.confirmed_host(conv, "booking"),
        channel=channel,
        kind="visit",
        status="expected",
        purpose=conv.slots.get("purpose"),
        party_size=int(conv.slots.get("party_size") or 1),
        code=code,
        contact_phone=phone,
        contact_email=email,
        expected_at=expected_at,
    )
    await _write_booking(db, visit, "host_booking", session_id, notifier, timezone)
    return visit.id, code


async def card(db: AsyncSession, visit: Visit) -> BookingCard:
    """What a conversation keeps about a booking (JSON for the session's slots)."""
    employee = await db.get(Employee, visit.host_id) if visit.host_id else None
    host: HostCard | FormerHost = (
        employee_card(employee) if employee else {"id": visit.host_id, "name": visit.host_name}
    )
    return {
        "id": visit.id,
        "code": visit.code,
        "status": visit.status,
        "visitor_name": visit.visitor_name,
        "company": visit.company,
        "expected_at": visit.expected_at.isoformat() if visit.expected_at else None,
        "host": host,
    }


def _said(code: str) -> str:
    """`code` as any understanding gave it: grouped, or in words ("four eight two…")."""
    return codes.find(code) or "".join(c for c in code if c.isalnum()).upper()


async def by_code(db: AsyncSession, code: str) -> Visit | None:
    """The booking still expected with this code. A finished one (checked in, cancelled)
    is not found: its code is no key any more, and whoever holds it (it was on a screen, in
    a message, overheard) learns nothing of the visit from it, not even that it was one."""
    return await db.scalar(
        sa.select(Visit).where(
            Visit.code == _said(code), Visit.kind == "visit", Visit.status == "expected"
        )
    )


async def finished_here(db: AsyncSession, code: str, session_id: str) -> Visit | None:
    """The finished booking with this code that this conversation itself finished (its
    last visit: checked in or cancelled here), so that saying the code again tells it only
    what it already knows."""
    return await db.scalar(
        sa.select(Visit)
        .join(ConversationSession, ConversationSession.visit_id == Visit.id)
        .where(
            ConversationSession.id == session_id,
            Visit.code == _said(code),
            Visit.kind == "visit",
            Visit.status != "expected",
        )
    )


async def expected_on_day(db: AsyncSession, office: OfficeSettings, now: datetime) -> list[Visit]:
    """Bookings still expected on the office's calendar day of `now`."""
    return list((await db.scalars(_on_day(office, now))).all())


async def expected_for_host_on_day(
    db: AsyncSession, office: OfficeSettings, now: datetime, host_id: int | None
) -> list[Visit]:
    """That host's bookings still expected on the office's calendar day of `now` (None: those
    whose host has left the directory), chosen by the database rather than every booking of
    the day loaded and the others dropped."""
    query = _on_day(office, now).where(Visit.host_id == host_id)  # None: IS NULL
    return list((await db.scalars(query)).all())


def _on_day(office: OfficeSettings, now: datetime) -> sa.Select[Any]:
    start = datetime.combine(now.astimezone(office.zone).date(), time.min, tzinfo=office.zone)
    return (
        sa.select(Visit)
        .where(
            Visit.status == "expected",
            Visit.expected_at >= start,
            Visit.expected_at < start + timedelta(days=1),
        )
        .order_by(Visit.expected_at)
    )


async def expected_around(
    db: AsyncSession, office: OfficeSettings, now: datetime, days: int
) -> list[Visit]:
    """Bookings still expected within `days` calendar days either side of `now`'s day (on
    the office's calendar): a visitor who comes a day early or late is still recognised."""
    today = datetime.combine(now.astimezone(office.zone).date(), time.min, tzinfo=office.zone)
    rows = await db.scalars(
        sa.select(Visit)
        .where(
            Visit.status == "expected",
            Visit.expected_at >= today - timedelta(days=days),
            Visit.expected_at < today + timedelta(days=days + 1),
        )
        .order_by(Visit.expected_at)
    )
    return list(rows.all())


def _key(text: str) -> str:
    """A name in one comparable Latin form, whatever script it was typed or booked in."""
    return " ".join(latin(w) for w in words(text))


def matching(booked: list[Visit], name: str | None) -> list[Visit]:
    """The bookings whose visitor is this person, by name. A company alone finds none:
    anyone can say where a visitor works (`from_company` only counts wrong names for it)."""
    if not name:
        return []
    said = _key(name)
    return [
        v
        for v in booked
        if v.visitor_name and fuzz.token_sort_ratio(said, _key(v.visitor_name)) >= NAME_MATCH
    ]


def from_company(booked: list[Visit], company: str) -> list[Visit]:
    said = _key(company)
    return [v for v in booked if v.company and fuzz.ratio(said, _key(v.company)) >= NAME_MATCH]


async def arrive(
    db: AsyncSession, visit: Visit, *, session_id: str, notifier: str, timezone: str = "UTC"
) -> None:
    """The booked visitor is here: check them in, tell the host (that this is the visitor
    they booked, and for when), print the badge."""
    booked_for = visit.expected_at.isoformat() if visit.expected_at else None
    visit.status = "checked_in"
    visit.checked_in_at = utcnow()
    await visits.write(
        db,
        visit,
        notify="host_arrival",
        session_id=session_id,
        notifier=notifier,
        badge=True,
        booked=True,
        booked_for=booked_for,
        timezone=timezone,
    )


async def cancel(
    db: AsyncSession, visit: Visit, *, session_id: str, notifier: str, timezone: str
) -> None:
    visit.status = "cancelled"
    await _write_booking(db, visit, "host_booking_cancelled", session_id, notifier, timezone)


async def move(
    db: AsyncSession,
    visit: Visit,
    expected_at: datetime,
    *,
    session_id: str,
    notifier: str,
    timezone: str,
) -> None:
    old = visit.expected_at
    visit.expected_at = expected_at
    extra = {"previous_at": old.isoformat() if old else None}
    await _write_booking(db, visit, "host_booking_moved", session_id, notifier, timezone, extra)


async def _write_booking(
    db: AsyncSession,
    visit: Visit,
    notify: str,
    session_id: str,
    notifier: str,
    timezone: str,
    extra: dict[str, Any] | None = None,
) -> None:
    await visits.write(
        db,
        visit,
        notify=notify,
        session_id=session_id,
        notifier=notifier,
        expected_at=visit.expected_at.isoformat() if visit.expected_at else None,
        timezone=timezone,  # the host reads the time on the office's clock
        **(extra or {}),
    )
