"""What the phone line says outside a conversation: to the person who answers a
transferred call, on a call the office places, and when the voice channel is down.

The whisper and the placed call are heard by staff, so they are said in the staff
language; the "line unavailable" sentences are heard by the caller.
"""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    "call_whisper": Phrase(
        en="The front desk is putting a caller through to you. {summary}",
        et="Infolaud suunab teile kõne. {summary}",
        ru="Ресепшен переводит на вас звонок. {summary}",
    ),
    "call_purpose": Phrase(
        en="Hello, this is a call from the front desk. {purpose}",
        et="Tere, see on kõne infolauast. {purpose}",
        ru="Здравствуйте, это звонок с ресепшена. {purpose}",
    ),
    "call_purpose_again": Phrase(
        en="Once again: {purpose}",
        et="Kordan: {purpose}",
        ru="Повторяю: {purpose}",
    ),
    "call_transfer_no_answer": Phrase(
        en=(
            "Sorry, nobody at the front desk could answer. "
            "Please try again later, or send a text message to this number."
        ),
        et=(
            "Vabandust, infolauas ei saanud praegu keegi vastata. "
            "Palun proovige hiljem uuesti või saatke sellele numbrile sõnum."
        ),
        ru=(
            "Извините, на ресепшене сейчас никто не смог ответить. "
            "Пожалуйста, перезвоните позже или отправьте СМС на этот номер."
        ),
    ),
    "call_line_unavailable": Phrase(
        en=(
            "Sorry, the receptionist can't take calls right now. "
            "Please try again later, or send a text message to this number."
        ),
        et=(
            "Vabandust, vastuvõtt ei saa praegu kõnedele vastata. "
            "Palun proovige hiljem uuesti või saatke sellele numbrile sõnum."
        ),
        ru=(
            "Извините, сейчас ресепшен не может ответить на звонок. "
            "Пожалуйста, перезвоните позже или отправьте СМС на этот номер."
        ),
    ),
    "call_line_unavailable_transfer": Phrase(
        en="Sorry, the automated receptionist isn't available right now. "
        "I'll put you through to the front desk.",
        et="Vabandust, automaatvastaja pole praegu saadaval. Ühendan teid infolauaga.",
        ru="Извините, автоответчик сейчас недоступен. Соединяю вас с ресепшеном.",
    ),
}
