"""Fonts for badges, so that a name prints in whatever script it was typed in.

The badge draws each character with the first font in the chain that has a glyph for it:
the configured font (FRONTDESK_BADGE_FONT), DejaVu Sans (Debian's fonts-dejavu-core:
Latin with Õ, Š, Ž, Cyrillic, Greek and more), the same DejaVu that matplotlib ships if it
is installed, Liberation Sans, two CJK fonts if present, and last reportlab's own Vera
(Latin-1 only, always there). Only TrueType outlines can be embedded by reportlab, which
is why the CJK candidates are TrueType collections rather than Noto's CFF fonts. Right-
to-left scripts are drawn in logical order without shaping: a known limit.
"""

from __future__ import annotations

import importlib.util
import itertools
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

_DEBIAN = Path("/usr/share/fonts/truetype")
_REPORTLAB = Path(importlib.util.find_spec("reportlab").origin or "").parent / "fonts"  # type: ignore[union-attr]


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def candidates(configured: Path | None) -> list[tuple[Path, Path]]:
    """(regular, bold) font files to try, best first."""
    pairs: list[tuple[Path, Path]] = []
    if configured is not None:
        pairs.append((configured, configured))
    for folder in (_DEBIAN / "dejavu", _matplotlib_fonts()):
        if folder is not None:
            pairs.append((folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"))
    liberation = _DEBIAN / "liberation"
    pairs.append(
        (liberation / "LiberationSans-Regular.ttf", liberation / "LiberationSans-Bold.ttf")
    )
    for cjk in (
        _DEBIAN / "wqy" / "wqy-zenhei.ttc",
        _DEBIAN / "droid" / "DroidSansFallbackFull.ttf",
    ):
        pairs.append((cjk, cjk))
    pairs.append((_REPORTLAB / "Vera.ttf", _REPORTLAB / "VeraBd.ttf"))
    return pairs


@dataclass(frozen=True, slots=True)
class Face:
    name: str  # as registered with reportlab
    chars: frozenset[int]

    def has(self, char: str) -> bool:
        return ord(char) in self.chars or unicodedata.category(char) in ("Zs", "Cc")


@cache
def _load(path: Path) -> Face | None:
    if not path.is_file():
        return None
    name = f"fd-{path.stem}"
    try:
        font = TTFont(name, str(path), asciiReadable=False)
    except (TTFError, OSError, ValueError):
        return None  # not a TrueType font reportlab can embed
    pdfmetrics.registerFont(font)
    return Face(name, frozenset(font.face.charToGlyph))


_REMEMBERED_CHARACTERS = 4096


@dataclass(frozen=True)
class FontChain:
    regular: tuple[Face, ...]
    bold: tuple[Face, ...]
    # Which face draws a character, by (bold, character): looked up along the chain once
    # per process rather than again for every character of every badge (the same few
    # dozen characters make up most badges). Bounded, so odd input cannot grow it forever.
    _drawn_by: dict[tuple[bool, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def find(cls, configured: Path | None = None) -> FontChain:
        regular, bold = [], []
        for regular_path, bold_path in candidates(configured):
            face = _load(regular_path)
            if face is None:
                continue
            regular.append(face)
            bold.append(_load(bold_path) or face)
        return cls(tuple(regular), tuple(bold))

    def runs(self, text: str, *, bold: bool = False) -> list[tuple[str, str]]:
        """`text` as (font name, piece) runs, each piece drawable in its font."""
        chars = unicodedata.normalize("NFC", text)
        by_face = itertools.groupby(chars, key=lambda char: self._face_for(char, bold))
        return [(face, "".join(piece)) for face, piece in by_face]

    def _face_for(self, char: str, bold: bool) -> str:
        name = self._drawn_by.get((bold, char))
        if name is None:
            faces = self.bold if bold else self.regular
            name = next((f for f in faces if f.has(char)), faces[0]).name
            if len(self._drawn_by) < _REMEMBERED_CHARACTERS:
                self._drawn_by[bold, char] = name
        return name

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        # reportlab has no type hints: its widths are floats
        return sum(float(pdfmetrics.stringWidth(p, f, size)) for f, p in self.runs(text, bold=bold))

    def missing(self, text: str) -> str:
        """The characters of `text` no font in the chain can draw."""
        chars = unicodedata.normalize("NFC", text)
        return "".join(sorted({c for c in chars if not any(f.has(c) for f in self.regular)}))

    def uses(self, path: Path) -> bool:
        """Whether the font file at `path` made it into the chain."""
        face = _load(path)
        return face is not None and face in self.regular

    def covers(self, sample: str) -> bool:
        return not self.missing(sample)
