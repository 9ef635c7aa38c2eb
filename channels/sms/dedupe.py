"""Twilio retries a webhook it thinks failed (a timeout, a dropped connection), and may
deliver the same message twice. Each MessageSid is taken in once: the first request
claims it and runs the turn; a repeat is answered with the TwiML the first one produced —
waiting for it if the first is still running — and never becomes a second turn."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.store.db import SessionMaker
from core.store.models import SmsInbound, utcnow

KEEP = timedelta(days=1)  # Twilio gives up retrying long before this


async def claim(sessionmaker: SessionMaker, message_sid: str) -> bool:
    """True if this request is the first with `message_sid`, and so must process it."""
    try:
        async with sessionmaker() as db, db.begin():
            db.add(SmsInbound(message_sid=message_sid))
        return True
    except IntegrityError:
        return False


async def answer(sessionmaker: SessionMaker, message_sid: str, twiml: str) -> None:
    async with sessionmaker() as db, db.begin():
        row = await db.get(SmsInbound, message_sid)
        if row is not None:
            row.reply, row.answered_at = twiml, utcnow()


async def release(sessionmaker: SessionMaker, message_sid: str) -> None:
    """The first attempt failed before answering: let Twilio's retry run it again."""
    async with sessionmaker() as db, db.begin():
        await db.execute(
            sa.delete(SmsInbound).where(
                SmsInbound.message_sid == message_sid, SmsInbound.reply.is_(None)
            )
        )


async def earlier_answer(
    sessionmaker: SessionMaker, message_sid: str, *, wait: float = 10.0, poll: float = 0.2
) -> str | None:
    """The TwiML the first request answered with, waiting up to `wait` seconds for it."""
    for _ in range(max(1, int(wait / poll))):
        async with sessionmaker() as db:
            reply = await db.scalar(
                sa.select(SmsInbound.reply).where(SmsInbound.message_sid == message_sid)
            )
        if reply is not None:
            return reply
        await asyncio.sleep(poll)
    return None


async def forget_old(sessionmaker: SessionMaker) -> int:
    """Drop what is too old to be retried: the replies hold visitors' words."""
    async with sessionmaker() as db, db.begin():
        result = await db.execute(
            sa.delete(SmsInbound).where(SmsInbound.received_at < utcnow() - KEEP)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
