"""Which database this is: a random name stored once in `app_settings`.

Files the database's rows point at (badges) carry this name, so a data folder that two
databases share (a demo and a test server, two deployments) keeps their files apart, and
a sweep only ever deletes files it can prove its own database made.
"""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from core.store.db import SessionMaker
from core.store.models import AppSetting

IDENTITY_KEY = "database_identity"


async def database_identity(sessionmaker: SessionMaker) -> str:
    """This database's name (created on first use; two instances racing agree on one)."""
    async with sessionmaker() as db:
        row = await db.get(AppSetting, IDENTITY_KEY)
        if row is not None:
            return str(row.value["id"])
    try:
        async with sessionmaker() as db, db.begin():
            db.add(AppSetting(key=IDENTITY_KEY, value={"id": secrets.token_hex(8)}))
    except IntegrityError:
        pass  # another instance wrote it first: read theirs
    async with sessionmaker() as db:
        row = await db.get(AppSetting, IDENTITY_KEY)
        if row is None:
            raise RuntimeError("could not record the database's identity")
        return str(row.value["id"])
