"""Reading short replies: yes, no, corrections, and the bare answer to what was asked.

"Tom Baker" means nothing on its own; after "What is your name?" it is the visitor, after
"Whom are you here to see?" it is the host. These helpers read a reply in the light of
`context.expecting`; they never guess what was not asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.understanding import extract
from core.understanding import patterns as P
from core.understanding.lexicon import words
from core.understanding.phrases import Phrase, take_company, take_name
from core.understanding.text import Text

_GAP = re.compile(r"[\s,.!?;:\-]+")
_LEAD_INS = words(
    "it's its that's thats um uh erm well so for the see to name company please and also "
    "palun see on nimi firma ja ka это ну для зовут имя компания пожалуйста и а"
)
_FILLER = words("very much so a lot you u please väga palun suur большое огромное пожалуйста")
_MAX_FREE_TEXT = 120


@dataclass(frozen=True, slots=True)
class YesNo:
    affirm: bool
    host: str | None = None
    not_host: str | None = None
    other: bool = False


def skip_gap(value: str, pos: int) -> int:
    m = _GAP.match(value, pos)
    return m.end() if m else pos


def opening(text: Text, *, past_affirm: bool = False, past_deny: bool = False) -> int:
    """Where the content starts: past greetings, "how are you", fillers ("it's", "well"),
    and with `past_affirm` / `past_deny` a leading "yes" / "no"."""
    value = text.value
    pos = skip_gap(value, 0)
    skippers = [P.GREETING, P.SMALLTALK, P.APOLOGY, P.POLITENESS]
    # An acknowledgement opening a reply ("ok, Tom Baker") is passed like a yes, and only
    # where a yes is: "ok" alone must still read as a yes to "Did you mean…?".
    skippers += [P.AFFIRM, P.ACKNOWLEDGE] if past_affirm else []
    skippers += [P.DENY] if past_deny else []
    while pos < len(value):
        m = next((m for p in skippers if (m := p.match(value, pos))), None)
        if m is None:
            word = re.match(r"[^\W\d_]+(?:'[^\W\d_]+)?", value[pos:])
            if word is None or word.group().casefold() not in _LEAD_INS:
                break
            end = pos + word.end()
        else:
            end = m.end()
        pos = skip_gap(value, end)
    return pos


def yes_no(text: Text) -> YesNo | None:
    """A yes or a no at the start, with what a "no" corrects: "not Sarah Chen, Sarah
    Miller", "ei, mitte Jüri, vaid Liis Tamm", "нет, не Петров, а Волков", "no, I meant…",
    "no, the other one"."""
    value = text.value
    pos = opening(text)
    deny = P.DENY.match(value, pos)
    after = skip_gap(value, deny.end()) if deny else pos
    negation = P.NEGATION.match(value, after)
    if negation and (wrong := take_name(text, negation.end(), strict=True)):
        rest = skip_gap(value, wrong.end)
        contrast = P.CONTRAST.match(value, rest)
        right = take_name(text, skip_gap(value, contrast.end()) if contrast else rest)
        return YesNo(False, host=right.value if right else None, not_host=wrong.value)
    if deny:
        meant = P.MEANT.search(value, deny.end())
        right = take_name(text, skip_gap(value, meant.end()) if meant else after)
        other = P.OTHER_ONE.search(value, deny.end()) is not None
        return YesNo(False, host=right.value if right else None, other=other)
    if P.AFFIRM.match(value, pos):
        return YesNo(True)
    return None


def correction_at(text: Text) -> int | None:
    """Where the corrected value starts when the reply opens with a correction, past a
    "no" or an apology: "sorry, I meant Tom", "no — I meant Sarah Miller", "ei, ma
    mõtlesin Marti", «нет, я имел в виду Ивана». None if it does not open with one."""
    value = text.value
    marker = P.MEANT.match(value, opening(text, past_deny=True))
    return skip_gap(value, marker.end()) if marker else None


def only(text: Text, *patterns: re.Pattern[str]) -> bool:
    """Whether the reply says nothing beyond these phrases (and politeness)."""
    rest = text.value
    for pattern in patterns:
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    return all(w.casefold() in _FILLER for w in words)


def bare_name(text: Text) -> Phrase | None:
    return take_name(text, opening(text, past_affirm=True))


def company_after(text: Text, name: Phrase) -> Phrase | None:
    """ "Tom Baker, Acme Corporation" as the answer to the name: the company after a comma,
    when it is all the rest of the reply."""
    tail = text.value[name.end :]
    if not tail.lstrip().startswith(","):
        return None
    company = take_company(text, name.end + tail.index(",") + 1)
    return company if company is not None and covers_rest(text, company) else None


def covers_rest(text: Text, phrase: Phrase) -> bool:
    """The name is all there is ("Priya Patel, please"), not the start of a sentence."""
    tail = text.value[phrase.end :]
    return only(Text(tail), P.THANKS, P.GOODBYE)


def bare_company(text: Text) -> str | None:
    phrase = take_company(text, opening(text, past_affirm=True))
    return phrase.value if phrase else None


def free_text(text: Text) -> str | None:
    """What was said, minus the greeting and fillers: for purpose, date and time answers."""
    rest = text.value[opening(text, past_affirm=True) :].strip(" .!,;")
    return rest[:_MAX_FREE_TEXT] or None


def company_answer(text: Text) -> str | None:
    """The reply to "Which company are you with?": a name, or "" for none."""
    if extract.no_company(text, expected=True):
        return ""
    reply = yes_no(text)
    if reply is not None and not reply.affirm and only(text, P.DENY, P.THANKS):
        return ""
    return bare_company(text)
