"""The admin UI's words: navigation, headings, table headings, buttons, notes, statuses.

Keys are `admin.<page>.<what>`; values stored in the database (statuses, kinds, channels)
are shown through `admin.status.*`, `admin.kind.*`, `admin.channel.*`."""

from __future__ import annotations

from web.i18n.message import Message, Plural, Text

T = Text


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
    "admin.login.too_many": T(
        en="Too many failed sign-ins. Wait 15 minutes and try again.",
        et="Liiga palju ebaõnnestunud sisselogimisi. Oodake 15 minutit ja proovige uuesti.",
        ru="Слишком много неудачных попыток входа. Подождите 15 минут и попробуйте снова.",
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
    # --- visitor data -----------------------------------------------------------------------
    "admin.privacy.heading": T(
        en="A visitor's data", et="Külastaja andmed", ru="Данные посетителя"
    ),
    "admin.privacy.intro": T(
        en="Find everything held about one visitor — visits, conversations, notifications — "
        "to send it to them or to erase it.",
        et="Leidke kõik ühe külastaja kohta hoitav — külastused, vestlused, teavitused —, "
        "et see talle saata või kustutada.",
        ru="Найдите всё, что хранится об одном посетителе, — визиты, разговоры, "
        "уведомления, — чтобы отправить ему эти данные или удалить их.",
    ),
    "admin.privacy.find": T(en="Find", et="Otsi", ru="Найти"),
    "admin.privacy.nothing": T(
        en="Nothing is held about this visitor.",
        et="Selle külastaja kohta pole midagi talletatud.",
        ru="Об этом посетителе ничего не хранится.",
    ),
    "admin.privacy.found": T(
        en="{visits}, {conversations}, {notifications}, {messages}.",
        et="{visits}, {conversations}, {notifications}, {messages}.",
        ru="{visits}, {conversations}, {notifications}, {messages}.",
    ),
    "admin.privacy.download": T(
        en="Download as JSON", et="Laadi alla JSON-failina", ru="Скачать в формате JSON"
    ),
    "admin.privacy.confirm": T(
        en="Erase everything held about this visitor? This cannot be undone.",
        et="Kas kustutada kõik selle külastaja kohta hoitav? Seda ei saa tagasi võtta.",
        ru="Удалить всё, что хранится об этом посетителе? Это действие нельзя отменить.",
    ),
    "admin.privacy.erase": T(en="Erase all of it", et="Kustuta kõik", ru="Удалить всё"),
    "admin.privacy.need_one": T(
        en="Give a name, a phone number or an e-mail address.",
        et="Sisestage nimi, telefoninumber või e-posti aadress.",
        ru="Укажите имя, номер телефона или адрес эл. почты.",
    ),
    "admin.privacy.erased": T(
        en="Erased {visits} and {conversations}. "
        "The erasure is in the audit log, without the visitor's details.",
        et="Kustutatud: {visits} ja {conversations}. "
        "Kustutamine on auditilogis, ilma külastaja andmeteta.",
        ru="Удалено: {visits} и {conversations}. "
        "Удаление записано в журнал аудита без данных посетителя.",
    ),
    # --- the directory -------------------------------------------------------------------
    "admin.directory.add": T(en="Add an employee", et="Lisa töötaja", ru="Добавить сотрудника"),
    "admin.directory.import": T(en="Import CSV", et="Impordi CSV", ru="Импорт CSV"),
    "admin.directory.export": T(en="Export CSV", et="Ekspordi CSV", ru="Экспорт CSV"),
    "admin.directory.search": T(en="Search", et="Otsi", ru="Поиск"),
    "admin.directory.search_placeholder": T(
        en="name, e-mail or department",
        et="nimi, e-post või osakond",
        ru="имя, эл. почта или отдел",
    ),
    "admin.directory.search_button": T(en="Search", et="Otsi", ru="Найти"),
    "admin.directory.department": T(en="Department", et="Osakond", ru="Отдел"),
    "admin.directory.slack": T(en="Slack", et="Slack", ru="Slack"),
    "admin.directory.aliases": T(en="Also known as", et="Teised nimed", ru="Другие имена"),
    "admin.directory.left": T(en="(left)", et="(lahkunud)", ru="(больше не работает)"),
    "admin.directory.deactivate": T(en="Deactivate", et="Deaktiveeri", ru="Деактивировать"),
    "admin.directory.reactivate": T(
        en="Reactivate", et="Aktiveeri uuesti", ru="Активировать снова"
    ),
    "admin.directory.nobody": T(
        en="Nobody matches.", et="Kedagi ei leitud.", ru="Никого не найдено."
    ),
    "admin.directory.limit": T(
        en="Showing the first {limit}; search to narrow it down.",
        et="Näidatakse esimest {limit}; täpsustamiseks kasutage otsingut.",
        ru="Показаны первые {limit}; чтобы сузить список, воспользуйтесь поиском.",
    ),
    "admin.directory.added": T(
        en="{name} was added.", et="{name} on lisatud.", ru="Сотрудник {name} добавлен."
    ),
    "admin.directory.saved": T(
        en="{name} was saved.",
        et="{name} on salvestatud.",
        ru="Данные сотрудника {name} сохранены.",
    ),
    "admin.directory.now_active": T(
        en="{name} is active again.",
        et="{name} on taas aktiivne.",
        ru="Сотрудник {name} снова активен.",
    ),
    "admin.directory.now_inactive": T(
        en="{name} is deactivated.",
        et="{name} on deaktiveeritud.",
        ru="Сотрудник {name} деактивирован.",
    ),
    "admin.directory.email_taken": T(
        en="Someone with the e-mail {email} is already in the directory.",
        et="E-posti aadressiga {email} töötaja on juba nimekirjas.",
        ru="Сотрудник с адресом {email} уже есть в списке.",
    ),
    "admin.directory.pronunciation_long": T(
        en="The pronunciation hint is limited to 200 characters.",
        et="Häälduse vihje võib olla kuni 200 märki pikk.",
        ru="Подсказка по произношению — не длиннее 200 символов.",
    ),
    # --- one employee ----------------------------------------------------------------------
    "admin.employee.phone_help": T(
        en="for SMS when a visitor arrives",
        et="SMS-i jaoks, kui külastaja saabub",
        ru="для SMS о приходе посетителя",
    ),
    "admin.employee.slack_id": T(en="Slack member id", et="Slacki liikme ID", ru="ID в Slack"),
    "admin.employee.aliases_help": T(
        en="nicknames and other spellings or scripts, separated by ;",
        et="hüüdnimed ja teised kirjapildid või tähestikud, eraldajaks ;",
        ru="уменьшительные имена, другие написания и алфавиты через ;",
    ),
    "admin.employee.pronunciation": T(
        en="Pronunciation hint", et="Häälduse vihje", ru="Подсказка по произношению"
    ),
    "admin.employee.pronunciation_help": T(
        en="how the phone voice should say the name",
        et="kuidas telefonihääl nime hääldama peaks",
        ru="как голосовой помощник должен произносить имя",
    ),
    "admin.employee.active": T(en="Works here", et="Töötab siin", ru="Работает здесь"),
    # --- import ----------------------------------------------------------------------------
    "admin.import.title": T(
        en="Import the directory", et="Töötajate import", ru="Импорт списка сотрудников"
    ),
    "admin.import.heading": T(
        en="Import the directory from a CSV",
        et="Töötajate import CSV-failist",
        ru="Импорт списка сотрудников из CSV",
    ),
    "admin.import.intro": T(
        en="Columns, in this order, with a header line: {columns}. People are matched by "
        "e-mail: new ones are added, known ones updated. You will see what changes before "
        "anything is saved.",
        et="Veerud selles järjekorras, päiserida kohustuslik: {columns}. Inimesed seotakse "
        "e-posti aadressi järgi: uued lisatakse, olemasolevad uuendatakse. Enne salvestamist "
        "näete, mis muutub.",
        ru="Столбцы в таком порядке, со строкой заголовка: {columns}. Сотрудники "
        "сопоставляются по адресу эл. почты: новые добавляются, известные обновляются. "
        "Перед сохранением вы увидите, что изменится.",
    ),
    "admin.import.problems": T(
        en="Nothing was imported. Fix these lines and try again:",
        et="Midagi ei imporditud. Parandage need read ja proovige uuesti:",
        ru="Ничего не импортировано. Исправьте эти строки и попробуйте снова:",
    ),
    "admin.import.file": T(en="CSV file", et="CSV-fail", ru="CSV-файл"),
    "admin.import.deactivate_missing": T(
        en="Also deactivate people who are not in the file",
        et="Deaktiveeri ka need, keda failis pole",
        ru="Деактивировать и тех, кого нет в файле",
    ),
    "admin.import.preview": T(en="Preview", et="Eelvaade", ru="Предпросмотр"),
    "admin.import.no_file": T(
        en="Choose a CSV file first.",
        et="Valige kõigepealt CSV-fail.",
        ru="Сначала выберите CSV-файл.",
    ),
    "admin.import.too_large": T(
        en="The file is larger than 2 MB.",
        et="Fail on suurem kui 2 MB.",
        ru="Файл больше 2 МБ.",
    ),
    "admin.import.preview_title": T(
        en="Import preview", et="Impordi eelvaade", ru="Предпросмотр импорта"
    ),
    "admin.import.summary": T(
        en="{added} to add, {updated} to update, {deactivated} to deactivate, "
        "{unchanged} unchanged.",
        et="Lisada: {added}, uuendada: {updated}, deaktiveerida: {deactivated}, "
        "muutmata: {unchanged}.",
        ru="Добавить: {added}, обновить: {updated}, деактивировать: {deactivated}, "
        "без изменений: {unchanged}.",
    ),
    "admin.import.added": T(en="Added", et="Lisatakse", ru="Будут добавлены"),
    "admin.import.updated": T(en="Updated", et="Uuendatakse", ru="Будут обновлены"),
    "admin.import.deactivated": T(
        en="Deactivated", et="Deaktiveeritakse", ru="Будут деактивированы"
    ),
    "admin.import.apply": T(
        en="Apply these changes", et="Rakenda muudatused", ru="Применить изменения"
    ),
    "admin.import.nothing": T(
        en="Nothing would change.", et="Midagi ei muutuks.", ru="Ничего не изменится."
    ),
    "admin.import.back": T(
        en="Back to the directory", et="Tagasi töötajate juurde", ru="Назад к списку сотрудников"
    ),
    "admin.import.done": T(
        en="Imported: {added} added, {updated} updated, {deactivated} deactivated, "
        "{unchanged} unchanged.",
        et="Import tehtud: lisati {added}, uuendati {updated}, deaktiveeriti {deactivated}, "
        "muutmata {unchanged}.",
        ru="Импорт завершён: добавлено {added}, обновлено {updated}, "
        "деактивировано {deactivated}, без изменений {unchanged}.",
    ),
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
    # --- settings ---------------------------------------------------------------------------
    "admin.settings.retention": T(
        en="Keep visits for (days)",
        et="Külastusi hoitakse (päeva)",
        ru="Хранить визиты (дней)",
    ),
    "admin.settings.retention_help": T(
        en="Older visits are deleted with their conversations, notifications and badges.",
        et="Vanemad külastused kustutatakse koos vestluste, teavituste ja külastajakaartidega.",
        ru="Более старые визиты удаляются вместе с разговорами, уведомлениями и бейджами.",
    ),
    "admin.settings.phone": T(
        en="Front-desk phone number",
        et="Vastuvõtu telefoninumber",
        ru="Телефон ресепшена",
    ),
    "admin.settings.phone_help": T(
        en="Callers who ask for a person are transferred here.",
        et="Helistajad, kes soovivad inimesega rääkida, suunatakse sellele numbrile.",
        ru="Сюда переводятся звонки тех, кто просит соединить с человеком.",
    ),
    "admin.settings.hours": T(en="Opening hours", et="Lahtiolekuajad", ru="Часы работы"),
    "admin.settings.hours_help": T(
        en="Like {example}. Visits are booked only within these hours, "
        "and the receptionist tells visitors them.",
        et="Näiteks {example}. Külastusi broneeritakse ainult nende aegade sees "
        "ja administraator ütleb need külastajatele.",
        ru="Например, {example}. Визиты записываются только в эти часы, "
        "и администратор сообщает их посетителям.",
    ),
    "admin.settings.timezone": T(en="Time zone", et="Ajavöönd", ru="Часовой пояс"),
    "admin.settings.escalation": T(
        en="Escalate an unanswered notification after (minutes)",
        et="Vastamata teavitus saadetakse edasi (minuti pärast)",
        ru="Передать дальше уведомление без ответа через (минут)",
    ),
    "admin.settings.escalation_help": T(
        en="A host who has not answered by then is texted.",
        et="Kui võõrustaja pole selleks ajaks vastanud, saadetakse talle SMS.",
        ru="Если принимающий к этому времени не ответил, ему отправляется SMS.",
    ),
    "admin.settings.saved": T(
        en="Settings saved.", et="Seaded salvestatud.", ru="Настройки сохранены."
    ),
    "admin.settings.bad_days": T(
        en="Retention period: give a whole number of days.",
        et="Hoiuaeg: sisestage täisarv päevi.",
        ru="Срок хранения: укажите целое число дней.",
    ),
    "admin.settings.days_range": T(
        en="Retention period: between 1 and 3650 days.",
        et="Hoiuaeg: 1 kuni 3650 päeva.",
        ru="Срок хранения: от 1 до 3650 дней.",
    ),
    "admin.settings.bad_phone": T(
        en="Front-desk number: {problem}.",
        et="Vastuvõtu number: {problem}.",
        ru="Телефон ресепшена: {problem}.",
    ),
    "admin.settings.bad_minutes": T(
        en="Escalation time: give a number of minutes.",
        et="Edasisaatmise aeg: sisestage minutite arv.",
        ru="Время до передачи: укажите число минут.",
    ),
    "admin.settings.minutes_range": T(
        en="Escalation time: between 0.5 and 120 minutes.",
        et="Edasisaatmise aeg: 0,5 kuni 120 minutit.",
        ru="Время до передачи: от 0,5 до 120 минут.",
    ),
    "admin.settings.bad_hours": T(
        en="Opening hours: {problem}.",
        et="Lahtiolekuajad: {problem}.",
        ru="Часы работы: {problem}.",
    ),
    "admin.settings.bad_zone": T(
        en="Time zone: '{zone}' is not one (choose one from the list, like Europe/Tallinn).",
        et="Ajavöönd: „{zone}“ pole ajavöönd (valige loendist, näiteks Europe/Tallinn).",
        ru="Часовой пояс: «{zone}» — не часовой пояс "
        "(выберите из списка, например Europe/Tallinn).",
    ),
}
