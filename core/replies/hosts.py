"""A host's answer and what follows it: the buttons and reminders staff see (in the office
language) and the sentence the waiting visitor gets (in the visitor's language).

Russian avoids the past tense and short adjectives that would give the host a grammatical
gender ("не на связи", "не может подойти"); names stay in the nominative everywhere.
"""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    # --- to the visitor ------------------------------------------------------------
    "host_on_my_way": Phrase(
        en="{host} is on the way to meet you.",
        et="{host} on teile juba vastu tulemas.",
        ru="{host} уже идёт к вам.",
    ),
    "host_send_up": Phrase(
        en=(
            "{host} asks you to come up — the front desk will show you the way.",
            "{host} asks you to come up. The front desk will show you the way.",
        ),
        et=(
            "{host} palub teil üles tulla – infolauas juhatatakse teile teed.",
            "{host} palub teil üles tulla. Infolauas juhatatakse teile teed.",
        ),
        ru=(
            "{host} просит вас подняться — на ресепшене подскажут, как пройти.",
            "{host} просит вас подняться. На ресепшене подскажут, как пройти.",
        ),
    ),
    "host_cant_make_it": Phrase(
        en="I'm sorry, {host} can't make it right now. Someone from the front desk will look "
        "after you.",
        et="Kahjuks ei saa {host} praegu tulla. Infolaua töötaja aitab teid edasi.",
        ru="К сожалению, {host} сейчас не может подойти. Сотрудник ресепшена вам поможет.",
    ),
    # --- to the host ----------------------------------------------------------------
    "note_purpose": Phrase(en="Purpose: {purpose}", et="Eesmärk: {purpose}", ru="Цель: {purpose}"),
    "button_on_my_way": Phrase(en="On my way", et="Tulen kohe", ru="Уже иду"),
    "button_send_up": Phrase(en="Send them up", et="Saatke üles", ru="Пусть поднимаются"),
    "button_cant_make_it": Phrase(en="I can't make it", et="Ei saa tulla", ru="Не могу подойти"),
    "host_answered": Phrase(
        en="Your answer: {answer}. {visitor} has been told.",
        et="Teie vastus: {answer}. {visitor} on sellest teadlik.",
        ru="Ваш ответ: {answer}. {visitor} уже в курсе.",
    ),
    "host_reminder": Phrase(
        en="Reminder: {visitor} has been waiting at reception for {minutes} min.",
        et="Meeldetuletus: {visitor} on teid fuajees oodanud juba {minutes} min.",
        ru="Напоминание: {visitor} ждёт вас на ресепшене уже {minutes} мин.",
    ),
    # --- to the front desk ----------------------------------------------------------
    "host_unanswered": Phrase(
        en="{host} has not answered: {visitor} has been waiting at reception for {minutes} min.",
        et="{host} ei ole vastanud: {visitor} on fuajees oodanud juba {minutes} min.",
        ru="{host} не отвечает: {visitor} ждёт на ресепшене уже {minutes} мин.",
    ),
    "host_unreachable": Phrase(
        en="{host} could not be reached: {visitor} is waiting at reception.",
        et="{host} ei ole kättesaadav: {visitor} ootab fuajees.",
        ru="{host} не на связи: {visitor} ждёт на ресепшене.",
    ),
    "host_declined": Phrase(
        en="{host} can't make it: please look after {visitor} at reception.",
        et="{host} ei saa tulla. Palun võtke {visitor} fuajees vastu.",
        ru="{host} не может подойти. Пожалуйста, встретьте посетителя: {visitor}.",
    ),
}
