"""Slot extractors: each finds one kind of value in an utterance, or nothing.

They are independent of the intent on purpose: "I'm Tom Baker from Acme, here to see
Priya" fills three slots in one breath, whatever the receptionist asked.
"""

from __future__ import annotations

import re

from core import codes
from core.text.phones import find_phone
from core.understanding import patterns as P
from core.understanding.phrases import Phrase, take_company, take_name, take_name_back
from core.understanding.text import Text

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_PHONE_CUE = re.compile(
    r"(?<!\w)(?:phone|number|mobile|tel|telefon\w*|numbril|номер\w*|телефон\w*|"
    r"мобильн\w*|call me|helista\w*|звоните)(?!\w)",
    re.IGNORECASE,
)
_CODE_CHUNK = re.compile(r"[A-Za-z0-9]{1,8}")
# A word with both letters and digits, bounded lookaheads keep it linear.
_MIXED_CODE = re.compile(r"(?<!\w)(?=[A-Za-z]{0,7}\d)(?=\d{0,7}[A-Za-z])[A-Za-z0-9]{4,8}(?!\w)")
_NOT_A_CODE = re.compile(r"\d{1,2}(?:am|pm|st|nd|rd|th)", re.IGNORECASE)
_CODE_LINKS = frozenset({"is", "on", "это", "-", ":"})
_MIN_CODE, _MAX_CODE = 4, 8
_MAX_PARTY = 50


def host(text: Text) -> Phrase | None:
    """The phrase naming whom the visitor came to see, the earliest one if several."""
    found = [p for m in P.HOST_BEFORE.finditer(text.value) if (p := take_name(text, m.end()))]
    found += [
        p for m in P.HOST_AFTER.finditer(text.value) if (p := take_name_back(text, m.start()))
    ]
    return min(found, key=lambda p: p.start) if found else None


def recipient(text: Text) -> Phrase | None:
    """Whom a delivery is for: "for Sarah Chen", "Jüri Tamme jaoks", "для Анны"."""
    found = [p for m in P.RECIPIENT_BEFORE.finditer(text.value) if (p := take_name(text, m.end()))]
    found += [
        p for m in P.RECIPIENT_AFTER.finditer(text.value) if (p := take_name_back(text, m.start()))
    ]
    return min(found, key=lambda p: p.start) if found else None


def visitor(text: Text, *, self_intro: bool = True) -> Phrase | None:
    for m in P.VISITOR_NAMED.finditer(text.value):
        if phrase := take_name(text, m.end()):
            return phrase
    if self_intro:
        for m in P.VISITOR_SELF.finditer(text.value):
            if phrase := take_name(text, m.end(), strict=True):
                return phrase
    return None


def company(text: Text) -> Phrase | None:
    for m in P.COMPANY_BEFORE.finditer(text.value):
        if phrase := take_company(text, m.end()):
            return phrase
    return None


# Said unprompted, only a phrase that mentions the company counts: "just me" or "none"
# mean something else when the receptionist did not ask for a company.
_EXPLICIT_NO_COMPANY = re.compile(
    r"compan|firm|ettevõt|eraisik|erakülastus|eraviisil|isiklik\w* (?:asja|põhjus)|"
    r"private (?:visit|person)|privately|personal (?:reason|business|matter)|"
    r"компани|фирм|организац|частн|личн\w* (?:вопрос|дел)",
    re.IGNORECASE,
)


def no_company(text: Text, *, expected: bool) -> bool:
    said = [m.group() for m in P.NO_COMPANY.finditer(text.value)]
    return bool(said) and (expected or any(_EXPLICIT_NO_COMPANY.search(s) for s in said))


def department(text: str) -> str | None:
    """The canonical department a phrase names, if it names one we know."""
    hits = [(m.start(), canonical) for p, canonical in P.DEPARTMENTS if (m := p.search(text))]
    return min(hits)[1] if hits else None


_DEPARTMENT_FILLER = re.compile(
    r"(?<!\w)(?:the|team|department|dept|office|people|osakon\w*|отдел\w*|команд\w*)(?!\w)",
    re.IGNORECASE,
)


def department_only(phrase: str) -> str | None:
    """The department when the whole phrase is one ("Engineering", "the HR team",
    "бухгалтерии"), so that "Acme Marketing" stays a company."""
    core = " ".join(_DEPARTMENT_FILLER.sub(" ", phrase).split())
    for pattern, canonical in P.DEPARTMENTS:
        if core and pattern.fullmatch(core):
            return canonical
    return None


def purpose(text: Text) -> str | None:
    hits = [m for p in P.PURPOSES if (m := p.search(text.value))]
    return min(hits, key=lambda m: m.start()).group("p") if hits else None


def party_size(text: Text) -> int | None:
    for pattern in P.PARTIES:
        m = pattern.search(text.value)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("pair"):
            return 2
        if groups.get("n"):
            size = _number(groups["n"])
        else:
            companions = _number(groups.get("plus") or "")
            size = companions + 1 if companions else None
        if size is not None and 2 <= size <= _MAX_PARTY:
            return size
    return None


def _number(word: str) -> int | None:
    folded = word.casefold()
    return int(folded) if folded.isascii() and folded.isdecimal() else P.NUMBERS.get(folded)


def when(text: Text) -> tuple[str | None, str | None, bool]:
    """Date and time phrases as said, and whether the date is in the future."""
    times = [m for p in P.TIMES if (m := p.search(text.value))]
    # "kell 14.30" is a time, not the 14th of the 30th month.
    dates = [
        m
        for p in P.DATES
        if (m := p.search(text.value))
        and not any(m.start() < t.end() and t.start() < m.end() for t in times)
    ]
    date = min(dates, key=lambda m: m.start()).group("d") if dates else None
    time = min(times, key=lambda m: m.start()).group("t") if times else None
    future = date is not None and not P.TODAY.fullmatch(date)
    return date, time, future


def code(text: Text, *, bare: bool) -> str | None:
    """A booking code: frontdesk's own anywhere (ten digits or, made before, six; grouped
    any way, typed or said in words: core/codes.py); else one after "code is", or — `bare`
    — the whole reply when a code was asked for. Spelled codes ("K7P 2Q", "k-7-p-2-q")
    come back joined and upper-cased."""
    if own := codes.find(text.value):
        return own
    for m in P.CODE_BEFORE.finditer(text.value):
        if found := _code_at(text.value, m.end()):
            return found
    if bare:
        return _code_at(text.value, 0, whole=True)
    for m in _MIXED_CODE.finditer(text.value):  # "I have a booking, K7P2Q"
        if not _NOT_A_CODE.fullmatch(m.group()):
            return m.group().upper()
    return None


def _code_at(value: str, pos: int, *, whole: bool = False) -> str | None:
    chunks: list[str] = []
    rest = value[pos:].strip()
    for raw in re.split(r"[\s\-:]+", rest)[:10]:
        word = raw.strip(".,!?;\"'")
        if not chunks and word.casefold() in _CODE_LINKS:
            continue
        if not word or not _CODE_CHUNK.fullmatch(word):
            break
        if chunks and len(word) > 4 and word.isalpha():
            break  # a word after the code ("K7P2Q thanks")
        chunks.append(word)
        if len("".join(chunks)) >= _MAX_CODE:
            break
        if raw != word:
            break  # punctuation ended it
    joined = "".join(chunks).upper()
    if not _MIN_CODE <= len(joined) <= _MAX_CODE:
        return None
    if whole and joined.isalpha() and not all(c.isupper() or len(c) == 1 for c in chunks):
        return None  # a reply of plain words ("thank you") is not a code; "KPQX" may be
    return joined


def contact(text: Text, *, expected: bool) -> str | None:
    """An e-mail anywhere; a phone number (with its country code, in E.164) only when asked
    for or announced, since bare digit runs are more often codes, times or room numbers."""
    if m := _EMAIL.search(text.value):
        return m.group().rstrip(".")
    if expected or _PHONE_CUE.search(text.value):
        return find_phone(text.value)
    return None
