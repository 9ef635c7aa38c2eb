"""A scripted aiohttp server on a loopback port, shared by the stand-ins."""

from __future__ import annotations

import asyncio
import collections
from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class Failure:
    """What the stand-in does instead of answering normally, once."""

    status: int = 500
    retry_after: float | None = None
    hang: bool = False  # never answer: the client's timeout (or death) ends it
    error: str | None = None  # a vendor error code in an otherwise well-formed answer


class Script:
    """Failures queued per API method, used up in order."""

    def __init__(self) -> None:
        self._queue: dict[str, collections.deque[Failure | None]] = collections.defaultdict(
            collections.deque
        )
        self.calls: collections.Counter[str] = collections.Counter()
        self.hanging = asyncio.Event()  # set while a scripted hang holds a request

    def fail(self, method: str, *failures: Failure | None) -> None:
        """Script the next calls of `method`; None answers that call normally."""
        self._queue[method].extend(failures)

    async def next(self, method: str) -> Failure | None:
        """Count the call and return its scripted failure; a hang blocks here for good."""
        self.calls[method] += 1
        failure = self._queue[method].popleft() if self._queue[method] else None
        if failure is not None and failure.hang:
            self.hanging.set()
            await asyncio.Event().wait()  # cancelled when the client goes away
        return failure


class LoopbackServer:
    def __init__(self, app: web.Application) -> None:
        # Cancel a handler whose client went away: a request that never finished was
        # never committed, as a real API would not have acknowledged it.
        self._runner = web.AppRunner(app, handler_cancellation=True)
        self.url = ""

    async def start(self) -> str:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        await self._runner.cleanup()


def retry_headers(failure: Failure) -> dict[str, str]:
    return {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
