"""The admin pages' own words: directory, CSV import, employee form, settings, visitor
data (the shared words — headings, statuses, navigation — are in `admin_words`)."""

from __future__ import annotations

from web.i18n.message import Message, Text

T = Text


def _ru(one: str, few: str, many: str) -> dict[str, str]:
    return {"one": one, "few": few, "many": many, "other": few}


MESSAGES: dict[str, Message] = {
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
    "admin.employee.department_et": T(
        en="Department in Estonian", et="Osakond eesti keeles", ru="Отдел по-эстонски"
    ),
    "admin.employee.department_ru": T(
        en="Department in Russian", et="Osakond vene keeles", ru="Отдел по-русски"
    ),
    "admin.employee.department_help": T(
        en="said to visitors in that language; if empty, the department above is said",
        et="seda öeldakse selles keeles külastajale; tühjaks jättes öeldakse ülemine osakond",
        ru="так отдел назовут посетителю на этом языке; если пусто — как указано выше",
    ),
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
    # the areas of the IANA time zones, as the time-zone list groups them
    "admin.zone.Africa": T(en="Africa", et="Aafrika", ru="Африка"),
    "admin.zone.America": T(en="America", et="Ameerika", ru="Америка"),
    "admin.zone.Antarctica": T(en="Antarctica", et="Antarktis", ru="Антарктида"),
    "admin.zone.Arctic": T(en="Arctic", et="Arktika", ru="Арктика"),
    "admin.zone.Asia": T(en="Asia", et="Aasia", ru="Азия"),
    "admin.zone.Atlantic": T(en="Atlantic Ocean", et="Atlandi ookean", ru="Атлантический океан"),
    "admin.zone.Australia": T(en="Australia", et="Austraalia", ru="Австралия"),
    "admin.zone.Europe": T(en="Europe", et="Euroopa", ru="Европа"),
    "admin.zone.Indian": T(en="Indian Ocean", et="India ookean", ru="Индийский океан"),
    "admin.zone.Pacific": T(en="Pacific Ocean", et="Vaikne ookean", ru="Тихий океан"),
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
