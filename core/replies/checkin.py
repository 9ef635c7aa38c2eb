"""What the receptionist says to a visitor during check-in, deliveries and hand-overs.

Names stay in the nominative in every language, which is why some phrasings are built
around them; Russian sentences avoid first-person past tense (я нашла/нашёл) so the
receptionist has no grammatical gender.
"""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    # --- openings --------------------------------------------------------------------
    "hello": Phrase(en="Hello!", et="Tere!", ru="Здравствуйте!"),
    "welcome": Phrase(
        en="Hello and welcome! Who are you here to see?",
        et="Tere ja tere tulemast! Kelle juurde te tulite?",
        ru="Здравствуйте, добро пожаловать! К кому вы пришли?",
    ),
    "ask_host": Phrase(
        en="Who are you here to see?",
        et="Kelle juurde te tulite?",
        ru="К кому вы пришли?",
    ),
    "ask_host_again": Phrase(
        en="Sorry about that. Who are you here to see? A surname or a department helps.",
        et="Vabandust. Kelle juurde te tulite? Perekonnanimi või osakond aitab mind.",
        ru="Извините. К кому вы пришли? Подскажите, пожалуйста, фамилию или отдел.",
    ),
    # --- finding the host ------------------------------------------------------------
    "confirm_host": Phrase(
        en=("Just to confirm: {who} — is that right?", "Just to confirm: {who}. Is that right?"),
        et=("Täpsustan: {who} – kas on õige?", "Täpsustan: {who}. Kas on õige?"),
        ru=("Уточню: {who} — верно?", "Уточню: {who}. Верно?"),
    ),
    "confirm_again": Phrase(
        en="Sorry, I need a yes or a no: is it {who}?",
        et="Vabandust, palun vastake jah või ei: kas {who}?",
        ru="Простите, ответьте, пожалуйста, да или нет: {who}?",
    ),
    "disambiguate": Phrase(
        en="I found {count} people who match: {options}. Which one do you mean?",
        et="Leidsin {count} sobivat inimest: {options}. Keda neist te mõtlete?",
        ru="Подходят несколько человек: {options}. Кого из них вы имеете в виду?",
    ),
    "choose_again": Phrase(
        en="Sorry, which one: {options}? The surname or the department is enough.",
        et="Vabandust, keda neist: {options}? Piisab perekonnanimest või osakonnast.",
        ru="Простите, кого именно: {options}? Достаточно фамилии или отдела.",
    ),
    "too_many": Phrase(
        en=(
            "Several people match “{query}”. Could you tell me the surname or the department?",
            "Several people match {query}. Could you tell me the surname or the department?",
        ),
        et=(
            "Nimele „{query}“ vastab mitu inimest. Palun öelge perekonnanimi või osakond.",
            "Sellele nimele vastab mitu inimest. Palun öelge perekonnanimi või osakond.",
        ),
        ru=(
            "Под «{query}» подходят несколько человек. Назовите, пожалуйста, фамилию или отдел.",
            "Под это имя подходят несколько человек. Назовите, пожалуйста, фамилию или отдел.",
        ),
    ),
    "not_found": Phrase(
        en=(
            "I couldn't find anyone called “{query}”. Could you check the spelling, "
            "or tell me their department?",
            "I couldn't find anyone by that name. Could you say it again, "
            "or tell me their department?",
        ),
        et=(
            "Ma ei leidnud kedagi nimega „{query}“. Kas saaksite nime üle kontrollida "
            "või öelda osakonna?",
            "Ma ei leidnud selle nimega kedagi. Kas saaksite nime korrata või öelda osakonna?",
        ),
        ru=(
            "Не могу найти сотрудника по имени «{query}». Проверьте, пожалуйста, "
            "написание или назовите отдел.",
            "Не могу найти сотрудника с таким именем. Повторите, пожалуйста, или назовите отдел.",
        ),
    ),
    "inactive": Phrase(
        en="{who} no longer works here. Would you like me to get someone from the front desk?",
        et="{who} meil enam ei tööta. Kas kutsun kellegi infolauast?",
        ru="{who} у нас больше не работает. Позвать кого-нибудь с ресепшена?",
    ),
    # --- the visitor -----------------------------------------------------------------
    "host_noted": Phrase(en="{who}, got it.", et="Selge, {who}.", ru="Хорошо, {who}."),
    "ask_name": Phrase(
        en="May I have your name, please?",
        et="Kuidas on teie nimi?",
        ru="Как вас зовут?",
    ),
    "ask_company": Phrase(
        en="Thank you, {name}. Which company are you from?",
        et="Aitäh, {name}! Millisest ettevõttest te olete?",
        ru="Спасибо, {name}! Из какой вы компании?",
    ),
    "party_noted": Phrase(
        en="A group of {count} — noted.",
        et="Selge, teid on {count}.",
        ru=("Хорошо, вас {count}.", "Хорошо, вас {count_collective}."),
    ),
    "checked_in": Phrase(
        en=(
            "All done, {name}: you're checked in, and {host} has been told you're here. "
            "Please take a seat — your badge is printing.",
            "All done, {name}. You're checked in, and {host} knows you're here. "
            "Please take a seat. Your badge is printing.",
        ),
        et=(
            "Olete registreeritud, {name}, ja {host} on teie saabumisest teavitatud. "
            "Palun võtke istet – külastajakaart tuleb kohe printerist.",
            "Olete registreeritud, {name}, ja {host} on teie saabumisest teavitatud. "
            "Palun võtke istet. Külastajakaart tuleb kohe printerist.",
        ),
        ru=(
            "Готово, {name}! Вы зарегистрированы, {host} уже знает о вашем приходе. "
            "Присаживайтесь, пожалуйста, — ваш бейдж печатается.",
            "Готово, {name}! Вы зарегистрированы, {host} уже знает о вашем приходе. "
            "Присаживайтесь, пожалуйста. Ваш бейдж печатается.",
        ),
    ),
    "checked_in_group": Phrase(
        en=(
            "All done, {name}: your group of {count} is checked in, and {host} has been "
            "told you're here. Please take a seat — your badges are printing.",
            "All done, {name}. Your group of {count} is checked in, and {host} knows "
            "you're here. Please take a seat. Your badges are printing.",
        ),
        et=(
            "Teie {count}-liikmeline seltskond on registreeritud, {name}, ja {host} on "
            "teie saabumisest teavitatud. Palun võtke istet – külastajakaardid tulevad kohe "
            "printerist.",
            "Teie seltskond on registreeritud, {name}. Teid on {count} ja {host} on "
            "teie saabumisest teavitatud. Palun võtke istet. Külastajakaardid tulevad kohe "
            "printerist.",
        ),
        ru=(
            "Готово, {name}! Ваша группа из {count} человек зарегистрирована, {host} уже "
            "знает о вашем приходе. Присаживайтесь, пожалуйста, — бейджи печатаются.",
            "Готово, {name}! Ваша группа из {count_genitive} человек зарегистрирована, "
            "{host} уже знает о вашем приходе. Присаживайтесь, пожалуйста. Бейджи печатаются.",
        ),
    ),
    # The same, when no badge printer is configured: the visitor's badge is made at the
    # front desk, so they are sent there rather than told it is printing.
    "checked_in_collect": Phrase(
        en=(
            "All done, {name}: you're checked in, and {host} has been told you're here. "
            "Please collect your badge at the front desk.",
            "All done, {name}. You're checked in, and {host} knows you're here. "
            "Please pick up your badge at the front desk.",
        ),
        et=(
            "Olete registreeritud, {name}, ja {host} on teie saabumisest teavitatud. "
            "Külastajakaardi saate infolauast.",
            "Olete registreeritud, {name}, ja {host} on teie saabumisest teavitatud. "
            "Külastajakaardi saate infolauast.",
        ),
        ru=(
            "Готово, {name}! Вы зарегистрированы, {host} уже знает о вашем приходе. "
            "Бейдж, пожалуйста, заберите на ресепшене.",
            "Готово, {name}! Вы зарегистрированы, {host} уже знает о вашем приходе. "
            "Бейдж, пожалуйста, заберите на ресепшене.",
        ),
    ),
    "checked_in_group_collect": Phrase(
        en=(
            "All done, {name}: your group of {count} is checked in, and {host} has been "
            "told you're here. Please collect your badges at the front desk.",
            "All done, {name}. Your group of {count} is checked in, and {host} knows "
            "you're here. Please pick up your badges at the front desk.",
        ),
        et=(
            "Teie {count}-liikmeline seltskond on registreeritud, {name}, ja {host} on "
            "teie saabumisest teavitatud. Külastajakaardid saate infolauast.",
            "Teie seltskond on registreeritud, {name}. Teid on {count} ja {host} on "
            "teie saabumisest teavitatud. Külastajakaardid saate infolauast.",
        ),
        ru=(
            "Готово, {name}! Ваша группа из {count} человек зарегистрирована, {host} уже "
            "знает о вашем приходе. Бейджи, пожалуйста, заберите на ресепшене.",
            "Готово, {name}! Ваша группа из {count_genitive} человек зарегистрирована, "
            "{host} уже знает о вашем приходе. Бейджи, пожалуйста, заберите на ресепшене.",
        ),
    ),
    "all_set": Phrase(
        en="You're all set — {host} knows you're here.",
        et="Kõik on korras – {host} teab, et olete kohal.",
        ru="Всё готово — {host} уже знает, что вы здесь.",
    ),
    # --- deliveries ------------------------------------------------------------------
    "delivery_ask_recipient": Phrase(
        en="Thanks! Who is the delivery for? A name or a department is fine.",
        et="Aitäh! Kellele saadetis on? Piisab nimest või osakonnast.",
        ru="Спасибо! Для кого доставка? Достаточно имени или отдела.",
    ),
    "delivery_done": Phrase(
        en="Thank you! Please leave it at the front desk — {recipient} has been notified.",
        et="Aitäh! Palun jätke saadetis infolauda – {recipient} on teavitatud.",
        ru="Спасибо! Оставьте, пожалуйста, доставку на ресепшене — {recipient} уже в курсе.",
    ),
    "recipient_department": Phrase(
        en="the {department} team", et="osakond {department}", ru="отдел {department}"
    ),
    "recipient_front_desk": Phrase(en="the front desk", et="infolaud", ru="ресепшен"),
    # --- help, people, endings -------------------------------------------------------
    "didnt_understand": Phrase(
        en="Sorry, I didn't quite get that.",
        et="Vabandust, ma ei saanud päris hästi aru.",
        ru="Простите, не совсем понятно.",
    ),
    "offer_human": Phrase(
        en="Sorry, I'm having trouble understanding. Would you like me to get someone "
        "from the front desk?",
        et="Vabandust, ma ei saa hästi aru. Kas kutsun kellegi infolauast?",
        ru="Простите, я вас не совсем понимаю. Позвать кого-нибудь с ресепшена?",
    ),
    "offer_human_again": Phrase(
        en="Shall I get someone from the front desk — yes or no?",
        et="Kas kutsun kellegi infolauast – jah või ei?",
        ru="Позвать кого-нибудь с ресепшена — да или нет?",
    ),
    "human_declined": Phrase(en="All right.", et="Hästi.", ru="Хорошо."),
    "transfer": Phrase(
        en="Of course. Someone from the front desk will be with you shortly.",
        et="Muidugi. Kolleeg infolauast tuleb kohe teie juurde.",
        ru="Конечно. Сейчас к вам подойдёт сотрудник ресепшена.",
    ),
    "transfer.kiosk": Phrase(  # `KIOSK_STYLE`: the visitor waits at the kiosk
        en="Of course. Someone from the front desk is on their way to you. Please wait here.",
        et="Muidugi. Keegi infolauast tuleb kohe teie juurde. Palun oodake siin.",
        ru="Конечно. Сейчас к вам подойдёт сотрудник ресепшена. Пожалуйста, подождите здесь.",
    ),
    "cant_answer": Phrase(
        en="I'm afraid I don't know that — the front desk will be happy to help.",
        et="Seda ma kahjuks ei tea – infolauas aidatakse teid hea meelega.",
        ru="К сожалению, этого я не знаю — на ресепшене вам с удовольствием помогут.",
    ),
    "goodbye": Phrase(
        en="Goodbye, and have a nice day!",
        et="Head aega ja ilusat päeva!",
        ru="До свидания, хорошего дня!",
    ),
    "you_are_welcome": Phrase(
        en="You're welcome! Have a good meeting.",
        et="Palun väga! Head kohtumist!",
        ru="Пожалуйста! Хорошей встречи!",
    ),
    "knowledge": Phrase(en="{text}", et="{text}", ru="{text}"),  # an answer the knowledge seam gave
    # --- while working ---------------------------------------------------------------
    "filler": Phrase(
        en=("One moment…", "One moment."),
        et=("Üks hetk…", "Üks hetk."),
        ru=("Одну секунду…", "Одну секунду."),
    ),
}
