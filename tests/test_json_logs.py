"""FRONTDESK_LOG_FORMAT=json: a full scripted run (web chat and SMS check-ins, a database
error quoting a visitor) logged at DEBUG is one JSON object per line, each tied to its
request and conversation, and not one line names a visitor, their number, e-mail or words."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from core.logcontext import ref
from core.store.models import AppSetting
from frontdesk import logs
from frontdesk.settings import Settings
from tests.conftest import make_settings
from tests.sms.phone import Phone
from tests.standins.fixtures import twilio_settings
from tests.visitor import Visitor

WEB_LINES = [
    "Hi, I'm here for James Wilson",
    "yes",
    "Tom Baker",
    "Acme, and my mobile is +372 5551 9876, tom.baker@acme.example",
]
VISITOR = "Tom Baker"  # a name, kept out of the lines a traceback would quote
SMS_NUMBER = "+3725551234"
SMS_LINES = ["Tere! Mul on kohtumine Jüri Tammega", "jah", "Mari Kask", "Telia"]
SECRETS = [
    "Tom Baker",
    "Mari Kask",
    "Acme, and my mobile",
    "5551 9876",
    "55519876",
    "tom.baker@acme.example",
    SMS_NUMBER,
    SMS_NUMBER.removeprefix("+"),
    "Mul on kohtumine",
    "I'm here for",
]


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, log_format="json", **twilio_settings())


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    levels = {name: logging.getLogger(name).level for name in _configured()}
    handler = logs.configure(logging.DEBUG, "json", stream=buffer)
    try:
        yield buffer
    finally:
        logging.getLogger().removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _configured() -> list[str]:
    return ["", *logs.OUR_PACKAGES, *logs.HELD_AT_WARNING, *logs.HELD_AT_INFO, "alembic"]


async def test_a_json_log_of_a_full_run_names_nobody(
    json_log: io.StringIO,
    app: FastAPI,
    client: httpx.AsyncClient,
    settings: Settings,
    demo_directory: None,
) -> None:
    visitor = await Visitor.arrive(client, "en")
    for line in WEB_LINES:
        reply = await visitor.say(line)
    assert reply["state"] == "complete"
    phone = Phone(client, settings, SMS_NUMBER)
    for line in SMS_LINES:
        await phone.text(line)
    assert "Mari Kask" in phone.received[-1]
    # A database error over a visitor's data, logged with its traceback.
    runtime = app.state.runtime
    for _ in range(2):
        try:
            async with runtime.sessionmaker() as db, db.begin():
                db.add(AppSetting(key="probe", value={"visitor": "Tom Baker"}))
        except IntegrityError as exc:
            assert "Tom Baker" not in str(exc)  # the engine hides its parameters
            logging.getLogger("core.agent").exception("storing %s failed", exc)
    await runtime.outbox.process_due()  # the hosts' notifications, delivered and logged

    lines = json_log.getvalue().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert len(records) > 10
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    turns = [r for r in records if r["message"].startswith("turn state=")]
    assert len(turns) == len(WEB_LINES) + len(SMS_LINES)
    assert all(r.get("request", "").startswith("r-") for r in turns)
    conversations = {r["conversation"] for r in turns}  # the web chat's and the SMS's
    assert len(conversations) == 2 and ref(visitor.session_id) in conversations
    [error] = [r for r in records if r["message"].startswith("storing")]
    assert error["message"] == "storing IntegrityError failed"
    assert error["exception"]["type"].endswith("IntegrityError") and error["exception"]["stack"]

    text = "\n".join(lines)
    assert visitor.session_id not in text
    found = [secret for secret in SECRETS if secret.lower() in text.lower()]
    assert found == [], found


def test_an_access_log_line_loses_session_ids_numbers_and_addresses() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/chat/sessions/AbCdEfGhIjKlMnOpQrStUvWx/events", "1.1", 200),
        None,
    )
    line = json.loads(logs.JsonFormatter().format(record))
    assert "AbCdEfGhIjKlMnOpQrStUvWx" not in line["message"]
    assert ref("AbCdEfGhIjKlMnOpQrStUvWx") in line["message"]
    assert logs.scrub("Twilio: 'To' +447700900123 is invalid; mail a.b@c.example") == (
        "Twilio: 'To' <phone> is invalid; mail <e-mail>"
    )
    assert logs.scrub("notification 12 sent; call CA0123456789abcdef ended") == (
        "notification 12 sent; call CA0123456789abcdef ended"
    )


@pytest.mark.parametrize("log_format", ["json", "text"])
async def test_a_database_error_over_a_visitors_words_logs_none_of_them(
    app: FastAPI, log_format: Literal["json", "text"]
) -> None:
    """A lone surrogate in what a visitor typed: the driver refuses the value and quotes
    it in its message (asyncpg does, the first 40 characters); the log keeps none of it."""
    buffer = io.StringIO()
    handler = logs.configure(logging.INFO, log_format, stream=buffer)
    try:
        with pytest.raises(Exception) as caught:
            async with app.state.runtime.sessionmaker() as db:
                await db.execute(sa.text("SELECT :said"), {"said": f"{VISITOR} \ud800 here"})
        logging.getLogger("web.errors").error("unhandled error", exc_info=caught.value)
    finally:
        logging.getLogger().removeHandler(handler)
    text = buffer.getvalue()
    assert "unhandled error" in text and type(caught.value).__name__ in text
    assert "Tom Baker" not in text
