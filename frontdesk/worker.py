"""`frontdesk worker`: the notification and badge workers without the web server.

Run as many as you like beside (or instead of) the workers inside `serve`
(FRONTDESK_RUN_WORKERS=false turns those off): they share the work through the database,
and a worker that is killed mid-delivery leaves its rows to the others once its lease
runs out.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from frontdesk.settings import Settings
from frontdesk.setup import SchemaNotReady, running


async def run_worker(settings: Settings) -> int:
    try:
        async with running(settings) as runtime:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            names = ", ".join(runtime.notifiers)
            print(f"frontdesk worker: delivering through {names}; Ctrl-C stops it.", flush=True)
            await stop.wait()
            return 0
    except SchemaNotReady as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
