"""Numbers that texted STOP. Checked before anything is sent by SMS — a reply, the host's
answer, a notification to a host who opted out — so a number that said STOP gets nothing
more until it says START."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.models import SmsOptOut
from core.text.phones import address_key


async def is_opted_out(db: AsyncSession, phone: str) -> bool:
    return await db.get(SmsOptOut, address_key(phone)) is not None


async def opt_out(db: AsyncSession, phone: str) -> None:
    if not await is_opted_out(db, phone):
        db.add(SmsOptOut(phone=address_key(phone)))
        await db.flush()


async def opt_in(db: AsyncSession, phone: str) -> None:
    await db.execute(sa.delete(SmsOptOut).where(SmsOptOut.phone == address_key(phone)))
