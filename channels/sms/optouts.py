"""Numbers that texted STOP. Checked before anything is sent by SMS — a reply, the host's
answer, a notification to a host who opted out — so a number that said STOP gets nothing
more until it says START."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.models import SmsOptOut

_FORMATTING = re.compile(r"[\s\-().]")


def e164(phone: str) -> str:
    """One spelling per number: "+372 555 0101" in the directory is Twilio's "+3725550101"."""
    compact = _FORMATTING.sub("", phone.strip())
    return "+" + compact[2:] if compact.startswith("00") else compact


async def is_opted_out(db: AsyncSession, phone: str) -> bool:
    return await db.get(SmsOptOut, e164(phone)) is not None


async def opt_out(db: AsyncSession, phone: str) -> None:
    if not await is_opted_out(db, phone):
        db.add(SmsOptOut(phone=e164(phone)))
        await db.flush()


async def opt_in(db: AsyncSession, phone: str) -> None:
    await db.execute(sa.delete(SmsOptOut).where(SmsOptOut.phone == e164(phone)))
