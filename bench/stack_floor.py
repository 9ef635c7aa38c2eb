"""The stack's floor: what this machine gives the chat API's own stack (uvicorn, FastAPI,
SQLAlchemy on asyncpg, the same connection pool) when a turn does nothing but the database
work a turn must do, and none of the receptionist's. `bench/chat_load.py --server floor`
plays its check-ins against it, with the same client, so the app's figures can be read
against what any app on this stack would get here.

Its two routes answer the chat API's two requests as the load's client expects:
- `POST /api/chat/sessions`: one INSERT of a conversation row → 201 {"session_id"};
- `POST /api/chat/sessions/{id}/messages`: one transaction per turn, as the app's: the row
  read FOR UPDATE, its transcript (JSON, growing two lines a turn) and version written
  back in one UPDATE, then COMMIT → 200 with the state the script expects next; the last
  turn also INSERTs the visit and queues its notification and badge (two rows).

What a turn of the app does besides is all the receptionist: understanding, the
directory, the flow, the replies in three languages; and its background jobs (sending the
notification, drawing the badge), which this floor queues and never runs. The writes are
the app's: per turn 1 UPDATE, and per check-in the conversation's INSERT and the visit's
and its jobs'; the floor reads 1 row a turn, the app 1.25 (the check-in reads the host).

    DATABASE_URL=… python -m bench.stack_floor --port 8000 [--workers 2]

Started by `bench/serving.py` as `serve(..., floor=True)`: not meant to be run for itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
from pathlib import Path

if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from core.store.db import create_engine, create_sessionmaker, execute

# What the load's client expects after each of its four messages (bench/chat_load.py).
STATES = ("confirm_host", "collect_visitor_info", "collect_visitor_info", "complete")

_METADATA = sa.MetaData()
_TURNS = sa.Table(
    "stack_floor_conversations",
    _METADATA,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("transcript", sa.JSON, nullable=False),
)
# What a check-in must leave behind besides the conversation: the visit, and the host's
# notification and the badge queued for the background jobs (which this floor never runs).
_VISITS = sa.Table(
    "stack_floor_visits",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_id", sa.String(32), nullable=False),
    sa.Column("visitor_name", sa.Text, nullable=False),
    sa.Column("company", sa.Text, nullable=False),
)
_QUEUED = sa.Table(
    "stack_floor_jobs",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("visit_id", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
)
_INSERT = sa.insert(_TURNS)
_VISIT = sa.insert(_VISITS).returning(_VISITS.c.id)
_JOBS = sa.insert(_QUEUED)
_READ = (
    sa.select(_TURNS.c.version, _TURNS.c.transcript)
    .where(_TURNS.c.id == sa.bindparam("id"))
    .with_for_update()
)
_WRITE = (
    sa.update(_TURNS)
    .where(_TURNS.c.id == sa.bindparam("_id"))
    .values(version=sa.bindparam("version"), transcript=sa.bindparam("transcript"))
)


class Message(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


def create_app(database_url: str) -> FastAPI:
    engine = create_engine(database_url)
    sessionmaker = create_sessionmaker(engine)
    app = FastAPI()

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/chat/sessions", status_code=201)
    async def open_session() -> dict[str, str]:
        session_id = secrets.token_hex(16)
        async with sessionmaker() as db:
            await execute(db, _INSERT, {"id": session_id, "version": 0, "transcript": []})
            await db.commit()
        return {"session_id": session_id}

    @app.post("/api/chat/sessions/{session_id}/messages")
    async def take_turn(session_id: str, message: Message) -> JSONResponse:
        async with sessionmaker() as db:
            row = (await execute(db, _READ, {"id": session_id})).one_or_none()
            if row is None:
                raise HTTPException(404, "no such session")
            turn = len(row.transcript) // 2
            if turn >= len(STATES):
                raise HTTPException(409, "this conversation has ended")
            reply = f"Turn {turn + 1} of the floor's check-in."
            transcript = [*row.transcript, message.text, reply]
            if STATES[turn] == "complete":  # the check-in: its visit and its jobs
                visit = await execute(
                    db,
                    _VISIT,
                    {
                        "conversation_id": session_id,
                        "visitor_name": row.transcript[-2],
                        "company": message.text,
                    },
                )
                visit_id = visit.scalar_one()
                for kind in ("notification", "badge"):
                    await execute(db, _JOBS, {"visit_id": visit_id, "kind": kind})
            await execute(
                db,
                _WRITE,
                {"_id": session_id, "version": row.version + 1, "transcript": transcript},
            )
            await db.commit()
        state = STATES[turn]
        return JSONResponse(
            {"reply": reply, "language": "en", "state": state, "done": state == "complete"}
        )

    return app


def app_from_environment() -> FastAPI:
    """The app for uvicorn's worker processes (each builds its own engine)."""
    return create_app(os.environ["DATABASE_URL"])


async def create_table(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_METADATA.create_all)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    default_workers = int(os.environ.get("FRONTDESK_WORKERS") or os.cpu_count() or 1)
    parser.add_argument("--workers", type=int, default=default_workers)
    args = parser.parse_args(argv)
    asyncio.run(create_table(os.environ["DATABASE_URL"]))
    uvicorn.run(
        "bench.stack_floor:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # As `frontdesk serve` runs uvicorn: its access log on, forwarded headers not read.
        log_level="info",
        proxy_headers=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
