"""What a visitor reads by text message: the keyword answers, and shorter SMS wordings.

A key ending in `.sms` is the SMS wording of the key before it (`ChannelStyle.variant`).
Each segment of a text costs money and a message with a letter outside the GSM alphabet
(õ, š, ž, any Cyrillic) holds 70 characters a segment instead of 160, so these aim at
one segment where the words allow it and two otherwise. The Estonian wordings avoid õ
where a natural sentence can — "ja" for "või", "infolaud" for "vastuvõtt" — which lets
an Estonian message with plain names travel in the GSM alphabet. Every one is measured
in tests/sms/test_sms_replies.py and printed by bench/sms_segments.py.
"""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    # --- keywords --------------------------------------------------------------------
    "sms_stopped": Phrase(
        en="You won't get any more texts from us. Text START to resume.",
        et="Te ei saa meilt enam sõnumeid. Uuesti alustamiseks saatke START.",
        ru="Больше не будем вам писать. Чтобы возобновить, отправьте START.",
    ),
    "sms_resumed": Phrase(
        en="Texts are back on.",
        et="Sõnumid on taas sisse lülitatud.",
        ru="Сообщения снова включены.",
    ),
    "sms_help": Phrase(
        en="This is the reception desk. Text the name of the person you're visiting to check "
        "in. Text STOP to opt out.",
        et="Siin infolaud. Registreerimiseks kirjutage, kelle juurde tulite. "
        "Loobumiseks saatke STOP.",
        ru="Это ресепшен. Напишите, к кому вы пришли. Отписаться: STOP.",
    ),
    "sms_text_only": Phrase(
        en="Sorry, I can only read text.",
        et="Vabandust, saan lugeda ainult teksti.",
        ru="Извините, я читаю только текст.",
    ),
    # --- shorter SMS wordings of check-in phrases --------------------------------------
    "checked_in.sms": Phrase(
        en="Done, {name}: you're checked in and {host} knows you're here. Please pick up "
        "your badge at the front desk.",
        et="Olete registreeritud, {name}, ja {host} teab, et olete kohal. "
        "Külastajakaardi saate infolauast.",
        ru="Готово, {name}! Вы зарегистрированы, {host} уже знает о вашем приходе. "
        "Бейдж можно забрать на ресепшене.",
    ),
    "checked_in_group.sms": Phrase(
        en="Done, {name}: your group of {count} is checked in and {host} knows you're here. "
        "Please pick up your badges at the front desk.",
        et="Teie {count}-liikmeline seltskond on registreeritud, {name}, ja {host} teab, et "
        "olete kohal. Külastajakaardid saate infolauast.",
        ru="Готово, {name}! Группа из {count} человек зарегистрирована, {host} уже знает о "
        "вашем приходе. Бейджи — на ресепшене.",
    ),
    "ask_host_again.sms": Phrase(
        en="Sorry about that. Who are you here to see? A surname or a department helps.",
        et="Vabandust. Kelle juurde te tulite? Abiks on perekonnanimi ja osakond.",
        ru="Извините. К кому вы пришли? Подскажите фамилию или отдел.",
    ),
    # (The spoken forms below exist because every phrase has one; SMS never speaks.)
    "not_found.sms": Phrase(
        en=(
            "I couldn't find anyone called “{query}”. Please check the spelling, or tell me "
            "their department.",
            "I couldn't find anyone called {query}. Please check the spelling, or tell me "
            "their department.",
        ),
        et=(
            "Ma ei leidnud kedagi nimega „{query}“. Palun kontrollige nime. Abiks on ka osakond.",
            "Ma ei leidnud kedagi nimega {query}. Palun kontrollige nime. Abiks on ka osakond.",
        ),
        ru=(
            "Не нахожу «{query}». Проверьте написание или назовите отдел.",
            "Не нахожу {query}. Проверьте написание или назовите отдел.",
        ),
    ),
    "too_many.sms": Phrase(
        en=(
            "Several people match “{query}”. Which surname or department?",
            "Several people match {query}. Which surname or department?",
        ),
        et=(
            "Nimele „{query}“ vastab mitu inimest. Kirjutage ka perekonnanimi ja osakond.",
            "Nimele {query} vastab mitu inimest. Kirjutage ka perekonnanimi ja osakond.",
        ),
        ru=(
            "Под «{query}» подходят несколько человек. Фамилия или отдел?",
            "Под {query} подходят несколько человек. Фамилия или отдел?",
        ),
    ),
    "disambiguate.sms": Phrase(
        en="I found {count}: {options}. Which one?",
        et="Leidsin {count}: {options}. Keda neist?",
        ru="Подходят: {options}. Кого именно?",
    ),
    "choose_again.sms": Phrase(
        en="Sorry, which one: {options}? The surname is enough.",
        et="Vabandust, keda neist: {options}? Piisab perekonnanimest.",
        ru="Простите, кого именно: {options}? Достаточно фамилии.",
    ),
    "cant_answer.sms": Phrase(
        en="I'm afraid I don't know that — the front desk can help.",
        et="Seda ma kahjuks ei tea – infolauas aidatakse teid.",
        ru="К сожалению, не знаю — на ресепшене вам помогут.",
    ),
    "delivery_done.sms": Phrase(
        en="Thank you! Please leave it at the front desk — {recipient} has been told.",
        et="Aitäh! Palun jätke saadetis infolauda – {recipient} on teavitatud.",
        ru="Спасибо! Оставьте доставку на ресепшене — {recipient} уже в курсе.",
    ),
    "welcome_back.sms": Phrase(
        en="Welcome back, {name}! {host} knows you're coming and has been told you're here. "
        "Please pick up your badge at the front desk.",
        et="Tere tulemast, {name}! {host} ootab teid ja teab, et olete kohal. "
        "Külastajakaardi saate infolauast.",
        ru="Добро пожаловать, {name}! {host} вас ждёт и уже знает, что вы пришли. "
        "Бейдж — на ресепшене.",
    ),
    # --- the host's answer, relayed by text ------------------------------------------
    "host_send_up.sms": Phrase(
        en="{host} asks you to come up; the front desk will show you the way.",
        et="{host} palub teil üles tulla, infolaud juhatab teed.",
        ru="{host} просит вас подняться, на ресепшене подскажут дорогу.",
    ),
    "host_cant_make_it.sms": Phrase(
        en="Sorry, {host} can't make it right now. The front desk will look after you.",
        et="Kahjuks ei saa {host} praegu tulla. Infolaud aitab teid edasi.",
        ru="К сожалению, {host} не может подойти. Вам поможет ресепшен.",
    ),
}

# Without a badge printer the badge waits at the front desk, where these SMS wordings already
# send the visitor: the `_collect` keys share them.
for _key in ("checked_in", "checked_in_group", "welcome_back"):
    PHRASES[f"{_key}_collect.sms"] = PHRASES[f"{_key}.sms"]
