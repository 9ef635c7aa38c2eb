"""Why a directory file or an employee form was refused: core's `ErrorCode`s in words
(`admin.error.<code>`; the phone codes' words are in `admin_words`), and where it was —
a line and column of the file, or a field of the form."""

from __future__ import annotations

from web.i18n.message import Message, Plural, Text

T = Text


def _ru(one: str, few: str, many: str) -> dict[str, str]:
    # Russian: one (1, 21), few (2-4, 22), many (5-20, 11), other (fractions: like few).
    return {"one": one, "few": few, "many": many, "other": few}


def _same(text: str) -> dict[str, str]:
    """Estonian sentences where the number stands before a postposition or after a colon
    take one form for every count."""
    return {"one": text, "other": text}


MESSAGES: dict[str, Message] = {
    # --- where ------------------------------------------------------------------------------
    "admin.error.at_line": T(
        en="line {line}: {problem}", et="rida {line}: {problem}", ru="строка {line}: {problem}"
    ),
    "admin.error.at_line_column": T(
        en="line {line}, column {column}: {problem}",
        et="rida {line}, veerg {column}: {problem}",
        ru="строка {line}, столбец {column}: {problem}",
    ),
    "admin.error.in_field": T(
        en="{field}: {problem}", et="{field}: {problem}", ru="{field}: {problem}"
    ),
    # --- the file as a whole ----------------------------------------------------------------
    "admin.error.directory.empty_file": T(
        en="the file is empty: expected a header line '{header}'",
        et="fail on tühi: esimene rida peab olema päis „{header}“",
        ru="файл пуст: первой строкой должен быть заголовок «{header}»",
    ),
    "admin.error.directory.not_utf8": T(
        en="the file is not UTF-8 text (byte {byte}); save it as 'CSV UTF-8'",
        et="fail pole UTF-8 kodeeringus (bait {byte}); salvestage see vormingus „CSV UTF-8“",
        ru="файл не в кодировке UTF-8 (байт {byte}); сохраните его в формате «CSV UTF-8»",
    ),
    "admin.error.directory.bad_header": T(
        en="the header must be '{header}' (then optionally '{optional}'), found '{found}'",
        et="päis peab olema „{header}“ (soovi korral lisaks „{optional}“), failis on „{found}“",
        ru="заголовок должен быть «{header}» (при желании затем «{optional}»), а в файле «{found}»",
    ),
    "admin.error.directory.too_many": Plural(
        en={
            "one": "… stopped after {count} problem",
            "other": "… stopped after {count} problems",
        },
        et=_same("… kontroll peatati {count} vea järel"),
        ru=_ru(
            "… проверка остановлена после {count} ошибки",
            "… проверка остановлена после {count} ошибок",
            "… проверка остановлена после {count} ошибок",
        ),
    ),
    # --- one row or one form ----------------------------------------------------------------
    "admin.error.directory.column_count": Plural(
        en={
            "one": "expected {count} column, found {found}",
            "other": "expected {count} columns, found {found}",
        },
        et=_same("veerge peab olema {count}, real on {found}"),
        ru=_ru(
            "нужен {count} столбец, а в строке {found}",
            "нужно {count} столбца, а в строке {found}",
            "нужно {count} столбцов, а в строке {found}",
        ),
    ),
    "admin.error.directory.name_empty": T(
        en="the name is empty", et="nimi on tühi", ru="имя не заполнено"
    ),
    "admin.error.directory.too_long": Plural(
        en={"one": "more than {count} character", "other": "more than {count} characters"},
        et={"one": "rohkem kui {count} tähemärk", "other": "rohkem kui {count} tähemärki"},
        ru=_ru("больше {count} символа", "больше {count} символов", "больше {count} символов"),
    ),
    "admin.error.directory.alias_too_long": Plural(
        en={
            "one": "an alias has more than {count} character",
            "other": "an alias has more than {count} characters",
        },
        et={
            "one": "üks teistest nimedest on pikem kui {count} tähemärk",
            "other": "üks teistest nimedest on pikem kui {count} tähemärki",
        },
        ru=_ru(
            "одно из других имён длиннее {count} символа",
            "одно из других имён длиннее {count} символов",
            "одно из других имён длиннее {count} символов",
        ),
    ),
    "admin.error.directory.bad_email": T(
        en="'{email}' is not a valid e-mail address",
        et="„{email}“ pole korrektne e-posti aadress",
        ru="«{email}» — неверный адрес эл. почты",
    ),
    "admin.error.directory.duplicate_email": T(
        en="{email} is already on line {first}",
        et="{email} on juba real {first}",
        ru="{email} уже есть в строке {first}",
    ),
    "admin.error.directory.bad_slack_id": T(
        en="'{value}' is not a Slack member id (like U024BE7LH)",
        et="„{value}“ pole Slacki liikme ID (näiteks U024BE7LH)",
        ru="«{value}» — не ID участника Slack (пример: U024BE7LH)",
    ),
    "admin.error.directory.bad_active": T(
        en="write true or false, not '{value}'",
        et="kirjutage true või false, mitte „{value}“",
        ru="укажите true или false, а не «{value}»",
    ),
    # --- an admin page refused (4xx), for a browser ---------------------------------------
    "admin.http.back": T(en="Back to Today", et="Tagasi tänasesse", ru="Вернуться к «Сегодня»"),
    "admin.http.400.title": T(en="Bad request", et="Vigane päring", ru="Неверный запрос"),
    "admin.http.400.text": T(
        en="The browser sent something this page cannot read. Go back and try again.",
        et="Brauser saatis midagi, mida see leht lugeda ei oska. Minge tagasi ja proovige uuesti.",
        ru="Браузер отправил то, что эта страница не может прочитать. "
        "Вернитесь и попробуйте снова.",
    ),
    "admin.http.403.title": T(en="Not allowed", et="Pole lubatud", ru="Нет доступа"),
    "admin.http.403.text": T(
        en="This form has expired or did not come from this site. Go back, reload the page "
        "and try again.",
        et="See vorm on aegunud või ei tulnud sellelt saidilt. Minge tagasi, laadige leht "
        "uuesti ja proovige veel kord.",
        ru="Срок действия формы истёк, или она отправлена не с этого сайта. Вернитесь, "
        "обновите страницу и попробуйте ещё раз.",
    ),
    "admin.http.404.title": T(en="Not found", et="Ei leitud", ru="Не найдено"),
    "admin.http.404.text": T(
        en="There is no such page, or what it showed has been erased.",
        et="Sellist lehte pole või selle sisu on kustutatud.",
        ru="Такой страницы нет, или то, что на ней было, удалено.",
    ),
    "admin.http.405.title": T(
        en="Not possible here", et="Siin pole see võimalik", ru="Здесь так нельзя"
    ),
    "admin.http.405.text": T(
        en="This address cannot be used that way. Open it from the menu instead.",
        et="Seda aadressi ei saa nii kasutada. Avage leht menüüst.",
        ru="Этот адрес нельзя использовать таким образом. Откройте страницу из меню.",
    ),
    "admin.http.422.title": T(
        en="Something in the address is wrong",
        et="Aadressis on viga",
        ru="В адресе ошибка",
    ),
    "admin.http.422.text": T(
        en="A value in the address is not valid (a date, say, must look like 2026-12-06). "
        "Go back and choose it again.",
        et="Mõni väärtus aadressis pole korrektne (näiteks kuupäev peab olema kujul "
        "2026-12-06). Minge tagasi ja valige see uuesti.",
        ru="Одно из значений в адресе неверно (например, дата должна выглядеть так: "
        "2026-12-06). Вернитесь и выберите его заново.",
    ),
    "admin.http.other.title": T(en="This did not work", et="See ei õnnestunud", ru="Не получилось"),
    "admin.http.other.text": T(
        en="The request could not be done. Go back and try again.",
        et="Päringut ei saanud täita. Minge tagasi ja proovige uuesti.",
        ru="Запрос не удалось выполнить. Вернитесь и попробуйте снова.",
    ),
}
