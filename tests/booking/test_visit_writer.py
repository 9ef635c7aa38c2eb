"""One visit writer: a check-in, a booking and a booked visitor's arrival each write the visit
and queue its notification (and badge) through `core.tools.visits.write`, so the host is told
the same facts whichever way the visitor came."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.flows.state import Conversation, State, slots_from_json
from core.store import sessions
from core.store.directory import employee_card
from core.store.models import Badge, Employee, Notification, Visit
from core.tools import bookings, visits

FACTS = {"visitor_name", "company", "purpose", "party_size", "department", "language", "channel"}


def _conversation(host: Employee, **slots: object) -> Conversation:
    conv = Conversation(state=State.NOTIFY_HOST, expecting=None, language="et")
    conv.slots = slots_from_json({"host": employee_card(host), "host_confirmed": True, **slots})
    conv.slots |= {"visitor_name": "Tom Baker", "company": "Acme", "purpose": "Demo"}
    return conv


async def test_check_in_booking_and_arrival_queue_the_same_facts(
    app: FastAPI, demo_directory: None
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        host = await db.scalar(sa.select(Employee).where(Employee.name == "Priya Patel"))
        assert host is not None
        session = await sessions.insert_session(
            db, channel="sms", language="et", language_known=True
        )
        ids = {"session_id": session.id, "notifier": "console"}
        walk_in = await visits.check_in(db, _conversation(host, party_size=3), channel="sms", **ids)
        at = datetime.now(UTC) + timedelta(days=1)
        booked, _ = await bookings.create(
            db, _conversation(host), at, channel="web", timezone="Europe/Tallinn", **ids
        )
        visit = await db.get(Visit, booked)
        assert visit is not None
        await bookings.arrive(db, visit, **ids)

    async with app.state.runtime.sessionmaker() as db:
        notes = (await db.scalars(sa.select(Notification).order_by(Notification.id))).all()
        badges = {b.visit_id: b.copies for b in (await db.scalars(sa.select(Badge))).all()}
    assert [(n.kind, n.visit_id) for n in notes] == [
        ("host_arrival", walk_in),
        ("host_booking", booked),
        ("host_arrival", booked),
    ]
    for note in notes:
        assert note.payload.keys() >= FACTS
        assert note.payload["visitor_name"] == "Tom Baker" and note.payload["language"] == "et"
    assert notes[0].payload["party_size"] == 3 and notes[0].payload["channel"] == "sms"
    assert notes[1].payload["timezone"] == "Europe/Tallinn" and notes[2].payload["booked"]
    assert badges == {walk_in: 3, booked: 1}  # a badge once the visitor is in the building


async def test_no_path_writes_a_visit_for_a_host_the_visitor_did_not_confirm(
    app: FastAPI, demo_directory: None
) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        host = await db.scalar(sa.select(Employee).where(Employee.name == "Priya Patel"))
        assert host is not None
        conv = _conversation(host, host_confirmed=False)
        ids = {"session_id": "s1", "notifier": "console"}
        with pytest.raises(visits.HostNotConfirmed):
            await visits.check_in(db, conv, channel="web", **ids)
        with pytest.raises(visits.HostNotConfirmed):
            await bookings.create(
                db, conv, datetime.now(UTC), channel="web", timezone="Europe/Tallinn", **ids
            )
        assert await db.scalar(sa.select(sa.func.count()).select_from(Visit)) == 0
