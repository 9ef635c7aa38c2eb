"""Calendar words as visitors say them, in English, Estonian and Russian, with the case
forms a date takes in a sentence ("teisipäeval", "во вторник", "14 марта", "märtsil").

Keys are casefolded, with "ё" written "е" (see `core.text.fold.fold_case`). Matching is by
the word's beginning where the stem is unambiguous (`WEEKDAY_STEMS`), so that "reedel",
"reedeks" and "пятницу", "пятницы" all land on Friday.
"""

from __future__ import annotations

from core.text import numbers as N
from core.text.fold import fold_case

# Monday is 0, as in `date.weekday()`. English names are matched whole ("mon" is also the
# start of "money"); Estonian and Russian by their stem, which carries the case endings.
EN_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
WEEKDAY_STEMS: dict[str, int] = {
    "esmaspäev": 0,
    "teisipäev": 1,
    "kolmapäev": 2,
    "neljapäev": 3,
    "reede": 4,
    "laupäev": 5,
    "pühapäev": 6,
    "понедельник": 0,
    "вторник": 1,
    "сред": 2,
    "четверг": 3,
    "пятниц": 4,
    "суббот": 5,
    "воскресень": 6,
}

MONTH_STEMS: dict[str, int] = {
    # English (three letters are enough: "mar", "march")
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "mai": 5,  # Estonian: mai, mail, maiks
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Estonian (jaanuaril, veebruari, märtsis …)
    "jaan": 1,
    "veebr": 2,
    "märts": 3,
    "aprill": 4,
    "juuni": 6,
    "juuli": 7,
    "augus": 8,
    "septemb": 9,
    "oktoob": 10,
    "novemb": 11,
    "detsemb": 12,
    # Russian (января, январе, январь …)
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
# May is too short a stem to match by its beginning in Russian ("ма…"): whole words only.
MONTH_EXACT: dict[str, int] = {"май": 5, "мая": 5, "мае": 5}

TODAY = frozenset({"today", "täna", "сегодня", "tonight"})
TOMORROW = frozenset({"tomorrow", "homme", "homseks", "завтра"})
DAY_AFTER = frozenset({"ülehomme", "послезавтра"})
DAY_AFTER_PHRASE = "day after tomorrow"
# "next Tuesday", "järgmisel teisipäeval", "в следующий вторник"
NEXT = frozenset({"next", "järgmisel", "järgmine", "järgmiseks", "tuleval"})
NEXT_STEMS = ("следующ",)
THIS = frozenset({"this", "coming", "sel", "see", "selle", "sellel"})
THIS_STEMS = ("эт", "ближайш")

# Hours as words: what follows "at", "kell", "в" ("at two", "kell kaks", "в два часа").
EN_HOURS: dict[str, int] = N.readings(N.CARDINALS["en"], 1, 12)
ET_HOURS: dict[str, int] = N.readings(N.CARDINALS["et"], 1, 18)
RU_HOURS: dict[str, int] = {"час": 1} | N.readings(N.CARDINALS["ru"], 1, 18)
HOUR_WORDS: dict[str, int] = EN_HOURS | ET_HOURS | RU_HOURS

# "половина третьего", "полтретьего", "четверть третьего": Russian names the coming hour
# as a genitive ordinal. (Estonian "pool kolm" names it in the nominative: ET_HOURS.)
RU_COMING_HOUR: dict[str, int] = {fold_case(N.ru_ordinal_genitive(n)): n for n in range(1, 13)}

MORNING = frozenset({"am", "a.m.", "morning", "hommikul", "утра", "утром"})
AFTERNOON = frozenset(
    {"pm", "p.m.", "afternoon", "evening", "tonight", "pärastlõunal", "õhtul", "дня", "вечера"}
)
NIGHT = frozenset({"night", "öösel", "ночи"})
