"""The words printed on a visitor's badge, in the office language (names as typed)."""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    "badge_title": Phrase(en="VISITOR", et="KÜLALINE", ru="ПОСЕТИТЕЛЬ"),
    "badge_host": Phrase(en="Host: {host}", et="Võõrustaja: {host}", ru="Встречает: {host}"),
    "badge_group": Phrase(
        en="Group of {count}", et="Grupis {count} inimest", ru="Группа: {count} чел."
    ),
}
