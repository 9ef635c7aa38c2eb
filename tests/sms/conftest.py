from __future__ import annotations

import pytest

from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import slack, twilio, twilio_settings

__all__ = ["slack", "twilio"]


@pytest.fixture
def settings(db_url: str, tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    """Twilio configured (signatures can be checked); its REST API is not reachable unless
    a test points it at the stand-in."""
    return make_settings(db_url, tmp_path, **twilio_settings())
