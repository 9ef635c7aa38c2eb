"""Numbers as words for the spoken form, and the plural forms the sentences need.

num2words covers English and Russian; it has no Estonian, so Estonian cardinals up to
9999 are spelled here (enough for counts, minutes, hours and years a receptionist says).
"""

from __future__ import annotations

from num2words import num2words

from core.messages import Language

_ET_ONES = ["null", "üks", "kaks", "kolm", "neli", "viis", "kuus", "seitse", "kaheksa", "üheksa"]
_ET_TEENS = [
    "kümme",
    "üksteist",
    "kaksteist",
    "kolmteist",
    "neliteist",
    "viisteist",
    "kuusteist",
    "seitseteist",
    "kaheksateist",
    "üheksateist",
]


def _et_words(n: int) -> str:
    if n < 10:
        return _ET_ONES[n]
    if n < 20:
        return _ET_TEENS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        word = _ET_ONES[tens] + "kümmend"
        return word if not ones else f"{word} {_ET_ONES[ones]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        word = "sada" if hundreds == 1 else _ET_ONES[hundreds] + "sada"
        return word if not rest else f"{word} {_et_words(rest)}"
    thousands, rest = divmod(n, 1000)
    word = "tuhat" if thousands == 1 else f"{_et_words(thousands)} tuhat"
    return word if not rest else f"{word} {_et_words(rest)}"


def number_words(n: int, language: Language) -> str:
    if n < 0 or n > 9999:
        return str(n)
    if language == "et":
        return _et_words(n)
    return str(num2words(n, lang=language))


# Russian genitive cardinals ("группа из трёх человек"), the only oblique case we need.
_RU_GENITIVE = {
    2: "двух",
    3: "трёх",
    4: "четырёх",
    5: "пяти",
    6: "шести",
    7: "семи",
    8: "восьми",
    9: "девяти",
    10: "десяти",
}


def ru_genitive(n: int) -> str:
    return _RU_GENITIVE.get(n, str(n))


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the Russian noun form that agrees with n (1 сотрудник, 2 сотрудника, 5 сотрудников)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
