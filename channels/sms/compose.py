"""A reply as one text message: plain, and as few segments as sense allows.

The words come from the catalogue in the SMS style (its short variants); here the text
is made fit for the medium. No markup survives (a phone shows asterisks as asterisks).
Typographic punctuation — dashes, curly quotes, an ellipsis — is what most often tips an
English (or õ-free Estonian) message out of the GSM alphabet into UCS-2, halving the
characters a segment holds; when swapping it for its plain equivalent makes the whole
message GSM, it is swapped. When the message is UCS-2 anyway (Cyrillic, õ), the
typography stays: the plain forms would cost as much or more.

A reply longer than `MAX_SEGMENTS` loses whole sentences from its middle — the first
sentence (what happened) and the last (what the receptionist asks) are kept — and a single
sentence too long for the budget is cut at a word with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from channels.sms.segments import MULTI, SINGLE, count, is_gsm

MAX_SEGMENTS = 4

_PLAIN = str.maketrans(
    {
        "\u2014": "-",  # em dash
        "\u2013": "-",  # en dash
        "\u2212": "-",  # minus
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2022": "-",
    }
)
_MARKUP = re.compile(r"(\*\*|__|`+|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_LINK = re.compile(r"\[([^\]]+)\]\((\S+)\)")
_SPACE = re.compile(r"[ \t\r\n]+")


def plain(text: str) -> str:
    """Markup gone, whitespace collapsed: what a phone shows is what was meant."""
    text = _LINK.sub(r"\1 \2", text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def cheapest(text: str) -> str:
    """The GSM-alphabet spelling of `text` when punctuation alone kept it out."""
    if is_gsm(text):
        return text
    swapped = text.translate(_PLAIN)
    return swapped if is_gsm(swapped) else text


def compose(sentences: Sequence[str], *, max_segments: int = MAX_SEGMENTS) -> str:
    parts = [p for p in (plain(s) for s in sentences) if p]
    body = cheapest(" ".join(parts))
    while count(body).segments > max_segments and len(parts) > 2:
        del parts[-2]  # a middle sentence; the first and the question survive
        body = cheapest(" ".join(parts))
    if count(body).segments > max_segments:
        body = _cut(body, max_segments)
    return body


def _cut(text: str, max_segments: int) -> str:
    encoding = count(text).encoding
    budget = SINGLE[encoding] if max_segments == 1 else MULTI[encoding] * max_segments
    cut = text[: budget - 3]
    while count(cut + "...").segments > max_segments:  # extension characters cost two
        cut = cut[:-1]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    ellipsis = "..." if encoding == "GSM-7" else "…"
    return head.rstrip(" ,;:-") + ellipsis
