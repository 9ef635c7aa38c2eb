"""The outbound side: whole frames as produced (up to 100 ms a message), bounded lead,
marks, clear."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from channels.voice.player import Player
from channels.voice.stream_events import Clear, OutMark, OutMedia
from channels.voice.twilio_stream import parse_outbound


class Line:
    def __init__(self) -> None:
        self.sent: list[tuple[float, object]] = []

    async def send(self, text: str | bytes) -> None:
        self.sent.append((time.monotonic(), parse_outbound(text)))

    def kinds(self) -> list[str]:
        return [type(m).__name__ for _, m in self.sent]


async def chunks(*sizes: int, delay: float = 0.0) -> AsyncIterator[bytes]:
    for size in sizes:
        if delay:
            await asyncio.sleep(delay)
        yield b"\x10" * size


async def test_audio_goes_in_whole_20_ms_frames_and_a_mark_follows_the_sentence() -> None:
    line = Line()
    player = Player(line.send, "MZ1")
    await player.play(chunks(100, 250, 75), "s1")
    media = [m for _, m in line.sent if isinstance(m, OutMedia)]
    # 425 bytes: the two whole frames there are once 350 arrived, then the rest padded
    assert [len(m.payload) for m in media] == [320, 160]
    assert b"".join(m.payload for m in media) == b"\x10" * 425 + b"\xff" * 55
    assert player.frames_sent == 3  # 60 ms of audio
    assert line.kinds()[-1] == "OutMark"
    assert line.sent[-1][1] == OutMark("MZ1", "s1")
    assert player.talking


async def test_a_message_carries_at_most_100_ms() -> None:
    line = Line()
    player = Player(line.send, "MZ1", lead=10.0)
    await player.play(chunks(160 * 12), "s1")  # 240 ms at once
    media = [m for _, m in line.sent if isinstance(m, OutMedia)]
    assert [len(m.payload) for m in media] == [800, 800, 320]
    assert 0.23 <= player.ahead() <= 0.24  # all of it is ahead of the caller's ear


async def test_frames_leave_as_soon_as_they_are_produced() -> None:
    line = Line()
    player = Player(line.send, "MZ1")
    start = time.monotonic()
    task = asyncio.create_task(player.play(chunks(160, 160, delay=0.05), "s1"))
    await asyncio.sleep(0.07)
    assert line.kinds() == ["OutMedia"]  # the first frame did not wait for the second
    assert line.sent[0][0] - start < 0.065
    await task


async def test_never_more_than_the_lead_ahead() -> None:
    line = Line()
    player = Player(line.send, "MZ1", lead=0.1)
    start = time.monotonic()
    await player.play(chunks(160 * 20), "s1")  # 400 ms of audio
    elapsed = time.monotonic() - start
    assert 0.27 <= elapsed <= 0.45  # 400 ms minus the 100 ms lead, give or take
    assert player.ahead() <= 0.13


async def test_echoed_marks_are_heard_in_order() -> None:
    line = Line()
    player = Player(line.send, "MZ1")
    await player.play(chunks(160), "s1")
    await player.play(chunks(160), "s2")
    await player.play(chunks(160), "s3")
    player.echoed("s2")  # vouches for s1 too
    assert player.heard == ["s1", "s2"]
    player.echoed("s3")
    assert player.heard == ["s1", "s2", "s3"]
    assert await player.drained(within=0.1)
    assert not player.talking


async def test_clear_stops_the_line_and_dropped_marks_are_not_heard() -> None:
    line = Line()
    player = Player(line.send, "MZ1")
    await player.play(chunks(160 * 10), "s1")
    await player.play(chunks(160 * 10), "s2")
    player.echoed("s1")
    await player.clear()
    assert isinstance(line.sent[-1][1], Clear)
    assert not player.talking
    player.echoed("s2")  # Twilio sends back the marks it dropped
    assert player.heard == ["s1"]
    assert await player.drained(within=0.1)


async def test_without_echoes_the_clock_decides_when_talking_ends() -> None:
    line = Line()
    player = Player(line.send, "MZ1")
    await player.play(chunks(160 * 3), "s1")  # 60 ms
    assert player.talking
    assert not await player.drained(within=0.15)


async def test_clear_remembers_how_much_of_the_sentence_playing_was_heard() -> None:
    line = Line()
    now = [100.0]
    player = Player(line.send, "MZ1", lead=10.0, clock=lambda: now[0])
    await player.play(chunks(160 * 50), "s1")  # 1 s of audio, sent at once (a long lead)
    await player.play(chunks(160 * 50), "s2")
    now[0] += 1.25  # s1 played, s2 a quarter in; Twilio echoed s1
    player.echoed("s1")
    await player.clear()
    assert player.heard == ["s1"]
    assert list(player.partly_heard) == ["s2"]
    assert abs(player.partly_heard["s2"] - 0.25) < 1e-6
    assert abs(player.partly_seconds["s2"] - 1.0) < 1e-6
    assert "s1" not in player.partly_heard  # heard whole


def test_a_cut_sentence_splits_at_the_word_that_was_playing() -> None:
    from channels.voice.speaking import split_heard

    text = "Sarah Chen in Engineering or Sarah Miller in Marketing."
    assert split_heard(text, 0.0) == ("", text)
    # a third in, "Engineering" was playing: it is said again, whole
    assert split_heard(text, 0.33) == ("Sarah Chen in", "Engineering or Sarah Miller in Marketing.")
    assert split_heard(text, 1.0) == (text, "")
    # no word is ever lost or doubled: the halves are the sentence
    for share in (0.05, 0.2, 0.5, 0.77, 0.99):
        head, rest = split_heard(text, share)
        assert f"{head} {rest}".strip() == text
