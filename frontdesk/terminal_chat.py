"""`frontdesk chat`: the agent in a terminal, for engineers. The same turn as every channel;
only the rendering differs (a voice-style chat prints the spoken forms, an SMS-style chat
the text as it would be sent and what it costs)."""

from __future__ import annotations

import asyncio
import sys

from channels.sms.compose import compose
from channels.sms.segments import count
from core.messages import STYLES, Channel, Inbound, Language
from core.replies import Say, render
from frontdesk.runtime import Runtime
from frontdesk.settings import Settings
from frontdesk.setup import SchemaNotReady, running


async def run_terminal_chat(settings: Settings, *, channel: str, language: str | None) -> int:
    try:
        async with running(settings) as runtime:
            return await _chat(runtime, channel, language)
    except SchemaNotReady as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2


async def _chat(runtime: Runtime, channel: str, language: str | None) -> int:
    chan: Channel = channel  # type: ignore[assignment]
    lang: Language | None = language  # type: ignore[assignment]
    key = await runtime.agent.open_session(chan, language=lang)
    print("Talk to the receptionist (Ctrl-D or 'quit' to leave).")
    # The receptionist speaks first, as on every channel.
    greeting = render(Say("welcome"), lang or runtime.agent.default_language, STYLES[chan])
    print(f"frontdesk> {greeting}", flush=True)
    while True:
        try:
            text = await asyncio.to_thread(input, "you> ")
        except EOFError:
            print()
            return 0
        text = text.strip()
        if text.lower() in {"quit", "exit"}:
            return 0
        if not text:
            continue
        inbound = Inbound(
            text=text, channel=chan, session_key=key, language=lang, session_opened=True
        )
        reply = await runtime.agent.reply(inbound, STYLES[chan])
        text, cost = reply.reply, ""
        if chan == "sms":  # what the phone would show, and what it costs
            text = compose([reply.reply])
            cost = f" · {count(text)}"
        print(f"frontdesk> {text}")
        print(
            f"           [{reply.language} · {reply.state} · expecting "
            f"{reply.expecting or '-'}{' · done' if reply.done else ''}{cost}]",
            flush=True,
        )
        await asyncio.sleep(0.05)  # let the outbox print its console notification
