"""espeak-ng: the embedded voice for every language, offline, first audio in milliseconds.

Robotic, but it speaks en, et and ru from a Debian package and starts talking ~20 ms after
it is asked. Each sentence runs one `espeak-ng --stdout` process (text on stdin, never a
shell, never argv); its WAV stream is read as it is written, the header parsed, the PCM
resampled 22050 → 8000 Hz with one streaming resampler and μ-law encoded chunk by chunk.
Stopping early (barge-in, hang-up) kills the process and reaps it.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import struct
import subprocess
from collections.abc import AsyncGenerator, Mapping

from channels.voice.tts.base import SpeechError
from channels.voice.tts.pcm import UlawEncoder
from core.messages import Language

BINARY = "espeak-ng"
# espeak-ng's voice names per language, best first.
VOICE_CANDIDATES: Mapping[Language, tuple[str, ...]] = {
    "en": ("en-us", "en", "en-gb"),
    "et": ("et",),
    "ru": ("ru",),
}
# Words per minute and pitch (0-99) for a phone line: a little slower than espeak-ng's
# 175 wpm default, so names survive the 8 kHz channel; pitch a touch lower, less shrill.
PHONE_RATE_WPM = 160
PHONE_PITCH = 45
READ_BYTES = 4096  # ~93 ms of 22050 Hz PCM per read: small enough to start early


def binary_path() -> str | None:
    return shutil.which(BINARY)


def installed_voices(binary: str | None = None) -> dict[Language, str]:
    """The espeak-ng voice to use per language, from what `espeak-ng --voices` lists."""
    path = binary or binary_path()
    if path is None:
        return {}
    try:
        listing = subprocess.run(
            [path, "--voices"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    names = set()
    for line in listing.splitlines()[1:]:  # the first line is the column header
        columns = line.split()
        if len(columns) >= 2:
            names.add(columns[1].lower())
    voices: dict[Language, str] = {}
    for language, candidates in VOICE_CANDIDATES.items():
        for candidate in candidates:
            if candidate in names:
                voices[language] = candidate
                break
    return voices


class EspeakSynth:
    """espeak-ng behind the `SpeechSynth` Protocol; one process per sentence."""

    name = "espeak-ng"

    def __init__(
        self,
        voices: Mapping[Language, str] | None = None,
        *,
        binary: str | None = None,
        rate_wpm: int = PHONE_RATE_WPM,
        pitch: int = PHONE_PITCH,
    ) -> None:
        self._binary = binary or binary_path() or BINARY
        self._voices = dict(voices if voices is not None else installed_voices(self._binary))
        self.languages: frozenset[Language] = frozenset(self._voices)
        self._rate = rate_wpm
        self._pitch = pitch

    async def stream(self, text: str, language: Language) -> AsyncGenerator[bytes, None]:
        voice = self._voices.get(language)
        if voice is None:
            raise SpeechError(f"espeak-ng has no voice installed for {language!r}")
        spoken = " ".join(text.split())
        if not spoken:
            return
        try:
            process = await asyncio.create_subprocess_exec(
                self._binary,
                "--stdout",
                "--stdin",
                "-b",
                "1",  # the text is UTF-8
                "-v",
                voice,
                "-s",
                str(self._rate),
                "-p",
                str(self._pitch),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as error:
            raise SpeechError(f"espeak-ng could not be started: {error}") from error
        try:
            assert process.stdin is not None and process.stdout is not None
            # Written without waiting: the transport feeds stdin while we read stdout.
            process.stdin.write(spoken.encode("utf-8"))
            process.stdin.close()
            encoder = UlawEncoder(await _read_wav_header(process.stdout, process))
            while chunk := await process.stdout.read(READ_BYTES):
                if ulaw := encoder.feed_bytes(chunk):
                    yield ulaw
            if tail := encoder.flush():
                yield tail
            await _check_exit(process)
        finally:
            await _reap(process)

    async def aclose(self) -> None:
        """Nothing is held between sentences: each process is reaped when its stream ends."""


async def _read_wav_header(
    stdout: asyncio.StreamReader, process: asyncio.subprocess.Process
) -> int:
    """Consume the RIFF header up to the `data` chunk; return the PCM sample rate.

    espeak-ng streams, so the sizes in its header are placeholders; the data chunk simply
    runs until the end of the output.
    """
    try:
        riff = await stdout.readexactly(12)
        if riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
            raise SpeechError("espeak-ng did not produce WAV audio")
        rate = 0
        while True:
            chunk_id, size = struct.unpack("<4sI", await stdout.readexactly(8))
            if chunk_id == b"data":
                break
            body = await stdout.readexactly(size + size % 2)
            if chunk_id == b"fmt ":
                audio_format, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
                if (audio_format, channels, bits) != (1, 1, 16):
                    raise SpeechError("espeak-ng produced audio other than 16-bit mono PCM")
    except asyncio.IncompleteReadError as error:
        await _check_exit(process)
        raise SpeechError("espeak-ng produced no audio") from error
    if not rate:
        raise SpeechError("espeak-ng's WAV output has no format chunk")
    return int(rate)


async def _check_exit(process: asyncio.subprocess.Process) -> None:
    """Raise with espeak-ng's own complaint when it failed."""
    assert process.stderr is not None
    complaint = (await process.stderr.read()).decode("utf-8", "replace").strip()
    code = await process.wait()
    if code != 0:
        raise SpeechError(f"espeak-ng failed (exit {code}): {complaint[:200]}")


async def _reap(process: asyncio.subprocess.Process) -> None:
    """Kill a process still speaking and collect it: no zombie, no open pipe left behind.

    The pipes are drained to their end because asyncio only reports the exit once every
    pipe is closed.
    """
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            await pipe.read()
    await process.wait()
