"""Lobby kiosks: set up by an admin, paired with one device by a one-time link, revocable.

`create` and `new_link` give the admin a setup secret to show once (as the link
`/kiosk?token=…`); `pair` trades it, once and within `SETUP_VALID`, for the device's own
secret (kept in a cookie); `by_device` finds the kiosk a device's secret belongs to.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.store.auth import hash_token
from core.store.models import Kiosk, utcnow

SETUP_VALID = timedelta(days=7)
MAX_NAME = 100
MAX_SECRET = 200  # longer is not one of ours: not even hashed


async def all_kiosks(db: AsyncSession) -> list[Kiosk]:
    rows = await db.scalars(sa.select(Kiosk).order_by(Kiosk.revoked_at.is_not(None), Kiosk.id))
    return list(rows)


async def create(db: AsyncSession, name: str) -> tuple[Kiosk, str]:
    """A new kiosk named `name`, and the setup secret for its link."""
    kiosk = Kiosk(name=name.strip()[:MAX_NAME])
    db.add(kiosk)
    secret = _new_setup(kiosk)
    await db.flush()
    return kiosk, secret


async def new_link(db: AsyncSession, kiosk_id: int) -> tuple[Kiosk, str] | None:
    """A fresh setup link for a kiosk (a new tablet, a lost link): the device paired so
    far stops working, the old link too."""
    kiosk = await db.get(Kiosk, kiosk_id)
    if kiosk is None or kiosk.revoked_at is not None:
        return None
    kiosk.token_hash = None
    kiosk.paired_at = None
    return kiosk, _new_setup(kiosk)


async def revoke(db: AsyncSession, kiosk_id: int) -> Kiosk | None:
    kiosk = await db.get(Kiosk, kiosk_id)
    if kiosk is None:
        return None
    if kiosk.revoked_at is None:
        kiosk.revoked_at = utcnow()
    kiosk.token_hash = kiosk.setup_hash = kiosk.setup_expires_at = None
    return kiosk


async def pair(db: AsyncSession, setup_secret: str) -> tuple[Kiosk, str] | None:
    """The kiosk whose setup link this is, with the device secret it now answers to;
    None for a link that is unknown, used already, expired or revoked."""
    if not setup_secret or len(setup_secret) > MAX_SECRET:
        return None
    kiosk = await db.scalar(sa.select(Kiosk).where(Kiosk.setup_hash == hash_token(setup_secret)))
    if kiosk is None or kiosk.revoked_at is not None:
        return None
    expires = kiosk.setup_expires_at
    kiosk.setup_hash = kiosk.setup_expires_at = None  # once only, whatever happens next
    if expires is None or expires < utcnow():
        return None
    device = secrets.token_urlsafe(32)
    kiosk.token_hash = hash_token(device)
    kiosk.paired_at = kiosk.last_seen_at = utcnow()
    return kiosk, device


async def by_device(db: AsyncSession, device_secret: str | None) -> Kiosk | None:
    """The live kiosk a device's secret belongs to, or None."""
    if not device_secret or len(device_secret) > MAX_SECRET:
        return None
    return await db.scalar(
        sa.select(Kiosk).where(
            Kiosk.token_hash == hash_token(device_secret), Kiosk.revoked_at.is_(None)
        )
    )


def _new_setup(kiosk: Kiosk) -> str:
    secret = secrets.token_urlsafe(24)
    kiosk.setup_hash = hash_token(secret)
    kiosk.setup_expires_at = utcnow() + SETUP_VALID
    return secret
