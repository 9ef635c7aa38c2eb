"""One simulated call: placed, its script played over the line, its report returned.

The script waits as a caller does: for the greeting, then after each line until the
receptionist has finished answering (nothing left to play, the last mark back, a moment of
quiet), unless the next step cuts in over their voice.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Callable, Sequence

from channels.voice.codec import FRAME_BYTES, SILENCE_BYTE
from simulator.dial import CallSetup, answer_webhook, open_stream
from simulator.errors import CallOver
from simulator.line import Line
from simulator.report import FRAME_SECONDS, CallReport, Turn
from simulator.script import Check, HangUp, Pause, Press, Say, Step, cuts_in
from simulator.voices import CallerVoice


class CallSimulator:
    """One call. `run(script)` places it, plays the script and returns the report."""

    def __init__(self, setup: CallSetup, voice: CallerVoice | None = None) -> None:
        self.setup = setup
        self.voice = voice or CallerVoice()
        self.call_sid = setup.call_sid or "CA" + secrets.token_hex(16)
        self.report = CallReport(call_sid=self.call_sid, stream_sid="")
        self.line = Line(setup, self.report)

    async def run(self, script: Sequence[Step]) -> CallReport:
        stream_url, parameters = await answer_webhook(self.setup, self.call_sid)
        audio = {
            i: await self._voice(step) for i, step in enumerate(script) if isinstance(step, Say)
        }
        async with open_stream(self.setup, stream_url) as ws:
            await self.line.start(ws, parameters)
            await self._talk(script, audio)
        return self.report

    async def _voice(self, step: Say) -> bytes:
        """The line's audio: its parts spoken, with `pause_ms` of silence between them."""
        gap = bytes([SILENCE_BYTE]) * (FRAME_BYTES * round(step.pause_ms / 20))
        parts = [await self.voice.speak(part, self.setup.language) for part in step.parts]
        return gap.join(parts)

    async def hang_up(self, *, by: str = "caller") -> None:
        """End the call from Twilio's side (see `Line.hang_up`)."""
        await self.line.hang_up(by=by)

    async def _talk(self, script: Sequence[Step], audio: dict[int, bytes]) -> None:
        tasks = [
            asyncio.create_task(self.line.pump(), name="sim-pump"),
            asyncio.create_task(self.line.listen(), name="sim-listen"),
        ]
        if self.setup.hangup_after is not None:
            tasks.append(asyncio.create_task(self._hang_up_later(self.setup.hangup_after)))
        try:
            with contextlib.suppress(CallOver):
                await self._play_script(script, audio)
                await self.hang_up()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _play_script(self, script: Sequence[Step], audio: dict[int, bytes]) -> None:
        line = self.line
        await self._until_quiet(require_answer=True)  # the greeting
        for i, step in enumerate(script):
            following = script[i + 1] if i + 1 < len(script) else None
            match step:
                case Check(action=action):
                    await action()
                    continue
                case HangUp(after_answer_ms=delay):
                    if delay is not None:
                        await self._until_answer_starts(line.turn)
                        await self._sleep(delay / 1000)
                    else:
                        await self._until_quiet(require_answer=False)
                    await self.hang_up()
                    raise CallOver
                case Say(barge_in_ms=delay) if delay is not None:
                    await self._until_answer_starts(line.turn)
                    await self._sleep(delay / 1000)
                case _:
                    await self._until_quiet(require_answer=False)
            turn = Turn(step)
            line.turn = turn
            self.report.turns.append(turn)
            match step:
                case Say(hangup_after=hangup_after):
                    line.speak(turn, audio[i])
                    if hangup_after is not None:
                        await self._sleep(hangup_after)
                        await self.hang_up()
                        raise CallOver
                    await self._until_spoken(turn)
                    if not cuts_in(following):
                        await self._until_quiet(require_answer=True)
                case Press(digit=digit):
                    await line.press(turn, digit)
                    if not cuts_in(following):
                        await self._until_quiet(require_answer=True)
                case Pause(seconds=seconds):
                    await self._sleep(seconds)

    async def _until_spoken(self, turn: Turn) -> None:
        await self._wait(lambda: turn.speech_ended_at is not None, None)

    async def _until_answer_starts(self, turn: Turn | None) -> None:
        """The receptionist started answering `turn` (or the greeting, before any). A line
        said over the receptionist's voice has no answer of its own to wait for."""
        if turn is not None and turn.talked_over:
            return
        if turn is None:
            await self._wait(lambda: self.line.first_audio is not None, self.setup.answer_timeout)
        else:
            await self._wait(lambda: turn.first_audio_at is not None, self.setup.answer_timeout)

    async def _until_quiet(self, *, require_answer: bool) -> None:
        """Wait until the receptionist has finished (`Line.quiet`). With `require_answer`,
        first wait (up to `answer_timeout`) for them to say something at all."""
        if require_answer:
            await self._until_answer_starts(self.line.turn)
        await self._wait(self.line.quiet, None)

    async def _wait(self, condition: Callable[[], bool], within: float | None) -> bool:
        """Poll `condition` every frame; False after `within` s; CallOver if the call ended."""
        deadline = None if within is None else self.line.now() + within
        while not condition():
            if self.line.closed.is_set():
                raise CallOver
            if deadline is not None and self.line.now() >= deadline:
                return False
            await asyncio.sleep(FRAME_SECONDS)
        return True

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.line.closed.wait(), seconds)
        if self.line.closed.is_set():
            raise CallOver

    async def _hang_up_later(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.hang_up()
