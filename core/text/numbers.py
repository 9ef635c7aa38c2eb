"""Numbers as words in English, Estonian and Russian — the one place they are spelled.

Both directions use these tables: reading ("kell kaks", "в два часа", "kahe nädala
pärast", "нас трое") and saying ("kella kaheksast", "группа из трёх человек", the spoken
time). num2words spells English and Russian numbers of any size and Russian ordinals; it
has no Estonian and no case forms, so those are tabled here.

Tables are indexed by the number (0 first) and spelled as printed, Russian "ё" included;
`readings` gives the folded forms (`core.text.fold.fold_case`) that text is compared in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from num2words import num2words

from core.messages import Language
from core.text.fold import fold_case

# Cardinals 0–19, nominative.
CARDINALS: Mapping[Language, tuple[str, ...]] = {
    "en": (
        *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
        *("seventeen", "eighteen", "nineteen"),
    ),
    "et": (
        *("null", "üks", "kaks", "kolm", "neli", "viis", "kuus", "seitse", "kaheksa"),
        *("üheksa", "kümme", "üksteist", "kaksteist", "kolmteist", "neliteist", "viisteist"),
        *("kuusteist", "seitseteist", "kaheksateist", "üheksateist"),
    ),
    "ru": (
        *("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь"),
        *("девять", "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать"),
        *("пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"),
    ),
}
# Estonian genitive stems 0–9, which -st, -ni, -kesi and the teens and tens attach to.
ET_GENITIVE = (
    *("nulli", "ühe", "kahe", "kolme", "nelja", "viie", "kuue", "seitsme", "kaheksa"),
    "üheksa",
)
# Estonian adessive ordinals 0–9, the case a date takes ("kolmandal märtsil").
ET_ORDINAL_ADESSIVE = (
    *("", "esimesel", "teisel", "kolmandal", "neljandal", "viiendal", "kuuendal"),
    *("seitsmendal", "kaheksandal", "üheksandal"),
)
# Russian genitive cardinals 0–19, and of the tens to 50 ("с восьми", "до двадцати").
RU_GENITIVE = (
    *("ноля", "одного", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми"),
    *("девяти", "десяти", "одиннадцати", "двенадцати", "тринадцати", "четырнадцати"),
    *("пятнадцати", "шестнадцати", "семнадцати", "восемнадцати", "девятнадцати"),
)
RU_TENS_GENITIVE = {2: "двадцати", 3: "тридцати", 4: "сорока", 5: "пятидесяти"}
# Russian feminine forms where they differ ("одна", "две"), collectives 2–10 ("нас
# трое"), "together" forms 2–7 ("вдвоём") and instrumentals 2–5 ("с двумя коллегами").
RU_FEMININE = ("", "одна", "две")
RU_COLLECTIVE = (
    *("", "", "двое", "трое", "четверо", "пятеро", "шестеро", "семеро", "восьмеро"),
    *("девятеро", "десятеро"),
)
RU_TOGETHER = ("", "", "вдвоём", "втроём", "вчетвером", "впятером", "вшестером", "всемером")
RU_INSTRUMENTAL = ("", "", "двумя", "тремя", "четырьмя", "пятью")


def readings(words: Sequence[str], first: int, last: int) -> dict[str, int]:
    """{word: number} for the numbers first..last of a table, folded as text is compared."""
    return {fold_case(words[n]): n for n in range(first, last + 1) if words[n]}


def alternation(words: Iterable[str]) -> str:
    """The words, folded, as one regex alternation, longest first ("kaksteist" before
    "kaks"); the order is fixed, so a compiled pattern is the same on every run."""
    return "|".join(sorted({fold_case(w) for w in words if w}, key=lambda w: (-len(w), w)))


# --- saying a number --------------------------------------------------------------------


def _et_words(n: int) -> str:
    ones = CARDINALS["et"]
    if n < 20:
        return ones[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        word = ones[tens] + "kümmend"
        return word if not rest else f"{word} {ones[rest]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        word = "sada" if hundreds == 1 else ones[hundreds] + "sada"
        return word if not rest else f"{word} {_et_words(rest)}"
    thousands, rest = divmod(n, 1000)
    word = "tuhat" if thousands == 1 else f"{_et_words(thousands)} tuhat"
    return word if not rest else f"{word} {_et_words(rest)}"


def number_words(n: int, language: Language) -> str:
    """A cardinal as the spoken form says it, 0–9999; digits beyond."""
    if n < 0 or n > 9999:
        return str(n)
    if language == "et":
        return _et_words(n)
    return str(num2words(n, lang=language))


def et_genitive(n: int) -> str:
    """Estonian cardinal genitive, 0–59: the stem that -st and -ni attach to."""
    if n < 10:
        return ET_GENITIVE[n]
    if n == 10:
        return "kümne"
    if n < 20:
        return ET_GENITIVE[n - 10] + "teistkümne"
    tens, ones = divmod(n, 10)
    word = ET_GENITIVE[tens] + "kümne"
    return word if not ones else f"{word} {ET_GENITIVE[ones]}"


def et_ordinal_adessive(n: int) -> str:
    """The adessive ordinal a date takes ("seitsmeteistkümnendal märtsil"), 1–39."""
    if n < 10:
        return ET_ORDINAL_ADESSIVE[n]
    if n == 10:
        return "kümnendal"
    if n < 20:
        return ET_GENITIVE[n - 10] + "teistkümnendal"
    tens, ones = divmod(n, 10)
    return ET_GENITIVE[tens] + ("kümnendal" if not ones else f"kümne {ET_ORDINAL_ADESSIVE[ones]}")


def ru_genitive(n: int) -> str:
    """Russian cardinal genitive, 0–59 ("с восьми", "до восемнадцати"); digits beyond."""
    if n < 20:
        return RU_GENITIVE[n] if n >= 0 else str(n)
    tens, ones = divmod(n, 10)
    if tens not in RU_TENS_GENITIVE:
        return str(n)
    word = RU_TENS_GENITIVE[tens]
    return word if not ones else f"{word} {RU_GENITIVE[ones]}"


def ru_ordinal_genitive(n: int) -> str:
    """ "третьего", "двадцать первого": the day of a date, and the hour "пол-" names."""
    words = str(num2words(n, lang="ru", to="ordinal")).split()
    last = words[-1]
    if last.endswith("тий"):  # третий → третьего: the soft sign stays
        last = last[:-2] + "ьего"
    elif last.endswith("ий"):
        last = last[:-2] + "его"
    elif last.endswith(("ый", "ой")):
        last = last[:-2] + "ого"
    return " ".join([*words[:-1], last])


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the Russian noun form that agrees with n (1 сотрудник, 2 сотрудника, 5 сотрудников)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
