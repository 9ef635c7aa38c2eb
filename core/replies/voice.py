"""What the receptionist says on the phone only: the call's own sentences around the
conversation (greeting, keypad languages, silence, transfers, trouble). Spoken form only;
each keypad offer is said in its own language, by that language's voice."""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    "voice_greeting": Phrase(
        en="Hello, this is reception. Who are you here to see?",
        et="Tere, siin on vastuvõtt. Kelle juurde te tulite?",
        ru="Здравствуйте, это ресепшен. К кому вы пришли?",
    ),
    "voice_recording_notice": Phrase(
        en="Please note that this call is recorded.",
        et="Palun arvestage, et see kõne salvestatakse.",
        ru="Обратите внимание: этот звонок записывается.",
    ),
    # The greeting's tail: the other languages offer themselves, each in its own words.
    "voice_keypad_choice": Phrase(
        en="For English, press one.",
        et="Eesti keele jaoks vajutage kaks.",
        ru="Для русского языка нажмите три.",
    ),
    "voice_language_switched": Phrase(
        en="All right, let's continue in English.",
        et="Hästi, jätkame eesti keeles.",
        ru="Хорошо, продолжим на русском.",
    ),
    "voice_reprompt": Phrase(
        en="Sorry, I didn't hear anything. Are you still there?",
        et="Vabandust, ma ei kuulnud midagi. Kas olete veel liinil?",
        ru="Простите, вас не слышно. Вы ещё на линии?",
    ),
    "voice_silence_goodbye": Phrase(
        en="I still can't hear anything, so I'll end the call now. Goodbye!",
        et="Ma ei kuule endiselt midagi, seega lõpetan kõne. Head aega!",
        ru="Вас по-прежнему не слышно, поэтому я завершаю звонок. До свидания!",
    ),
    "voice_silence_transfer": Phrase(
        en="I still can't hear anything, so I'll put you through to the front desk.",
        et="Ma ei kuule endiselt midagi, seega ühendan teid infolauaga.",
        ru="Вас по-прежнему не слышно, поэтому соединяю вас с ресепшеном.",
    ),
    "voice_transferring": Phrase(
        en="I'm putting you through to the front desk now.",
        et="Ühendan teid nüüd infolauaga.",
        ru="Соединяю вас с ресепшеном.",
    ),
    "voice_no_transfer": Phrase(
        en="Sorry, I can't put you through to the front desk right now.",
        et="Vabandust, ma ei saa teid praegu infolauaga ühendada.",
        ru="Извините, сейчас не получается соединить вас с ресепшеном.",
    ),
    "voice_sorry_technical": Phrase(
        en="Sorry, I'm having a technical problem.",
        et="Vabandust, mul tekkis tehniline viga.",
        ru="Извините, у меня техническая неполадка.",
    ),
    "voice_call_again": Phrase(
        en="Please call again in a moment. Goodbye!",
        et="Palun helistage hetke pärast uuesti. Head aega!",
        ru="Пожалуйста, перезвоните чуть позже. До свидания!",
    ),
    # The lobby kiosk: the same conversation, said to someone standing at the desk.
    "kiosk_greeting": Phrase(
        en="Hello and welcome! Who are you here to see?",
        et="Tere ja tere tulemast! Kelle juurde te tulite?",
        ru="Здравствуйте, добро пожаловать! К кому вы пришли?",
    ),
    "kiosk_reprompt": Phrase(
        en="Sorry, I didn't hear anything. Are you still there?",
        et="Vabandust, ma ei kuulnud midagi. Kas te olete veel siin?",
        ru="Простите, вас не слышно. Вы ещё здесь?",
    ),
    "kiosk_silence_goodbye": Phrase(
        en="I still can't hear anyone, so I'll start over for the next visitor. Goodbye!",
        et="Ma ei kuule endiselt kedagi, seega alustan järgmise külalise jaoks otsast. Head aega!",
        ru=(
            "Я по-прежнему никого не слышу, поэтому начну заново для следующего посетителя."
            " До свидания!"
        ),
    ),
    # The kiosk's own wording of the sentences above (`KIOSK_STYLE`'s variant): a visitor
    # in the lobby is not put through anywhere; the front desk is told and comes to them.
    "voice_transferring.kiosk": Phrase(
        en="Someone from the front desk is on their way to you. Please wait here.",
        et="Keegi infolauast tuleb kohe teie juurde. Palun oodake siin.",
        ru="Сейчас к вам подойдёт сотрудник ресепшена. Пожалуйста, подождите здесь.",
    ),
    "voice_no_transfer.kiosk": Phrase(
        en="Sorry, I can't reach the front desk right now. Please ask a member of staff.",
        et="Vabandust, ma ei saa praegu infolauaga ühendust. Palun pöörduge mõne töötaja poole.",
        ru=(
            "Извините, сейчас не удаётся связаться с ресепшеном."
            " Пожалуйста, обратитесь к сотруднику."
        ),
    ),
    "voice_call_again.kiosk": Phrase(
        en="Please ask a member of staff for help. Goodbye!",
        et="Palun pöörduge abi saamiseks mõne töötaja poole. Head aega!",
        ru="Пожалуйста, обратитесь за помощью к сотруднику. До свидания!",
    ),
}
