"""What the receptionist says about bookings: making one ahead, arriving with a code or a
name, cancelling and moving one — and what the host is told about it.

Dates, times, hours and codes arrive as values (`core.replies.values`) that read right in
each language and style, so a sentence never formats a date. Estonian sentences put a
name where the nominative fits ("Kelle juurde: Jüri Tamm"); Russian ones avoid the
receptionist's past tense and the visitor's gender ("Новая запись к вам: …").
"""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    # --- making a booking ------------------------------------------------------------
    "booking_start": Phrase(
        en="Happy to book a visit for you.",
        et="Panen teile hea meelega külastuse aja kinni.",
        ru="С удовольствием запишу вас на визит.",
    ),
    "booking_ask_host": Phrase(
        en="Who would you like to visit?",
        et="Kelle juurde te soovite tulla?",
        ru="К кому вы хотите прийти?",
    ),
    "booking_ask_day": Phrase(
        en="Which day would you like to come?",
        et="Mis päeval soovite tulla?",
        ru="В какой день вам удобно прийти?",
    ),
    "booking_which_day": Phrase(
        en=(
            "I need the exact day: for example Tuesday, or the 17th.",
            "I need the exact day: for example Tuesday, or the seventeenth.",
        ),
        et=(
            "Vajan täpset päeva: näiteks teisipäev või 17. kuupäev.",
            "Vajan täpset päeva: näiteks teisipäev või seitsmeteistkümnes kuupäev.",
        ),
        ru=(
            "Нужен точный день: например, вторник или 17-е число.",
            "Нужен точный день: например, вторник или семнадцатое число.",
        ),
    ),
    "booking_ask_time": Phrase(
        en="And at what time? On {day} we're open {hours}.",
        et="Mis kell? Oleme {day} avatud {hours}.",
        ru="В какое время вам удобно? Мы работаем {day} {hours}.",
    ),
    "booking_past": Phrase(
        en="That time has already passed.",
        et="See aeg on juba möödas.",
        ru="Это время уже прошло.",
    ),
    "booking_closed_day": Phrase(
        en="Sorry, we're closed on {day}. We're open {hours}.",
        et="Kahjuks oleme {day} suletud. Oleme avatud {hours}.",
        ru="К сожалению, {day} мы закрыты. Мы работаем {hours}.",
    ),
    "booking_outside_hours": Phrase(
        en="Sorry, on {day} we're only open {hours}.",
        et="Kahjuks oleme {day} avatud ainult {hours}.",
        ru="К сожалению, {day} мы работаем только {hours}.",
    ),
    "booking_ask_time_again": Phrase(
        en="What time would suit you?",
        et="Mis kell teile sobiks?",
        ru="В какое время вам будет удобно?",
    ),
    "booking_too_far": Phrase(
        en="I can book visits up to a year ahead.",
        et="Saan külastusi broneerida kuni aasta ette.",
        ru="Записать можно не больше чем на год вперёд.",
    ),
    "booking_ask_purpose": Phrase(
        en="What is the visit about?",
        et="Mis on külastuse eesmärk?",
        ru="Какова цель визита?",
    ),
    "booking_ask_contact": Phrase(
        en="Last thing: a phone number or an e-mail address where we can reach you?",
        et="Ja viimaseks: telefoninumber või e-posti aadress, mille kaudu teiega ühendust saab?",
        ru="И последнее: телефон или электронная почта для связи?",
    ),
    # A phone number is stored in E.164, so it needs its country code (core/text/phones.py).
    "booking_bad_contact": Phrase(
        en=(
            "Sorry, I need an e-mail address or a phone number with its country code, "
            "like +372 5123 4567.",
            "Sorry, I need an e-mail address or a phone number with its country code, "
            "starting with plus.",
        ),
        et=(
            "Vabandust, vajan e-posti aadressi või telefoninumbrit koos riigikoodiga, "
            "näiteks +372 5123 4567.",
            "Vabandust, vajan e-posti aadressi või telefoninumbrit koos riigikoodiga, "
            "mis algab plussiga.",
        ),
        ru=(
            "Простите, мне нужен адрес почты или номер телефона с кодом страны, "
            "например +372 5123 4567.",
            "Простите, мне нужен адрес почты или номер телефона с кодом страны, начиная с плюса.",
        ),
    ),
    "visitor_with_company": Phrase(
        en="{name} from {company}",
        et="{name} ettevõttest {company}",
        ru="{name} из компании {company}",
    ),
    "booking_readback": Phrase(
        en="Let me read that back. {visitor}, visiting {host} on {when}. Purpose: {purpose}. "
        "Contact: {contact}. Shall I book it?",
        et="Kontrollime üle. Külastaja: {visitor}. Kelle juurde: {host}. Aeg: {when}. "
        "Eesmärk: {purpose}. Kontakt: {contact}. Kas panen aja kinni?",
        ru="Проверим. Посетитель: {visitor}. К кому: {host}. Когда: {when}. "
        "Цель визита: {purpose}. Контакт: {contact}. Всё верно, записываю?",
    ),
    "booking_change_what": Phrase(
        en="What should I change? Tell me a new day or time, or correct your name, company, "
        "purpose or contact.",
        et="Mida muudame? Öelge uus päev või kellaaeg või parandage nime, ettevõtet, "
        "eesmärki või kontakti.",
        ru="Что поправить? Назовите другой день или время либо исправьте имя, компанию, "
        "цель визита или контакт.",
    ),
    "booking_done": Phrase(
        en=(
            "Booked! Your code is {code}. Give it at reception when you arrive — or simply "
            "your name. {host} has been told you're coming.",
            "Booked! Your code is {code}. Say it at reception when you arrive, or simply "
            "your name. {host} has been told you're coming.",
        ),
        et=(
            "Aeg on kinni! Teie kood on {code}. Öelge see saabudes infolauas – või lihtsalt "
            "oma nimi. {host} on teie tulekust teavitatud.",
            "Aeg on kinni! Teie kood on {code}. Öelge see saabudes infolauas või lihtsalt "
            "oma nimi. {host} on teie tulekust teavitatud.",
        ),
        ru=(
            "Готово, вы записаны! Ваш код: {code}. Назовите его по приходе — или просто своё "
            "имя. {host} уже знает о вашем визите.",
            "Готово, вы записаны! Ваш код {code}. Назовите его по приходе или просто своё "
            "имя. {host} уже знает о вашем визите.",
        ),
    ),
    "booking_aborted": Phrase(
        en="No problem — nothing has been booked.",
        et="Pole probleemi – midagi ei broneeritud.",
        ru="Хорошо, запись не оформлена.",
    ),
    # --- arriving --------------------------------------------------------------------
    # On the phone a code may be typed on the keypad too (channels/voice/conversation.py).
    "arrival_ask_code": Phrase(
        en=(
            "Welcome! What's your booking code? If you don't have it at hand, just tell me "
            "your name.",
            "Welcome! What's your booking code? You can say it or type it on the keypad. If "
            "you don't have it at hand, just tell me your name.",
        ),
        et=(
            "Tere tulemast! Mis on teie broneeringu kood? Kui seda pole käepärast, öelge "
            "lihtsalt oma nimi.",
            "Tere tulemast! Mis on teie broneeringu kood? Võite selle öelda või "
            "klahvistikul sisestada. Kui seda pole käepärast, öelge lihtsalt oma nimi.",
        ),
        ru=(
            "Добро пожаловать! Назовите, пожалуйста, код брони. Если его нет под рукой, "
            "просто скажите своё имя.",
            "Добро пожаловать! Назовите, пожалуйста, код брони или наберите его на "
            "клавиатуре телефона. Если его нет под рукой, просто скажите своё имя.",
        ),
    ),
    "arrival_ask_name": Phrase(
        en="No problem — let me look you up among today's visitors. What's your name?",
        et="Pole probleemi – vaatan tänaste külaliste nimekirja. Kuidas on teie nimi?",
        ru="Ничего страшного — сейчас поищу вас среди сегодняшних гостей. Как вас зовут?",
    ),
    # A booking found by the visitor's name waits for its host: the question reveals
    # neither the booking nor whether there is one (a name without one hears it too).
    "arrival_ask_host": Phrase(
        en="Thank you, {name}. And who are you here to see?",
        et="Aitäh, {name}. Kelle juurde te tulite?",
        ru="Спасибо, {name}. К кому вы пришли?",
    ),
    "welcome_back": Phrase(
        en=(
            "Welcome back, {name}! {host} knows you're coming and has been told you're "
            "here. Please take a seat — your badge is printing.",
            "Welcome back, {name}! {host} knows you're coming and has been told you're "
            "here. Please take a seat. Your badge is printing.",
        ),
        et=(
            "Tere tulemast, {name}! {host} ootab teid ja on teie saabumisest teavitatud. "
            "Palun võtke istet – külastajakaart tuleb kohe printerist.",
            "Tere tulemast, {name}! {host} ootab teid ja on teie saabumisest teavitatud. "
            "Palun võtke istet. Külastajakaart tuleb kohe printerist.",
        ),
        ru=(
            "Добро пожаловать, {name}! {host} вас ждёт и уже знает, что вы пришли. "
            "Присаживайтесь, пожалуйста, — бейдж печатается.",
            "Добро пожаловать, {name}! {host} вас ждёт и уже знает, что вы пришли. "
            "Присаживайтесь, пожалуйста. Бейдж печатается.",
        ),
    ),
    "welcome_back_collect": Phrase(  # no badge printer: the badge is at the front desk
        en=(
            "Welcome back, {name}! {host} knows you're coming and has been told you're "
            "here. Please collect your badge at the front desk.",
            "Welcome back, {name}! {host} knows you're coming and has been told you're "
            "here. Please pick up your badge at the front desk.",
        ),
        et=(
            "Tere tulemast, {name}! {host} ootab teid ja on teie saabumisest teavitatud. "
            "Külastajakaardi saate infolauast.",
            "Tere tulemast, {name}! {host} ootab teid ja on teie saabumisest teavitatud. "
            "Külastajakaardi saate infolauast.",
        ),
        ru=(
            "Добро пожаловать, {name}! {host} вас ждёт и уже знает, что вы пришли. "
            "Бейдж, пожалуйста, заберите на ресепшене.",
            "Добро пожаловать, {name}! {host} вас ждёт и уже знает, что вы пришли. "
            "Бейдж, пожалуйста, заберите на ресепшене.",
        ),
    ),
    "arrival_other_day": Phrase(
        en="I have you down for {when} with {host}, {name} — no problem: I've checked you in "
        "now and told {host} you're here. Please take a seat; your badge is printing.",
        et="{name}, teie broneering on {when}, kohtumine: {host}. Pole hullu – registreerisin teid "
        "praegu ja andsin teada, et olete kohal. Palun võtke istet, külastajakaart tuleb "
        "kohe printerist.",
        ru="{name}, у вас запись на {when}, встреча: {host}. Ничего страшного — вы уже "
        "отмечены, и {host} знает, что вы пришли. Присаживайтесь, пожалуйста, — бейдж "
        "печатается.",
    ),
    "arrival_other_day_collect": Phrase(  # no badge printer: the badge is at the front desk
        en="I have you down for {when} with {host}, {name} — no problem: I've checked you in "
        "now and told {host} you're here. Please collect your badge at the front desk.",
        et="{name}, teie broneering on {when}, kohtumine: {host}. Pole hullu – registreerisin teid "
        "praegu ja andsin teada, et olete kohal. Külastajakaardi saate infolauast.",
        ru="{name}, у вас запись на {when}, встреча: {host}. Ничего страшного — вы уже "
        "отмечены, и {host} знает, что вы пришли. Бейдж, пожалуйста, заберите на ресепшене.",
    ),
    "already_checked_in": Phrase(
        en="You're already checked in, {name} — {host} knows you're here.",
        et="Olete juba registreeritud, {name} – {host} teab, et olete kohal.",
        ru="Вы уже зарегистрированы, {name}, — {host} знает, что вы здесь.",
    ),
    "code_not_found": Phrase(
        en="I can't find a booking with the code {code}. Could you check it? Your name works too.",
        et="Koodiga {code} broneeringut ei leitud. Palun kontrollige koodi – või öelge oma nimi.",
        ru="Брони с кодом {code} не найдено. Проверьте, пожалуйста, код — или назовите своё имя.",
    ),
    "too_many_tries": Phrase(
        en="Sorry, I can't check any more booking codes right now. Shall I get someone "
        "from the front desk to help you?",
        et="Vabandust, praegu ma rohkem broneeringukoode kontrollida ei saa. Kas kutsun "
        "kellegi infolauast appi?",
        ru="Извините, сейчас я больше не могу проверять коды брони. Позвать кого-нибудь "
        "с ресепшена, чтобы вам помогли?",
    ),
    "booking_was_cancelled": Phrase(
        en="That booking was cancelled. Who are you here to see?",
        et="See broneering on tühistatud. Kelle juurde te tulite?",
        ru="Эта бронь отменена. К кому вы пришли?",
    ),
    # --- cancelling and moving -------------------------------------------------------
    "manage_ask_code": Phrase(
        en=(
            "Of course. What's the booking code? It's in your booking confirmation.",
            "Of course. What's the booking code? You can say it or type it on the keypad.",
        ),
        et=(
            "Muidugi. Mis on broneeringu kood? See on teie broneeringu kinnituses.",
            "Muidugi. Mis on broneeringu kood? Võite selle öelda või klahvistikul sisestada.",
        ),
        ru=(
            "Конечно. Назовите, пожалуйста, код брони — он указан в подтверждении.",
            "Конечно. Назовите, пожалуйста, код брони или наберите его на клавиатуре телефона.",
        ),
    ),
    "manage_need_code": Phrase(
        en="To change a booking I need its code, sorry. What is it?",
        et="Broneeringu muutmiseks on mul kahjuks vaja selle koodi. Mis see on?",
        ru="Чтобы изменить бронь, нужен её код. Назовите его, пожалуйста.",
    ),
    "cancel_confirm": Phrase(
        en="Your visit to {host} on {when} — shall I cancel it?",
        et="Teie külastus: {host}, {when}. Kas tühistan selle?",
        ru="Ваш визит: {host}, {when}. Отменить его?",
    ),
    "booking_cancelled": Phrase(
        en="Done — your visit is cancelled, and {host} has been told.",
        et="Tehtud – külastus on tühistatud ja {host} on sellest teavitatud.",
        ru="Готово — визит отменён, {host} в курсе.",
    ),
    "move_ask_when": Phrase(
        en="When would you like to come instead?",
        et="Mis ajale soovite külastuse tõsta?",
        ru="На какое время перенести визит?",
    ),
    "move_confirm": Phrase(
        en="Your visit to {host} on {old} — shall I move it to {new}?",
        et="Teie külastus: {host}, praegu {old}. Uus aeg: {new}. Kas muudan?",
        ru="Ваш визит: {host}, сейчас {old}. Новое время: {new}. Переносим?",
    ),
    "booking_moved": Phrase(
        en="Done — your visit is now on {new}, and {host} has been told. Your code stays the same.",
        et="Tehtud – uus aeg on {new} ja {host} on teavitatud. Kood jääb samaks.",
        ru="Готово — новое время визита: {new}. {host} в курсе. Код остаётся прежним.",
    ),
    "nothing_changed": Phrase(
        en="All right, I'll leave it as it is.",
        et="Hästi, jätan kõik nii, nagu oli.",
        ru="Хорошо, оставляю всё как есть.",
    ),
    "booking_not_changeable": Phrase(
        en="That booking can't be changed any more. The front desk will be happy to help.",
        et="Seda broneeringut enam muuta ei saa. Infolauas aidatakse teid hea meelega.",
        ru="Эту бронь уже нельзя изменить. На ресепшене вам с удовольствием помогут.",
    ),
    # --- what the host is told (staff language) --------------------------------------
    "host_booking": Phrase(
        en="{visitor} has booked a visit with you on {when}. Purpose: {purpose}.",
        et="{visitor} broneeris teie juurde külastuse: {when}. Eesmärk: {purpose}.",
        ru="Новая запись к вам: {visitor}, {when}. Цель: {purpose}.",
    ),
    "host_booking_cancelled": Phrase(
        en="{visitor} has cancelled the visit on {when}.",
        et="Külastus on tühistatud: {visitor}, {when}.",
        ru="Визит отменён: {visitor}, {when}.",
    ),
    "host_booking_moved": Phrase(
        en="{visitor} has moved the visit to {new}; it was on {old}.",
        et="Külastus on ümber tõstetud: {visitor}, uus aeg {new}, varem {old}.",
        ru="Визит перенесён: {visitor}, новое время — {new}, прежнее — {old}.",
    ),
}
