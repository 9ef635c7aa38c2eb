"""A conversation's slots are typed (`core.flows.state.ConversationSlots`) but stored as the
same JSON object as before: a session an earlier release left mid-conversation still loads
and carries on, and what is stored again is the same JSON."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.flows.state import SLOT_KEYS, slots_from_json, slots_to_json
from core.store.models import ConversationSession, Visit
from tests.visitor import Visitor

# The slots of a check-in waiting for "yes" to its host, as an earlier release (slots a
# plain dict) wrote them: what was said, what was settled ({host}: the host's card) and
# the bookkeeping, with the JSON serialiser's defaults (", " and ": ", non-ASCII escaped).
OLD_SLOTS = (
    '{"visitor_name": "J\\u00fcri Kask", "company": "Acme O\\u00dc", "purpose": "Demo",'
    ' "host": {host}, "query": "Priya Patel", "offered": [{id}],'
    ' "progress": {"seen": ["0a1b2c3d"], "replies": {"5e6f7a8b": 1}, "stale": 0}}'
)


async def _raw_slots(app: FastAPI, session_id: str, value: str | None = None) -> str:
    """The slots column's stored text; `value` first replaces it, bypassing the ORM."""
    async with app.state.runtime.sessionmaker() as db, db.begin():
        postgres = db.bind.dialect.name == "postgresql"
        if value is not None:
            new = "CAST(:slots AS JSON)" if postgres else ":slots"
            await db.execute(
                sa.text(f"UPDATE conversation_sessions SET slots = {new} WHERE id = :id"),
                {"slots": value, "id": session_id},
            )
        column = "CAST(slots AS TEXT)" if postgres else "slots"
        query = sa.text(f"SELECT {column} FROM conversation_sessions WHERE id = :id")
        raw: str = (await db.execute(query, {"id": session_id})).scalar_one()
        return raw


async def _session(app: FastAPI) -> ConversationSession:
    async with app.state.runtime.sessionmaker() as db:
        row: ConversationSession = (await db.scalars(sa.select(ConversationSession))).one()
        return row


def test_typed_slots_store_the_same_json() -> None:
    old = OLD_SLOTS.replace("{host}", '{"id": 7, "name": "Priya Patel"}').replace("{id}", "7")
    stored: dict[str, Any] = json.loads(old)
    assert set(stored) <= SLOT_KEYS
    assert json.dumps(slots_to_json(slots_from_json(stored))) == old
    assert slots_to_json(slots_from_json(None)) == {}


@pytest.mark.usefixtures("demo_directory")
async def test_a_session_stored_before_typed_slots_carries_on(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    v = await Visitor.arrive(client, "en")
    reply = await v.say("I'm here to see Priya Patel")
    assert (reply["state"], reply["expecting"]) == ("confirm_host", "confirmation"), reply
    row = await _session(app)
    host = row.slots["host"]
    assert json.loads(await _raw_slots(app, row.id)) == row.slots  # as the app wrote them
    old = OLD_SLOTS.replace("{host}", json.dumps(host)).replace("{id}", str(host["id"]))
    assert json.loads(await _raw_slots(app, row.id, old))["host"] == host

    reply = await v.say("yes")
    assert (reply["state"], reply["done"]) == ("complete", True), reply
    async with app.state.runtime.sessionmaker() as db:
        [visit] = (await db.scalars(sa.select(Visit))).all()
    assert (visit.visitor_name, visit.company, visit.purpose, visit.host_name) == (
        "Jüri Kask",
        "Acme OÜ",
        "Demo",
        "Priya Patel",
    )
    after = json.loads(await _raw_slots(app, row.id))
    assert set(after) <= SLOT_KEYS, set(after) - SLOT_KEYS
    kept = {k: after[k] for k in ("visitor_name", "company", "purpose", "query", "offered")}
    assert kept == {k: json.loads(old)[k] for k in kept}  # as stored
    assert after["host"] == host and after["host_confirmed"] is True
