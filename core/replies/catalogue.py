"""Every sentence the receptionist says, in English, Estonian and Russian.

Each entry has a written form (web chat, SMS) and a spoken form (the phone: no markup, no
brackets or quotes, numbers as words, short). Where one string serves both, it is given
once. Placeholders are filled by `core.replies.render`, which formats people, lists and
numbers for the language and the style.

The phrases live in one module per topic; this is the one place they are gathered, and a
key defined twice is an error at import, not a silent override.
"""

from __future__ import annotations

from core.replies import badges, booking, calls, checkin, hosts, sms, staff, voice
from core.replies.phrase import Form, Phrase

__all__ = ["CATALOGUE", "Form", "Phrase"]


def _gather(*modules: dict[str, Phrase]) -> dict[str, Phrase]:
    catalogue: dict[str, Phrase] = {}
    for phrases in modules:
        clash = catalogue.keys() & phrases.keys()
        if clash:
            raise RuntimeError(f"reply keys defined twice: {sorted(clash)}")
        catalogue.update(phrases)
    return catalogue


CATALOGUE: dict[str, Phrase] = _gather(
    checkin.PHRASES,
    staff.PHRASES,
    booking.PHRASES,
    hosts.PHRASES,
    sms.PHRASES,
    badges.PHRASES,
    calls.PHRASES,
    voice.PHRASES,
)
