"""What the HTTP stack costs a chat turn: CPU per request of the app's middlewares, routing,
validation and response building, in process, without a server or a network. Prints,
per request (sequential; the least of ten rounds, taken in turn, `time.process_time`):

- `chat turn, real`: `POST /api/chat/sessions/{id}/messages` with the real agent (four
  turns of a check-in, repeated over fresh sessions): what the app spends on a turn;
- `chat turn, stack only`: the same request with the agent's turn replaced by one that
  yields the reply at once: the stack and the route's own overhead;
- `chat turn, no middleware`: that, without the app's own middlewares (FastAPI's stay:
  exception handling, exit stacks): routing and the route's own overhead;
- `stack's share`: stack only over real.

    python bench/http_stack.py [--database sqlite|postgres] [--requests 3000]

The server's own part (uvicorn reading and writing HTTP on a socket) is not in it:
bench/chat_load.py measures the whole.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import fresh_database, temporary_folder
from core.messages import ChannelStyle, Final, Inbound, ReplyEvent
from frontdesk.settings import Settings
from web.app import create_app

SCRIPT = ["Hi, I'm here to see Sarah Miller", "yes", "Tom Baker", "Acme"]
ASGI = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def scope(method: str, path: str, body: bytes) -> dict[str, Any]:
    """What uvicorn hands the app for a request from the bench client."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "scheme": "http",
        "method": method,
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"accept", b"*/*"),
            (b"accept-encoding", b"gzip, deflate"),
            (b"user-agent", b"Python/3.12 aiohttp/3.14.5"),
            (b"content-length", str(len(body)).encode()),
            (b"content-type", b"application/json"),
        ],
        "state": {},
    }


async def request(app: ASGI, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client stays connected
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope(method, path, body), receive, send)
    return status, b"".join(chunks)


async def open_session(app: ASGI) -> str:
    status, body = await request(app, "POST", "/api/chat/sessions", b"{}")
    assert status == 201, (status, body)
    return str(json.loads(body)["session_id"])


async def real_turns(app: ASGI, count: int) -> float:
    """CPU per turn with the real agent."""
    spent = 0.0
    done = 0
    while done < count:
        session_id = await open_session(app)
        path = f"/api/chat/sessions/{session_id}/messages"
        for text in SCRIPT:
            body = json.dumps({"text": text}).encode()
            started = time.process_time()
            status, answer = await request(app, "POST", path, body)
            spent += time.process_time() - started
            assert status == 200, (status, answer)
            done += 1
    return spent / done


async def stub_turns(app: ASGI, session_id: str, count: int) -> float:
    path = f"/api/chat/sessions/{session_id}/messages"
    body = json.dumps({"text": SCRIPT[0]}).encode()
    started = time.process_time()
    for _ in range(count):
        status, answer = await request(app, "POST", path, body)
    spent = time.process_time() - started
    assert status == 200, (status, answer)
    return spent / count


async def alternating(stacks: list[ASGI], session_id: str, count: int) -> list[float]:
    """Each stack's least CPU per request over rounds taken in turn: other work on the
    machine only ever adds, so the least is the truest."""
    rounds = 10
    best = [float("inf")] * len(stacks)
    for _ in range(rounds):
        for n, stack in enumerate(stacks):
            best[n] = min(best[n], await stub_turns(stack, session_id, count // rounds))
    return best


async def main(database: str, count: int) -> None:
    with temporary_folder() as folder:
        async with fresh_database(database, Path(folder)) as url:
            settings = Settings(
                _env_file=None,
                database_url=url,
                data_dir=Path(folder) / "var",
                run_workers=False,
            )
            app = create_app(settings)
            async with app.router.lifespan_context(app):
                app.state.runtime.warm_up()
                # The speech models load in threads of their own: measured alongside the
                # turns, their loading was counted as the turns' CPU (11 ms a turn, not 4).
                loading = [t for t in asyncio.all_tasks() if t.get_name() == "speech models"]
                await asyncio.gather(*loading)
                agent = app.state.runtime.agent
                await real_turns(app, 40)  # warm: imports, caches, pools
                real = await real_turns(app, max(40, count // 10))
                session_id = await open_session(app)
                reply = None
                async for event in agent.turn(
                    Inbound(text=SCRIPT[0], channel="web", session_key=session_id),
                    ChannelStyle(),
                ):
                    if isinstance(event, Final):
                        reply = event

                async def instant(
                    _inbound: Inbound, _style: ChannelStyle
                ) -> AsyncIterator[ReplyEvent]:
                    assert reply is not None
                    yield reply

                agent.turn = instant
                full = app.build_middleware_stack()
                app.user_middleware = []  # FastAPI's own stay: errors, exit stacks
                without = app.build_middleware_stack()

                def entering(stack: ASGI) -> ASGI:
                    async def enter(scope: dict[str, Any], receive: Any, send: Any) -> None:
                        scope["app"] = app  # as Starlette.__call__ does
                        await stack(scope, receive, send)

                    return enter

                stacks = [entering(full), entering(without)]
                await alternating(stacks, session_id, count // 5)  # warm
                stack, bare = await alternating(stacks, session_id, count)
    print(f"database: {database}; {count} requests a kind, sequential, in process")
    print(f"chat turn, real:          {real * 1e6:8.0f} µs CPU per request")
    print(f"chat turn, stack only:    {stack * 1e6:8.0f} µs")
    print(f"chat turn, no middleware: {bare * 1e6:8.0f} µs")
    print(f"the middlewares:          {(stack - bare) * 1e6:8.0f} µs")
    print(f"stack's share of a turn:  {stack / real:8.1%}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    uvloop.run(main(args.database, args.requests))
