"""How many SMS segments a text costs, the way the network counts them.

A message whose every character is in the GSM 03.38 alphabet travels as 7-bit GSM: 160
characters in one segment, 153 per segment once it is split (the rest of each segment
carries the concatenation header), and the extension characters (€ [ ] { } ~ ^ \\ |)
cost two, since they are sent as ESC plus a character. One character outside it — an
Estonian õ or š, any Cyrillic letter, a typographic dash or quote — turns the whole
message into UCS-2: 70 UTF-16 code units in one segment, 67 per segment once split, an
emoji counting two. A split never cuts an escape pair or a surrogate pair, which is why
segments are packed here character by character rather than divided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

SINGLE = {"GSM-7": 160, "UCS-2": 70}
MULTI = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True, slots=True)
class SegmentCount:
    encoding: Encoding
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int

    def __str__(self) -> str:
        plural = "" if self.segments == 1 else "s"
        return f"{self.segments} segment{plural}, {self.encoding}, {self.units} units"


def is_gsm(text: str) -> bool:
    return all(c in GSM_BASIC or c in GSM_EXTENSION for c in text)


def _cost(char: str, encoding: Encoding) -> int:
    if encoding == "GSM-7":
        return 2 if char in GSM_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def count(text: str) -> SegmentCount:
    encoding: Encoding = "GSM-7" if is_gsm(text) else "UCS-2"
    costs = [_cost(c, encoding) for c in text]
    units = sum(costs)
    if units <= SINGLE[encoding]:
        return SegmentCount(encoding, units, 1 if units else 0)
    segments, room = 1, MULTI[encoding]
    for cost in costs:
        if cost > room:  # an escape or surrogate pair does not straddle two segments
            segments, room = segments + 1, MULTI[encoding]
        room -= cost
    return SegmentCount(encoding, units, segments)
