"""The chat page's own words (the receptionist's sentences live in `core/replies`)."""

from __future__ import annotations

from web.i18n.message import Message, Text

MESSAGES: dict[str, Message] = {
    "chat.title": Text(en="Reception", et="Vastuvõtt", ru="Ресепшен"),
    "chat.page_title": Text(
        en="Reception — frontdesk", et="Vastuvõtt — frontdesk", ru="Ресепшен — frontdesk"
    ),
    "chat.languages": Text(en="Language", et="Keel", ru="Язык"),
    "chat.message_label": Text(en="Your message", et="Teie sõnum", ru="Ваше сообщение"),
    "chat.placeholder": Text(en="Type a message…", et="Kirjutage sõnum…", ru="Введите сообщение…"),
    "chat.send": Text(en="Send", et="Saada", ru="Отправить"),
    "chat.error_start": Text(
        en="The chat could not be started. Please try again in a moment.",
        et="Vestlust ei õnnestunud alustada. Palun proovige hetke pärast uuesti.",
        ru="Не удалось начать чат. Пожалуйста, попробуйте ещё раз чуть позже.",
    ),
    "chat.error_answer": Text(
        en="The receptionist could not answer. Please try again.",
        et="Administraator ei saanud vastata. Palun proovige uuesti.",
        ru="Администратор не смог ответить. Пожалуйста, попробуйте ещё раз.",
    ),
    "chat.done": Text(en="Done", et="Valmis", ru="Готово"),
}
