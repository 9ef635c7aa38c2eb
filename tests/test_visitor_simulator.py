"""The visitor simulator (tests/visitor_sim.py) over web chat and SMS: for every
perturbation kind and language, ≥ 98 % of conversations end checked in with exactly the
host, name and company the visitor gave; no loops; no value the visitor never said.

`VISITOR_SIM_PER_CELL` sets how many conversations each kind × language × channel gets
(the bench report, bench/visitor_simulator.py, runs many more).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from core.flows.state import SLOT_KEYS
from core.store.models import ConversationSession
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.standins.fixtures import twilio_settings
from tests.visitor_sim import KINDS, LANGUAGES, failures, pct, simulate, table

pytestmark = pytest.mark.usefixtures("demo_directory")

PER_CELL = int(os.environ.get("VISITOR_SIM_PER_CELL", "2"))


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """Twilio configured, so the SMS webhook checks signatures as in production."""
    return make_settings(db_url, tmp_path, **twilio_settings())


@pytest.mark.parametrize("channel", ["web", "sms"])
async def test_simulated_visitors_leave_exactly_the_facts_they_gave(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, channel: str
) -> None:
    outcomes = await simulate(app, client, settings, per_cell=PER_CELL, channels=[channel])
    report = table(outcomes) + "\n" + failures(outcomes)
    print(report)
    assert not [o for o in outcomes if o.verdict in ("loop", "invented")], report
    async with app.state.runtime.sessionmaker() as db:
        rows = (await db.scalars(sa.select(ConversationSession.slots))).all()
    undeclared = {key for slots in rows for key in slots or {}} - SLOT_KEYS
    assert not undeclared, f"slots not declared in core.flows.state: {undeclared}"
    for kind in KINDS:
        for language in LANGUAGES:
            oks = [o.ok for o in outcomes if (o.plan.kind, o.plan.language) == (kind, language)]
            assert oks and pct(oks) >= 98, f"{kind}/{language}: {pct(oks)} %\n{report}"
