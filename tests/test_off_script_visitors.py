"""Off-script visitors over the chat HTTP API: every generated conversation (tests/off_script.py)
must end checked in with exactly the host, name and company the visitor gave."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from core.directory_csv import parse_directory_csv
from core.store.directory import apply_import
from tests.off_script import EXTRA_DIRECTORY, SCRIPTS, conversations, report, run
from tests.visitor import Visitor

pytestmark = pytest.mark.usefixtures("demo_directory")


@pytest.fixture
async def extra_directory(app: FastAPI, demo_directory: None) -> None:
    async with app.state.runtime.sessionmaker() as db, db.begin():
        await apply_import(db, parse_directory_csv(EXTRA_DIRECTORY.encode()))


@pytest.mark.parametrize("language", sorted(SCRIPTS))
async def test_off_script_moves_keep_the_facts_the_visitor_gave(
    app: FastAPI, client: httpx.AsyncClient, extra_directory: None, language: str
) -> None:
    outcomes = [await run(app, client, c) for c in conversations(language)]
    print(report(outcomes))
    assert all(o.ok for o in outcomes), report(outcomes)


@pytest.mark.parametrize(
    ("language", "ask", "noise", "yes"),
    [
        ("en", "I'm here to see Sarah", "Zorblat Quux", "yes"),
        ("et", "Tere, ma tulin Sarah juurde", "Selge Mustikas", "jah"),
        ("ru", "Здравствуйте, я к Саре", "Пумпурум Трам", "да"),
    ],
)
async def test_a_visitor_going_round_in_circles_reaches_a_person(
    client: httpx.AsyncClient, language: str, ask: str, noise: str, yes: str
) -> None:
    """Finding the same two people again is not progress: the failure count goes on, and a
    person is offered within a bound however the visitor cycles."""
    v = await Visitor.arrive(client, language)
    assert (await v.say(ask))["expecting"] == "choice"
    for text in [noise, ask, noise, ask, noise, ask]:
        reply = await v.say(text)
        if reply["expecting"] == "confirmation" and reply["state"] != "confirm_host":
            break  # "Shall I call someone from the front desk?"
    else:
        raise AssertionError(f"never offered a person: {v.replies}")
    assert len(v.replies) <= 5, v.replies  # the first ask and at most four more turns
    assert (await v.say(yes))["state"] == "transfer_human"
