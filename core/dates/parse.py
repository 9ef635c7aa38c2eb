"""Dates and times as visitors say them, in three languages, to a day and a clock time.

`dateparser` alone returns nothing for "homme kell 14", "järgmisel esmaspäeval" or
"ülehomme", reads "завтра в два часа дня" as 11:00 and "в пятницу в 9" as last Friday at
midnight. So the common shapes are read here by rules — relative days, weekdays with
"next"/"this", day-and-month in every case form, clock times with cues ("at", "kell",
"в"), number words, halves and quarters, parts of the day — and `dateparser` is only the
fallback for a day said some other way ("in two weeks", "через неделю", "on the 20th").

Everything works on the office's calendar: `today` is the office's date, and the result
is a local day and time; the caller combines them in the office's time zone.

An hour said without am/pm from 1 to 7 is read as the afternoon ("at 2" → 14:00): nobody
books an office visit for two in the morning, and the read-back shows the time anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.dates import words as W
from core.text import numbers as N
from core.text.fold import fold_case

_AFTERNOON_GUESS = range(1, 8)


@dataclass(frozen=True, slots=True)
class Said:
    """What a phrase said: a day, a time, both or neither. `vague` is a day meant but not
    named ("next week"), so the receptionist asks which day rather than not understanding."""

    day: date | None = None
    at: time | None = None
    vague: bool = False

    @property
    def empty(self) -> bool:
        return self.day is None and self.at is None


def parse_when(text: str, *, today: date, bare_hour: bool = False) -> Said:
    """Read a date and/or a time from `text` (a phrase or a whole reply). With `bare_hour`
    (the receptionist just asked for a time) a lone number is an hour: "2", "14", "kaks"."""
    s = " " + fold_case(text)[:200] + " "
    day, s = _numeric_day(s, today)
    at, s = _clock(s)
    if at is None and bare_hour and (m := _BARE_HOUR.fullmatch(s.strip(" .!"))):
        hour = _hour(m[1])
        if hour is not None and hour <= 23 and int(m[2] or 0) <= 59:
            at = time(_day_part(hour, s), int(m[2] or 0))
    if day is None:
        day, s = _named_day(s, today)
    vague = day is None and bool(_VAGUE.search(s))
    if day is None and not vague:
        day = _relative_offset(s, today) or _fallback(s, today)
    return Said(day=day, at=at, vague=vague)


# --- days -------------------------------------------------------------------------------

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASHED = re.compile(r"(?<![\d:])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d:])")
# "14.03." and "14.03.2026" are dates; "14.30" or "kell 10.15" are read as times later.
_DOTTED = re.compile(r"(?<![\d:.])(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?![\d:])")
_DOTTED_SHORT = re.compile(
    r"(?<![\d:.])(?<!kell )(?<!kl )(?<!at )(?<!в )(?<!к )(\d{1,2})\.(\d{1,2})(?![\d:.])"
)
_YEAR = r"(?:,?\s+(\d{4})(?!\d))?"
_DAY_MONTH = re.compile(
    rf"(?<![\d:])(\d{{1,2}})(?:st|nd|rd|th|\.|-?го|-?е)?\s*(?:of\s+)?([^\W\d_]+){_YEAR}"
)
_MONTH_DAY = re.compile(rf"([^\W\d_]+)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]){_YEAR}")
_VAGUE = re.compile(
    r"(?<!\w)(?:next week|this week|later this week|järgmisel nädalal|sel nädalal|"
    r"tuleval nädalal|на (?:следующей|этой) неделе)(?!\w)"
)


def _month(word: str) -> int | None:
    if word in W.MONTH_EXACT:
        return W.MONTH_EXACT[word]
    for stem, month in W.MONTH_STEMS.items():
        if word.startswith(stem):
            return month
    return None


def _upcoming(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date with this day and month, this year or — when already past — next year."""
    try:
        if year is not None:
            return date(year + 2000 if year < 100 else year, month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _numeric_day(s: str, today: date) -> tuple[date | None, str]:
    if m := _ISO.search(s):
        return _cut(s, m, _upcoming(today, int(m[2]), int(m[3]), int(m[1])))
    for pattern in (_SLASHED, _DOTTED):
        if m := pattern.search(s):
            year = int(m[3]) if m[3] else None
            return _cut(s, m, _upcoming(today, int(m[2]), int(m[1]), year))
    if (m := _DOTTED_SHORT.search(s)) and 1 <= int(m[2]) <= 12:
        return _cut(s, m, _upcoming(today, int(m[2]), int(m[1])))
    for m in _DAY_MONTH.finditer(s):
        if (month := _month(m[2])) is not None:
            return _cut(s, m, _upcoming(today, month, int(m[1]), _int(m[3])))
    for m in _MONTH_DAY.finditer(s):
        if (month := _month(m[1])) is not None:
            return _cut(s, m, _upcoming(today, month, int(m[2]), _int(m[3])))
    return None, s


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _cut(s: str, m: re.Match[str], found: date | None) -> tuple[date | None, str]:
    if found is None:
        return None, s
    return found, s[: m.start()] + " " + s[m.end() :]


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _named_day(s: str, today: date) -> tuple[date | None, str]:
    if "day after tomorrow" in s:
        return today + timedelta(days=2), s.replace("day after tomorrow", " ")
    tokens = _WORD.findall(s)
    for i, token in enumerate(tokens):
        if token in W.TODAY:
            return today, s
        if token in W.TOMORROW:
            return today + timedelta(days=1), s
        if token in W.DAY_AFTER:
            return today + timedelta(days=2), s
        weekday = _weekday(token)
        if weekday is not None:
            before = tokens[max(0, i - 2) : i]
            return _weekday_date(today, weekday, before), s
    return None, s


def _weekday(token: str) -> int | None:
    if token in W.EN_WEEKDAYS:
        return W.EN_WEEKDAYS[token]
    for stem, weekday in W.WEEKDAY_STEMS.items():
        if token.startswith(stem):
            return weekday
    return None


def _weekday_date(today: date, weekday: int, before: list[str]) -> date:
    """A bare weekday is the next one after today; "next Tuesday" is the Tuesday of next
    week; "this Tuesday" the one of this week if still ahead."""
    ahead = (weekday - today.weekday()) % 7 or 7
    if any(w in W.NEXT or w.startswith(W.NEXT_STEMS) for w in before):
        next_monday = today + timedelta(days=7 - today.weekday())
        return next_monday + timedelta(days=weekday)
    if any(w in W.THIS or w.startswith(W.THIS_STEMS) for w in before):
        this_week = today + timedelta(days=weekday - today.weekday())
        return this_week if this_week >= today else today + timedelta(days=ahead)
    return today + timedelta(days=ahead)


_OFFSET = re.compile(
    r"(?:in|после|через)?\s*(\d{1,2}|\w+)\s+(days?|weeks?|päeva|nädala|дн\w*|недел\w*)"
    r"(?:\s+(?:pärast|from now))?"
)
# "in two weeks", "kahe nädala pärast", "через две недели": how many days or weeks.
_COUNT_WORDS = (
    {"a": 1}
    | W.EN_HOURS
    | N.readings(N.ET_GENITIVE, 1, 5)
    | N.readings(N.CARDINALS["ru"], 2, 5)
    | N.readings(N.RU_FEMININE, 2, 2)
)


def _relative_offset(s: str, today: date) -> date | None:
    """ "in two weeks", "kahe nädala pärast", "через 3 дня"; "через неделю" (one week)."""
    m = _OFFSET.search(s)
    if m:
        count = int(m[1]) if m[1].isdigit() else _COUNT_WORDS.get(m[1])
        if count:
            unit = 7 if m[2][0] in "wnн" else 1
            return today + timedelta(days=count * unit)
    if re.search(r"через неделю|a week from (?:now|today)|(?<!\w)nädala pärast", s):
        return today + timedelta(days=7)
    return None


def _fallback(s: str, today: date) -> date | None:
    """dateparser for the shapes the rules do not know; only a day from today on."""
    if not re.search(r"[^\W_]", s):
        return None
    import dateparser  # imported here: only the rare phrase the rules miss needs it

    found: datetime | None = dateparser.parse(
        s.strip(),
        languages=["en", "et", "ru"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, time(12)),
            "REQUIRE_PARTS": ["day"],
        },
    )
    if found is None or found.date() < today:
        return None
    return found.date()


# --- clock times ------------------------------------------------------------------------

_MERIDIEM = r"(?:a\.?m\.?|p\.?m\.?)"
_HM = re.compile(rf"(?<![\d.:])(\d{{1,2}})[:.](\d{{2}})(?![\d:])\s*({_MERIDIEM})?")
_H_MERIDIEM = re.compile(rf"(?<![\d.:])(\d{{1,2}})\s*({_MERIDIEM})(?!\w)")
_CUE = r"(?:at|around|by|kell|kl\.?|umbes|в|к|около|часов в)"
_CUED_H = re.compile(rf"(?<!\w){_CUE}\s*(\d{{1,2}})(?![\d:.]\d)")
_H_PART = re.compile(
    r"(?<![\d.:])(\d{1,2})\s+(?:in the (?:morning|afternoon|evening)|at night|hommikul|"
    r"päeval|pärastlõunal|õhtul|утра|дня|вечера)(?!\w)"
)
_H_OCLOCK = re.compile(r"(?<![\d.:])(\d{1,2})\s*(?:o'?clock|час\w*|tund\w*)")
_HOUR_WORD = "|".join(sorted(W.HOUR_WORDS, key=len, reverse=True))
_CUED_WORD = re.compile(rf"(?<!\w)(?:{_CUE}\s+)({_HOUR_WORD})(?!\w)")
_WORD_OCLOCK = re.compile(rf"(?<!\w)({_HOUR_WORD})\s+(?:o'?clock|часа|часов)(?!\w)")
_EN_PAST = re.compile(rf"(?<!\w)(half|quarter) past (\d{{1,2}}|{_HOUR_WORD})(?!\w)")
_EN_TO = re.compile(rf"(?<!\w)quarter to (\d{{1,2}}|{_HOUR_WORD})(?!\w)")
_ET_PART = re.compile(rf"(?<!\w)(pool|veerand|kolmveerand) (\d{{1,2}}|{_HOUR_WORD})(?!\w)")
_RU_HALF = re.compile(r"(?<!\w)(?:половин[аеуы]\s+|пол[-\s]?)(\w+)")
_RU_QUARTER = re.compile(r"(?<!\w)четверть (\w+)")
_RU_TO = re.compile(rf"(?<!\w)без четверти (\d{{1,2}}|{_HOUR_WORD})(?!\w)")
_BARE_HOUR = re.compile(rf"(\d{{1,2}}|{_HOUR_WORD})(?:[ :.](\d{{2}}))?")
_NOON = re.compile(r"(?<!\w)(?:noon|midday|keskpäeval|в полдень)(?!\w)")


def _hour(value: str) -> int | None:
    return int(value) if value.isdigit() else W.HOUR_WORDS.get(value)


def _clock(s: str) -> tuple[time | None, str]:
    found = _clock_parts(s)
    if found is None:
        return None, s
    hour, minute, m, explicit = found
    rest = s[: m.start()] + " " + s[m.end() :]
    if explicit is None:
        hour = _day_part(hour, s)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None, rest
    return time(hour, minute), rest


def _clock_parts(s: str) -> tuple[int, int, re.Match[str], bool | None] | None:
    """(hour, minute, the match, whether am/pm was said: True pm, False am, None not)."""
    if m := _HM.search(s):
        return _meridiem(int(m[1]), int(m[2]), m, m[3])
    if m := _H_MERIDIEM.search(s):
        return _meridiem(int(m[1]), 0, m, m[2])
    if m := _NOON.search(s):
        return 12, 0, m, True
    if m := _EN_PAST.search(s):
        hour = _hour(m[2])
        if hour is not None:
            return hour, 30 if m[1] == "half" else 15, m, None
    if (m := _EN_TO.search(s)) and (hour := _hour(m[1])):
        return hour - 1, 45, m, None
    if (m := _ET_PART.search(s)) and (hour := _hour(m[2])):
        minute = {"pool": 30, "veerand": 15, "kolmveerand": 45}[m[1]]
        return hour - 1, minute, m, None
    if (m := _RU_TO.search(s)) and (hour := _hour(m[1])):
        return hour - 1, 45, m, None
    if (m := _RU_HALF.search(s)) and (hour := W.RU_COMING_HOUR.get(m[1])):
        return hour - 1, 30, m, None
    if (m := _RU_QUARTER.search(s)) and (hour := W.RU_COMING_HOUR.get(m[1])):
        return hour - 1, 15, m, None
    for pattern in (_CUED_H, _H_OCLOCK, _H_PART, _CUED_WORD, _WORD_OCLOCK):
        if (m := pattern.search(s)) and (hour := _hour(m[1])) is not None:
            return hour, 0, m, None
    return None


def _meridiem(
    hour: int, minute: int, m: re.Match[str], said: str | None
) -> tuple[int, int, re.Match[str], bool | None]:
    if said is None:
        return hour, minute, m, None
    pm = said.startswith("p")
    if pm and hour < 12:
        hour += 12
    elif not pm and hour == 12:
        hour = 0
    return hour, minute, m, pm


def _day_part(hour: int, s: str) -> int:
    tokens = set(_WORD.findall(s)) | set(s.split())
    if tokens & W.AFTERNOON or "in the afternoon" in s or "in the evening" in s:
        return hour + 12 if hour < 12 else hour
    if tokens & W.MORNING or "in the morning" in s:
        return 0 if hour == 12 else hour
    if hour in _AFTERNOON_GUESS and not tokens & W.NIGHT:
        return hour + 12
    return hour
