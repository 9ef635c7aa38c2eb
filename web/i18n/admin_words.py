"""The admin UI's words: navigation, headings, table headings, buttons, notes, statuses.

Keys are `admin.<page>.<what>`; values stored in the database (statuses, kinds, channels)
are shown through `admin.status.*`, `admin.kind.*`, `admin.channel.*`."""

from __future__ import annotations

from web.i18n.message import Message, Plural, Text

T = Text
_ET_TOO_MANY = "Liiga palju ebaõnnestunud sisselogimisi. Proovige uuesti {count} minuti pärast."


def _ru(one: str, few: str, many: str) -> dict[str, str]:
    # Russian: one (1, 21), few (2-4, 22), many (5-20, 11), other (fractions: like few).
    return {"one": one, "few": few, "many": many, "other": few}


MESSAGES: dict[str, Message] = {
    # --- the frame every page shares --------------------------------------------------------
    "admin.brand": T(en="frontdesk", et="frontdesk", ru="frontdesk"),
    "admin.nav.label": T(en="Sections", et="Jaotised", ru="Разделы"),
    "admin.nav.today": T(en="Today", et="Täna", ru="Сегодня"),
    "admin.nav.visits": T(en="Visit log", et="Külastuste logi", ru="Журнал визитов"),
    "admin.nav.directory": T(en="Directory", et="Töötajad", ru="Сотрудники"),
    "admin.nav.privacy": T(en="Visitor data", et="Külastaja andmed", ru="Данные посетителя"),
    "admin.nav.settings": T(en="Settings", et="Seaded", ru="Настройки"),
    "admin.language": T(en="Language", et="Keel", ru="Язык"),
    "admin.sign_out": T(en="Sign out", et="Logi välja", ru="Выйти"),
    "admin.csrf_expired": T(
        en="This form has expired or did not come from this site. Reload the page.",
        et="See vorm on aegunud või ei tulnud sellelt saidilt. Laadige leht uuesti.",
        ru="Срок действия формы истёк, или она отправлена не с этого сайта. Обновите страницу.",
    ),
    "admin.none": T(en="None.", et="Puudub.", ru="Нет."),
    "admin.save": T(en="Save", et="Salvesta", ru="Сохранить"),
    "admin.cancel": T(en="Cancel", et="Loobu", ru="Отмена"),
    "admin.any": T(en="any", et="kõik", ru="любой"),
    # --- table headings and labels used on several pages ------------------------------------
    "admin.col.visitor": T(en="Visitor", et="Külastaja", ru="Посетитель"),
    "admin.col.company": T(en="Company", et="Ettevõte", ru="Компания"),
    "admin.col.visiting": T(en="Visiting", et="Kelle juurde", ru="К кому"),
    "admin.col.host": T(en="Host", et="Võõrustaja", ru="Принимающий"),
    "admin.col.people": T(en="People", et="Inimesi", ru="Человек"),
    "admin.col.arrived": T(en="Arrived", et="Saabus", ru="Пришёл"),
    "admin.col.time": T(en="Time", et="Aeg", ru="Время"),
    "admin.col.purpose": T(en="Purpose", et="Eesmärk", ru="Цель"),
    "admin.col.code": T(en="Code", et="Kood", ru="Код"),
    "admin.col.when": T(en="When", et="Millal", ru="Когда"),
    "admin.col.kind": T(en="Kind", et="Liik", ru="Тип"),
    "admin.col.channel": T(en="Channel", et="Kanal", ru="Канал"),
    "admin.col.status": T(en="Status", et="Olek", ru="Статус"),
    "admin.col.contact": T(en="Contact", et="Kontakt", ru="Контакт"),
    "admin.col.visit": T(en="Visit", et="Külastus", ru="Визит"),
    "admin.col.name": T(en="Name", et="Nimi", ru="Имя"),
    "admin.col.phone": T(en="Phone", et="Telefon", ru="Телефон"),
    "admin.col.email": T(en="E-mail", et="E-post", ru="Эл. почта"),
    "admin.col.since": T(en="Since", et="Alates", ru="С"),
    "admin.check_out": T(en="Check out", et="Registreeri lahkumine", ru="Отметить уход"),
    # --- statuses, kinds and channels as stored ---------------------------------------------
    "admin.status.visit.expected": T(en="Expected", et="Oodatakse", ru="Ожидается"),
    "admin.status.visit.checked_in": T(en="Checked in", et="Registreeritud", ru="Зарегистрирован"),
    "admin.status.visit.checked_out": T(en="Checked out", et="Lahkunud", ru="Ушёл"),
    "admin.status.visit.cancelled": T(en="Cancelled", et="Tühistatud", ru="Отменён"),
    "admin.status.visit.delivered": T(en="Delivered", et="Üle antud", ru="Доставлено"),
    "admin.status.note.pending": T(en="Waiting", et="Ootel", ru="В очереди"),
    "admin.status.note.sending": T(en="Sending", et="Saatmisel", ru="Отправляется"),
    "admin.status.note.sent": T(en="Sent", et="Saadetud", ru="Отправлено"),
    "admin.status.note.failed": T(en="Failed", et="Ebaõnnestus", ru="Не удалось"),
    "admin.status.note.acknowledged": T(en="Answered", et="Vastatud", ru="Получен ответ"),
    "admin.status.note.escalated": T(en="Escalated", et="Edasi saadetud", ru="Передано дальше"),
    "admin.status.note.rerouted": T(
        en="Sent another way", et="Saadetud muul viisil", ru="Отправлено другим способом"
    ),
    "admin.status.note.cancelled": T(en="Cancelled", et="Tühistatud", ru="Отменено"),
    "admin.status.badge.pending": T(en="Waiting", et="Ootel", ru="В очереди"),
    "admin.status.badge.rendering": T(en="Being made", et="Valmimas", ru="Готовится"),
    "admin.status.badge.printed": T(en="Printed", et="Prinditud", ru="Напечатан"),
    "admin.status.badge.saved": T(en="Saved", et="Salvestatud", ru="Сохранён"),
    "admin.status.badge.failed": T(en="Failed", et="Ebaõnnestus", ru="Ошибка"),
    "admin.kind.visit": T(en="Visit", et="Külastus", ru="Визит"),
    "admin.kind.delivery": T(en="Delivery", et="Saadetis", ru="Доставка"),
    "admin.channel.web": T(en="Web chat", et="Veebivestlus", ru="Веб-чат"),
    "admin.channel.sms": T(en="SMS", et="SMS", ru="SMS"),
    "admin.channel.voice": T(en="Phone", et="Telefon", ru="Телефон"),
    # --- what a notification is about, and how it travels ----------------------------------
    "admin.note_kind.host_arrival": T(
        en="Visitor arrived", et="Külastaja saabus", ru="Посетитель пришёл"
    ),
    "admin.note_kind.host_booking": T(
        en="Visit booked", et="Külastus broneeritud", ru="Визит запланирован"
    ),
    "admin.note_kind.host_booking_cancelled": T(
        en="Booking cancelled", et="Broneering tühistatud", ru="Запись отменена"
    ),
    "admin.note_kind.host_booking_moved": T(
        en="Booking moved", et="Broneering muudetud", ru="Запись перенесена"
    ),
    "admin.note_kind.host_reminder": T(en="Reminder", et="Meeldetuletus", ru="Напоминание"),
    "admin.note_kind.host_unanswered": T(
        en="Host did not answer", et="Võõrustaja ei vastanud", ru="Принимающий не ответил"
    ),
    "admin.note_kind.host_unreachable": T(
        en="Host unreachable", et="Võõrustajat ei tabatud", ru="Принимающий недоступен"
    ),
    "admin.note_kind.host_declined": T(
        en="Host cannot come", et="Võõrustaja ei saa tulla", ru="Принимающий не сможет подойти"
    ),
    "admin.note_kind.front_desk": T(en="For the front desk", et="Infolauale", ru="Для ресепшена"),
    "admin.note_kind.delivery": T(en="Delivery", et="Saadetis", ru="Доставка"),
    "admin.note_kind.visitor_message": T(
        en="Message to the visitor", et="Sõnum külastajale", ru="Сообщение посетителю"
    ),
    "admin.via.console": T(en="Console", et="Konsool", ru="Консоль"),
    "admin.via.slack": T(en="Slack", et="Slack", ru="Slack"),
    "admin.via.sms": T(en="SMS", et="SMS", ru="SMS"),
    "admin.via.web": T(en="Web chat", et="Veebivestlus", ru="Веб-чат"),
    "admin.via.voice": T(en="Phone", et="Telefon", ru="Телефон"),
    # --- counts -----------------------------------------------------------------------------
    "admin.count.visits": Plural(
        en={"one": "{count} visit", "other": "{count} visits"},
        et={"one": "{count} külastus", "other": "{count} külastust"},
        ru=_ru("{count} визит", "{count} визита", "{count} визитов"),
    ),
    "admin.count.people": Plural(
        en={"one": "{count} person", "other": "{count} people"},
        et={"one": "{count} inimene", "other": "{count} inimest"},
        ru=_ru("{count} человек", "{count} человека", "{count} человек"),
    ),
    "admin.count.conversations": Plural(
        en={"one": "{count} conversation", "other": "{count} conversations"},
        et={"one": "{count} vestlus", "other": "{count} vestlust"},
        ru=_ru("{count} разговор", "{count} разговора", "{count} разговоров"),
    ),
    "admin.count.notifications": Plural(
        en={"one": "{count} notification", "other": "{count} notifications"},
        et={"one": "{count} teavitus", "other": "{count} teavitust"},
        ru=_ru("{count} уведомление", "{count} уведомления", "{count} уведомлений"),
    ),
    "admin.count.messages": Plural(
        en={"one": "{count} message", "other": "{count} messages"},
        et={"one": "{count} sõnum", "other": "{count} sõnumit"},
        ru=_ru("{count} сообщение", "{count} сообщения", "{count} сообщений"),
    ),
    # --- sign in ----------------------------------------------------------------------------
    "admin.login.title": T(en="Sign in", et="Sisselogimine", ru="Вход"),
    "admin.login.heading": T(
        en="Sign in to frontdesk", et="Logige frontdeski sisse", ru="Вход в frontdesk"
    ),
    "admin.login.password": T(en="Password", et="Parool", ru="Пароль"),
    "admin.login.submit": T(en="Sign in", et="Logi sisse", ru="Войти"),
    "admin.login.hint": T(
        en="No account yet? On the server, run {command}.",
        et="Kontot veel pole? Käivitage serveris {command}.",
        ru="Ещё нет учётной записи? Выполните на сервере {command}.",
    ),
    "admin.login.expired": T(
        en="The sign-in form expired. Try again.",
        et="Sisselogimise vorm aegus. Proovige uuesti.",
        ru="Срок действия формы входа истёк. Попробуйте ещё раз.",
    ),
    "admin.login.too_many": Plural(
        en={
            "one": "Too many failed sign-ins. Try again in {count} minute.",
            "other": "Too many failed sign-ins. Try again in {count} minutes.",
        },
        et={
            "one": _ET_TOO_MANY,
            "other": _ET_TOO_MANY,
        },
        ru=_ru(
            "Слишком много неудачных попыток входа. Попробуйте снова через {count} минуту.",
            "Слишком много неудачных попыток входа. Попробуйте снова через {count} минуты.",
            "Слишком много неудачных попыток входа. Попробуйте снова через {count} минут.",
        ),
    ),
    "admin.login.wrong": T(
        en="Wrong e-mail or password.",
        et="Vale e-posti aadress või parool.",
        ru="Неверный адрес эл. почты или пароль.",
    ),
    "admin.login.signed_out": T(
        en="You are signed out.", et="Olete välja logitud.", ru="Вы вышли из системы."
    ),
    # --- today ------------------------------------------------------------------------------
    "admin.today.heading": T(en="Today, {date}", et="Täna, {date}", ru="Сегодня, {date}"),
    "admin.today.inside": T(en="In the building now", et="Praegu majas", ru="Сейчас в здании"),
    "admin.today.evacuation": T(
        en="Evacuation list (print)",
        et="Evakuatsiooninimekiri (prindi)",
        ru="Список для эвакуации (печать)",
    ),
    "admin.today.nobody_inside": T(
        en="Nobody is checked in.",
        et="Keegi pole registreeritud.",
        ru="Никто не зарегистрирован.",
    ),
    "admin.today.expected": T(en="Expected today", et="Täna oodatakse", ru="Ожидаются сегодня"),
    "admin.today.no_bookings": T(
        en="No bookings for today.",
        et="Täna pole ühtegi broneeringut.",
        ru="На сегодня записей нет.",
    ),
    "admin.today.checked_out": T(
        en="{name} is checked out.",
        et="{name} on lahkunuks märgitud.",
        ru="Уход посетителя {name} отмечен.",
    ),
    "admin.today.the_visitor": T(en="The visitor", et="Külastaja", ru="посетитель"),
    "admin.today.not_inside": T(
        en="That visitor was not in the building.",
        et="Seda külastajat polnud majas.",
        ru="Этого посетителя не было в здании.",
    ),
    # --- the evacuation list ----------------------------------------------------------------
    "admin.evacuation.title": T(
        en="Evacuation list", et="Evakuatsiooninimekiri", ru="Список для эвакуации"
    ),
    "admin.evacuation.heading": T(
        en="Visitors in the building", et="Külastajad majas", ru="Посетители в здании"
    ),
    "admin.evacuation.print": T(en="Print", et="Prindi", ru="Печать"),
    # --- the visit log ----------------------------------------------------------------------
    "admin.visits.from": T(en="From", et="Alates", ru="С"),
    "admin.visits.to": T(en="To", et="Kuni", ru="По"),
    "admin.visits.host_placeholder": T(en="name", et="nimi", ru="имя"),
    "admin.visits.filter": T(en="Filter", et="Filtreeri", ru="Показать"),
    "admin.visits.clear": T(en="Clear", et="Tühjenda", ru="Сбросить"),
    "admin.visits.bad_date": T(
        en="'{value}' is not a date: choose one in the calendar, or write it like {example}.",
        et="„{value}“ pole kuupäev: valige see kalendrist või kirjutage näiteks {example}.",
        ru="«{value}» — не дата: выберите её в календаре или напишите, например, {example}.",
    ),
    "admin.visits.none": T(
        en="No visits match.", et="Sobivaid külastusi pole.", ru="Подходящих визитов нет."
    ),
    "admin.visits.limit": T(
        en="Showing the newest {limit}; narrow the filters to see older ones.",
        et="Näidatakse {limit} uusimat; vanemate nägemiseks kitsendage filtreid.",
        ru="Показаны последние {limit}; чтобы увидеть более ранние, уточните фильтры.",
    ),
    # --- one visit --------------------------------------------------------------------------
    "admin.visit.title": T(en="Visit {id}", et="Külastus {id}", ru="Визит {id}"),
    "admin.visit.channel_language": T(en="Channel, language", et="Kanal, keel", ru="Канал, язык"),
    "admin.visit.code": T(en="Booking code", et="Broneeringukood", ru="Код записи"),
    "admin.visit.expected": T(en="Expected", et="Oodatud", ru="Ожидался"),
    "admin.visit.checked_in": T(en="Checked in", et="Registreeris", ru="Регистрация"),
    "admin.visit.checked_out": T(en="Checked out", et="Lahkus", ru="Уход"),
    "admin.visit.recorded": T(en="Recorded", et="Kirja pandud", ru="Создан"),
    "admin.visit.notifications": T(en="Notifications", et="Teavitused", ru="Уведомления"),
    "admin.visit.what": T(en="What", et="Mis", ru="Что"),
    "admin.visit.via": T(en="Via", et="Kaudu", ru="Через"),
    "admin.visit.attempts": T(en="Attempts", et="Katseid", ru="Попыток"),
    "admin.visit.sent": T(en="Sent", et="Saadetud", ru="Отправлено"),
    "admin.visit.last_error": T(en="Last error", et="Viimane viga", ru="Последняя ошибка"),
    "admin.visit.badges": T(en="Badges", et="Külastajakaardid", ru="Бейджи"),
    # --- why a phone number or opening hours cannot be used (core's error codes) -----------
    "admin.error.phone.characters": T(
        en="'{raw}' is not a phone number (digits, spaces, + - ( ) only)",
        et="„{raw}“ pole telefoninumber (lubatud on numbrid, tühikud ja + - ( ))",
        ru="«{raw}» — не номер телефона (допустимы цифры, пробелы и + - ( ))",
    ),
    "admin.error.phone.no_country_code": T(
        en="'{raw}' has no country code: write it like +372 5123 4567",
        et="„{raw}“ on ilma riigikoodita: kirjutage näiteks +372 5123 4567",
        ru="у номера «{raw}» нет кода страны: пишите, например, +372 5123 4567",
    ),
    "admin.error.phone.country": T(
        en="'{raw}' does not start with a country code that exists",
        et="„{raw}“ ei alga olemasoleva riigikoodiga",
        ru="номер «{raw}» начинается не с существующего кода страны",
    ),
    "admin.error.phone.not_a_number": T(
        en="'{raw}' is not a phone number",
        et="„{raw}“ pole telefoninumber",
        ru="«{raw}» — не номер телефона",
    ),
    "admin.error.phone.too_short": T(
        en="'{raw}' is too short for a phone number of that country",
        et="„{raw}“ on selle riigi telefoninumbri jaoks liiga lühike",
        ru="номер «{raw}» слишком короткий для этой страны",
    ),
    "admin.error.phone.too_long": T(
        en="'{raw}' is too long for a phone number of that country",
        et="„{raw}“ on selle riigi telefoninumbri jaoks liiga pikk",
        ru="номер «{raw}» слишком длинный для этой страны",
    ),
    "admin.error.hours.empty": T(
        en="opening hours are empty (write e.g. 'Mon-Fri 08:00-18:00')",
        et="lahtiolekuajad on tühjad (kirjutage näiteks „Mon-Fri 08:00-18:00“)",
        ru="часы работы не указаны (напишите, например, «Mon-Fri 08:00-18:00»)",
    ),
    "admin.error.hours.overlap": T(
        en="opening hours overlap in '{text}'",
        et="lahtiolekuajad kattuvad: „{text}“",
        ru="часы работы пересекаются: «{text}»",
    ),
    "admin.error.hours.days": T(
        en="'{part}' is not a day or a range of days (Mon, Tue-Fri …)",
        et="„{part}“ pole päev ega päevade vahemik (Mon, Tue-Fri …)",
        ru="«{part}» — не день и не диапазон дней (Mon, Tue-Fri …)",
    ),
    "admin.error.hours.no_hours": T(
        en="'{part}' needs hours like 08:00-18:00 after the days",
        et="„{part}“: päevade järel peavad olema kellaajad, näiteks 08:00-18:00",
        ru="«{part}»: после дней нужны часы, например 08:00-18:00",
    ),
    "admin.error.hours.range": T(
        en="'{part}' is not a valid time range",
        et="„{part}“ pole korrektne ajavahemik",
        ru="«{part}» — неверный промежуток времени",
    ),
    "admin.error.hours.backwards": T(
        en="'{part}' closes before it opens",
        et="„{part}“: sulgemisaeg on enne avamisaega",
        ru="«{part}»: время закрытия раньше времени открытия",
    ),
}
