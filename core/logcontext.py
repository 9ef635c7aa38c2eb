"""What a log line refers to, without saying who: the request, call and conversation being
handled, as context variables the log formatter reads (frontdesk/logs.py).

A conversation is named by `ref`, a short hash of its session id: the id itself is a
credential (it takes turns in that chat), so it never goes into a log.
"""

from __future__ import annotations

import hashlib
from contextvars import ContextVar

request_ref: ContextVar[str | None] = ContextVar("request_ref", default=None)
call_ref: ContextVar[str | None] = ContextVar("call_ref", default=None)
conversation_ref: ContextVar[str | None] = ContextVar("conversation_ref", default=None)


def ref(session_id: str | None) -> str:
    """A session id's short stand-in for logs: the same id always gives the same ref."""
    if not session_id:
        return "-"
    return "c-" + hashlib.sha256(session_id.encode()).hexdigest()[:10]
