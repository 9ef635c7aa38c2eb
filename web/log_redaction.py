"""Session ids stay out of the logs. A web chat's session id is the visitor's only key to
their conversation, and it travels in URLs (`/api/chat/sessions/{id}/…`), which the
server's access log writes out: this filter puts its ref there instead (with phone numbers
and e-mails scrubbed, `frontdesk.logs.scrub`), whatever formatter the log ends in."""

from __future__ import annotations

import functools
import logging

from frontdesk.logs import scrub

ACCESS_LOGGER = "uvicorn.access"


# Nothing scrub() replaces fits in fewer characters (the shortest, an e-mail: `a@b.c`):
# the access line's method and HTTP version are left as they are, at no cost.
SHORTEST = 5


@functools.lru_cache(maxsize=64)
def _scrubbed_format(msg: str) -> str:
    return scrub(msg)  # the access line's format: one text, scrubbed once


class SessionIdsRedacted(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                scrub(a) if isinstance(a, str) and len(a) >= SHORTEST else a for a in record.args
            )
        if isinstance(record.msg, str):
            record.msg = _scrubbed_format(record.msg) if record.args else scrub(record.msg)
        return True


def install() -> None:
    """On the access logger, once per process (the app may be created many times)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, SessionIdsRedacted) for f in logger.filters):
        logger.addFilter(SessionIdsRedacted())
