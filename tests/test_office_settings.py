from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.store.db import create_engine, create_sessionmaker
from core.store.office import OfficeSettings, load_office, save_office
from frontdesk.settings import Settings


async def test_office_settings_fall_back_to_env_and_persist(db_url: str) -> None:
    defaults = Settings(_env_file=None, retention_days=14).office_defaults()
    engine = create_engine(db_url)
    sessionmaker = create_sessionmaker(engine)
    try:
        async with sessionmaker() as db:
            assert (await load_office(db, defaults)).retention_days == 14
        async with sessionmaker() as db, db.begin():
            await save_office(db, OfficeSettings(retention_days=7, front_desk_phone="+3726000000"))
        async with sessionmaker() as db:
            office = await load_office(db, defaults)
            assert (office.retention_days, office.front_desk_phone) == (7, "+3726000000")
    finally:
        await engine.dispose()


def test_unknown_time_zone_is_refused_with_its_name() -> None:
    with pytest.raises(ValidationError, match="Mars/Olympus"):
        Settings(_env_file=None, timezone="Mars/Olympus")
