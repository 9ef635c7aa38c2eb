"""Logging set-up: plain text for people, or one JSON object per line for a log pipeline
(FRONTDESK_LOG_FORMAT=json). Either way a log carries ids, never who: no visitor names,
phone numbers, e-mails or what anybody said.

How that holds:
- our own modules log ids only (a conversation by `core.logcontext.ref`, a short hash);
- every line says which request, call and conversation it belongs to (context variables
  the web app, the call and the agent set), so ids in the message are rarely needed;
- messages are scrubbed: session ids in paths become refs, phone numbers and e-mails are
  replaced (a vendor's error text quoting a number, an access log's URL);
- in JSON, exceptions are their types and where they were raised, not their messages (a
  database driver's message quotes the value it choked on); an exception passed as an
  argument is logged as its type. Plain text keeps tracebacks whole for people, except a
  database error's, which is shown the JSON way;
- database engines hide SQL parameters (core/store/db.py), and libraries that log request
  bodies, rows or credentials below WARNING (SQLAlchemy, Twilio, Slack) are held at
  WARNING, the rest of the third-party loggers at INFO, whatever level ours run at.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

from sqlalchemy.exc import StatementError

from core.logcontext import call_ref, conversation_ref, ref, request_ref

OUR_PACKAGES = ("core", "channels", "knowledge", "web", "frontdesk", "migrations", "simulator")
# Loggers that would print SQL rows, request bodies or credentials below these levels.
HELD_AT_WARNING = ("sqlalchemy", "twilio", "slack_sdk", "slack_bolt", "aiosqlite", "asyncpg")
HELD_AT_INFO = ("websockets", "multipart", "python_multipart", "httpcore", "httpx", "hpack")

DRIVERS = ("asyncpg", "sqlite3", "aiosqlite")
# A session id in a path, unless it is already a ref (web/log_redaction.py scrubs first).
_SESSION_IN_PATH = re.compile(r"(/sessions/)(?!c-[0-9a-f]{10}\b)([A-Za-z0-9_-]{8,})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\d(?:[ ()\-]?\d){6,14}(?![\w])")


def scrub(text: str) -> str:
    text = _SESSION_IN_PATH.sub(lambda m: m.group(1) + ref(m.group(2)), text)
    text = _EMAIL.sub("<e-mail>", text)
    return _PHONE.sub("<phone>", text)


def safe_message(record: logging.LogRecord, *, exceptions_by_type: bool) -> str:
    args = record.args
    if exceptions_by_type and isinstance(args, tuple):
        args = tuple(type(a).__name__ if isinstance(a, BaseException) else a for a in args)
    try:
        message = str(record.msg) % args if args else str(record.msg)
    except (TypeError, ValueError):
        message = str(record.msg)
    return scrub(message)


def exception_outline(exc: BaseException) -> dict[str, Any]:
    """An exception without its message: its chain of types and where it was raised."""
    chain: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(f"{type(seen).__module__}.{type(seen).__qualname__}")
        seen = seen.__cause__ or seen.__context__
    frames = traceback.extract_tb(exc.__traceback__)
    stack = [f"{f.filename}:{f.lineno} in {f.name}" for f in frames]
    return {"type": chain[0], "chain": chain[1:], "stack": stack}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": safe_message(record, exceptions_by_type=True),
        }
        for key, var in (
            ("request", request_ref),
            ("call", call_ref),
            ("conversation", conversation_ref),
        ):
            value = var.get()
            if value:
                line[key] = value
        if record.exc_info and record.exc_info[1] is not None:
            line["exception"] = exception_outline(record.exc_info[1])
        return json.dumps(line, ensure_ascii=False)


def _from_the_database(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, StatementError) or type(seen).__module__.split(".")[0] in DRIVERS:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class TextFormatter(logging.Formatter):
    """The people's format, with the same scrubbing of messages; tracebacks kept whole,
    but for a database error's message, which can quote a visitor's data."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = safe_message(record, exceptions_by_type=False)
        refs = [v for v in (request_ref.get(), call_ref.get(), conversation_ref.get()) if v]
        if refs:
            record.message += " [" + " ".join(refs) + "]"
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        saved, record.exc_text = record.exc_text, None  # another handler's cached traceback
        try:
            return super().format(record)
        finally:
            record.exc_text = saved

    def formatException(self, ei: Any) -> str:
        exc = ei[1]
        if isinstance(exc, BaseException) and _from_the_database(exc):
            outline = exception_outline(exc)
            lines = ["Traceback (most recent call last):", *outline["stack"]]
            causes = "".join(f" <- {name}" for name in outline["chain"])
            return "\n".join([*lines, f"{outline['type']}{causes} (message withheld)"])
        return scrub(super().formatException(ei))


def configure(
    level: int | str = logging.INFO,
    log_format: Literal["text", "json"] = "text",
    stream: TextIO | None = None,
) -> logging.Handler:
    """One handler on the root logger; ours log at `level`, libraries no lower than their
    floors. Returns the handler (a test removes it again)."""
    numeric = logging.getLevelName(level) if isinstance(level, str) else level
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "frontdesk", False)]:
        root.removeHandler(old)
    handler.frontdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(max(numeric, logging.INFO))  # DEBUG is for our own modules only
    for name in OUR_PACKAGES:
        logging.getLogger(name).setLevel(numeric)
    for name in HELD_AT_WARNING:
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
    for name in HELD_AT_INFO:
        logging.getLogger(name).setLevel(max(numeric, logging.INFO))
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrate prints its own summary
    return handler
